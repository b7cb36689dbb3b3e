package dev.pennant.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pennant.core.persistence.H2AuditSink;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.vault.AuditRecord;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view-model without a JavaFX toolkit: work and "FX" callbacks run inline. */
class VaultViewModelTest {
    private static final KdfParams FAST = new KdfParams(64, 1, 1);
    private static final KdfPolicy POLICY = new KdfPolicy(FAST, KdfPolicy.DEFAULT_CEILING);
    private static final String PASSWORD = "correct horse battery staple (test only)";
    private static final String SECRET = "test-secret-not-real-Qw3rTy";

    @TempDir
    Path dir;

    private void sampleVault() throws Exception {
        try (UnlockedVault v = VaultFile.create(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), FAST,
                VaultOptions.defaults().withPolicy(POLICY));
             NewEntry e = NewEntry.builder("main spot", EntryKind.BINANCE_SPOT).apiKey("test-key-not-real-1".toCharArray())
                     .secret(SECRET.toCharArray()).permissionsNotes("reading; withdrawals disabled; IP-restricted").build()) {
            v.put(e);
        }
    }

    @Test
    void wrongPasswordThenRetryThenLockNow() throws Exception {
        sampleVault();
        try (VaultViewModel vm = new VaultViewModel(dir, Duration.ofMinutes(15), POLICY, Runnable::run, Runnable::run)) {
            List<Boolean> results = new ArrayList<>();
            char[] wrong = "nope".toCharArray();
            vm.unlock(wrong, results::add);
            assertThat(results).containsExactly(false);
            assertThat(wrong).containsOnly('\0');
            assertThat(vm.errorProperty().get()).startsWith("Wrong password");
            assertThat(vm.unlockedProperty().get()).isFalse();
            assertThat(vm.keys()).isEmpty();

            vm.unlock(PASSWORD.toCharArray(), results::add);
            assertThat(results).containsExactly(false, true);
            assertThat(vm.errorProperty().get()).isEmpty();
            assertThat(vm.unlockedProperty().get()).isTrue();
            assertThat(vm.keys()).singleElement().satisfies(r -> {
                assertThat(r.label()).isEqualTo("main spot");
                assertThat(r.permissionsNotes()).contains("IP-restricted");
                assertThat(r.secret()).isEqualTo(VaultKeyRow.MASK);
                assertThat(r.apiKey()).isEqualTo(VaultKeyRow.MASK);
                assertThat(r.toString()).doesNotContain(SECRET).doesNotContain("test-key-not-real-1");
            });

            vm.lockNow();
            assertThat(vm.unlockedProperty().get()).isFalse();
            assertThat(vm.keys()).isEmpty();
            assertThat(vm.statusProperty().get()).isEqualTo("Vault locked");
        }
        try (H2AuditSink h2 = H2AuditSink.open(dir)) {
            assertThat(h2.records()).extracting(AuditRecord::type).containsExactly(AuditEventType.VAULT_UNLOCK_FAILED,
                    AuditEventType.VAULT_UNLOCKED, AuditEventType.VAULT_LOCKED);
            assertThat(h2.verify().ok()).isTrue();
        }
    }

    @Test
    void locksItselfAfterTheIdleTimeUnlessTouched() throws Exception {
        sampleVault();
        try (VaultViewModel vm = new VaultViewModel(dir, Duration.ofMillis(300), POLICY, Runnable::run, Runnable::run)) {
            // seen by a listener, not read after unlock() returns: a 300 ms stall of a loaded machine in between
            // would let the idle lock fire first
            List<Boolean> unlocked = new java.util.concurrent.CopyOnWriteArrayList<>();
            vm.unlockedProperty().addListener((o, was, now) -> unlocked.add(now));
            vm.unlock(PASSWORD.toCharArray(), ok -> { });
            assertThat(unlocked).as("unlocked first").startsWith(true);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (vm.unlockedProperty().get() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(vm.unlockedProperty().get()).isFalse();
            assertThat(vm.keys()).isEmpty();
        }
    }

    @Test
    void noVaultYetSaysHowToCreateOne() {
        try (VaultViewModel vm = new VaultViewModel(dir, Duration.ofMinutes(1), POLICY, Runnable::run, Runnable::run)) {
            assertThat(vm.vaultExists()).isFalse();
            List<Boolean> results = new ArrayList<>();
            vm.unlock("whatever".toCharArray(), results::add);
            assertThat(results).containsExactly(false);
            assertThat(vm.errorProperty().get()).contains("pennant vault init --data-dir");
        }
    }
}
