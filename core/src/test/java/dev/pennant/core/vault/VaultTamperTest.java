package dev.pennant.core.vault;

import static dev.pennant.core.vault.TestVaults.options;
import static dev.pennant.core.vault.TestVaults.pw;
import static dev.pennant.core.vault.VaultException.Reason.MALFORMED;
import static dev.pennant.core.vault.VaultException.Reason.NOT_A_VAULT;
import static dev.pennant.core.vault.VaultException.Reason.TRUNCATED;
import static dev.pennant.core.vault.VaultException.Reason.UNKNOWN_VERSION;
import static dev.pennant.core.vault.VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pennant.core.vault.VaultException.Reason;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bit flips in every byte region, truncation, unknown version, bad magic: the right error, nothing overwritten. */
class VaultTamperTest {
    @TempDir
    Path dir;
    Path file;
    Path bak;
    byte[] valid;
    byte[] validBak;

    @BeforeEach
    void setUp() throws Exception {
        file = TestVaults.sampleVault(dir);
        bak = VaultFile.backupPath(file);
        valid = Files.readAllBytes(file);
        validBak = Files.readAllBytes(bak);
    }

    private Reason unlockReason(byte[] content) throws Exception {
        Files.write(file, content);
        VaultException e = catchThrowableOfType(VaultException.class, () -> VaultFile.unlock(file, pw(), options()).lock());
        assertThat(e).as("unlock must fail").isNotNull();
        assertThat(Files.readAllBytes(file)).as("file untouched").isEqualTo(content);
        assertThat(Files.readAllBytes(bak)).as("backup untouched").isEqualTo(validBak);
        assertThat(e.getMessage()).doesNotContain(TestVaults.PASSWORD).doesNotContain(TestVaults.SECRET);
        return e.reason();
    }

    private String region(int i) {
        int n = valid.length;
        if (i < 4) return "magic";
        if (i < 6) return "version";
        if (i < 7) return "kdf-id";
        if (i < 8) return "parallelism";
        if (i < 12) return "memory";
        if (i < 16) return "iterations";
        if (i < 32) return "salt";
        if (i < 44) return "nonce";
        if (i < 48) return "ciphertext-length";
        if (i < n - 16) return "ciphertext";
        return "tag";
    }

    @Test
    void everyBitFlipInEveryRegionGivesTheRightError() throws Exception {
        Map<String, Set<Reason>> allowed = new LinkedHashMap<>();
        allowed.put("magic", EnumSet.of(NOT_A_VAULT));
        allowed.put("version", EnumSet.of(UNKNOWN_VERSION));
        allowed.put("kdf-id", EnumSet.of(MALFORMED));
        // a parameter change either leaves the accepted range (rejected before the KDF) or derives another key
        allowed.put("parallelism", EnumSet.of(MALFORMED, WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("memory", EnumSet.of(MALFORMED, WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("iterations", EnumSet.of(MALFORMED, WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("salt", EnumSet.of(WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("nonce", EnumSet.of(WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("ciphertext-length", EnumSet.of(TRUNCATED, MALFORMED));
        allowed.put("ciphertext", EnumSet.of(WRONG_PASSWORD_OR_TAMPERED));
        allowed.put("tag", EnumSet.of(WRONG_PASSWORD_OR_TAMPERED));
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < valid.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] t = valid.clone();
                t[i] ^= (byte) (1 << bit);
                Reason r = unlockReason(t);
                String region = region(i);
                assertThat(allowed.get(region)).as("byte %d bit %d (%s) gave %s", i, bit, region, r).contains(r);
                seen.merge(region, 1, Integer::sum);
            }
        }
        assertThat(seen.keySet()).containsExactlyElementsOf(allowed.keySet());
    }

    @Test
    void specificParameterFlips() throws Exception {
        // memory 64 -> 65 KiB: valid parameters, another key -> GCM fails
        assertThat(unlockReason(flip(VaultHeader.OFF_MEMORY + 3, 0))).isEqualTo(WRONG_PASSWORD_OR_TAMPERED);
        // memory high byte: 16 GiB asked -> above the ceiling, rejected before any allocation
        assertThat(unlockReason(flip(VaultHeader.OFF_MEMORY, 0))).isEqualTo(MALFORMED);
        // iterations 1 -> 0: invalid
        assertThat(unlockReason(flip(VaultHeader.OFF_ITERATIONS + 3, 0))).isEqualTo(MALFORMED);
        // iterations 1 -> 3: valid, another key
        assertThat(unlockReason(flip(VaultHeader.OFF_ITERATIONS + 3, 1))).isEqualTo(WRONG_PASSWORD_OR_TAMPERED);
        // declared length +1 -> truncated; -1 -> trailing byte
        assertThat(unlockReason(withCtLen(ctLen() + 1))).isEqualTo(TRUNCATED);
        assertThat(unlockReason(withCtLen(ctLen() - 1))).isEqualTo(MALFORMED);
        assertThat(unlockReason(withCtLen(3))).isEqualTo(MALFORMED);
    }

    @Test
    void appendedBytesAreRejected() throws Exception {
        byte[] t = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThat(unlockReason(t)).isEqualTo(MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 4, 5, 6, 20, 47, 48, 49, 63, -17, -16, -1})
    void truncatedFile(int cut) throws Exception {
        int len = cut >= 0 ? cut : valid.length + cut;
        Reason r = unlockReason(java.util.Arrays.copyOf(valid, len));
        assertThat(r).isEqualTo(TRUNCATED);
    }

    @Test
    void unknownVersion() throws Exception {
        byte[] t = valid.clone();
        ByteBuffer.wrap(t).putShort(VaultHeader.OFF_VERSION, (short) 2);
        Files.write(file, t);
        VaultException e = catchThrowableOfType(VaultException.class, () -> VaultFile.unlock(file, pw(), options()));
        assertThat(e.reason()).isEqualTo(UNKNOWN_VERSION);
        assertThat(e.getMessage()).contains("version 2");
        assertThat(Files.readAllBytes(file)).isEqualTo(t);
    }

    @Test
    void notAVault() throws Exception {
        assertThat(unlockReason("{\"json\": \"not a vault\"}".getBytes())).isEqualTo(NOT_A_VAULT);
        assertThat(unlockReason(new byte[]{'x'})).isEqualTo(NOT_A_VAULT);
    }

    @Test
    void backupStillUnlocksAfterTheMainFileIsDamaged() throws Exception {
        byte[] t = valid.clone();
        t[t.length - 1] ^= 1;
        assertThat(unlockReason(t)).isEqualTo(WRONG_PASSWORD_OR_TAMPERED);
        try (UnlockedVault v = VaultFile.unlock(bak, pw(), options())) {
            assertThat(v.entries()).hasSize(1); // the .bak is the version before the last put
        }
    }

    private byte[] flip(int index, int bit) {
        byte[] t = valid.clone();
        t[index] ^= (byte) (1 << bit);
        return t;
    }

    private int ctLen() {
        return ByteBuffer.wrap(valid).getInt(VaultHeader.OFF_CT_LEN);
    }

    private byte[] withCtLen(int n) {
        byte[] t = valid.clone();
        ByteBuffer.wrap(t).putInt(VaultHeader.OFF_CT_LEN, n);
        return t;
    }
}
