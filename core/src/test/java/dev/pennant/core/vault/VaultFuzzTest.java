package dev.pennant.core.vault;

import static dev.pennant.core.vault.TestVaults.options;
import static dev.pennant.core.vault.TestVaults.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random mutations of a valid vault: the parser only ever throws VaultException, and never hangs. */
class VaultFuzzTest {
    private static final long SEED = 0x5EED_7A017L;

    @TempDir
    Path dir;

    static byte[] mutate(byte[] valid, Random rnd) {
        byte[] t = valid.clone();
        int ops = 1 + rnd.nextInt(4);
        for (int k = 0; k < ops; k++) {
            switch (rnd.nextInt(7)) {
                case 0 -> { // bit flips, biased to the header
                    int i = rnd.nextBoolean() ? rnd.nextInt(Math.min(t.length, VaultHeader.LENGTH) + 1) : rnd.nextInt(t.length + 1);
                    if (i < t.length) t[i] ^= (byte) (1 << rnd.nextInt(8));
                }
                case 1 -> t = Arrays.copyOf(t, rnd.nextInt(t.length + 1)); // truncate
                case 2 -> { // random byte
                    if (t.length > 0) t[rnd.nextInt(t.length)] = (byte) rnd.nextInt(256);
                }
                case 3 -> { // append garbage
                    int n = 1 + rnd.nextInt(64);
                    byte[] g = new byte[n];
                    rnd.nextBytes(g);
                    byte[] u = Arrays.copyOf(t, t.length + n);
                    System.arraycopy(g, 0, u, t.length, n);
                    t = u;
                }
                case 4 -> { // extreme integer in a header field
                    int[] offs = {VaultHeader.OFF_VERSION - 2, VaultHeader.OFF_MEMORY, VaultHeader.OFF_ITERATIONS, VaultHeader.OFF_CT_LEN};
                    int off = offs[rnd.nextInt(offs.length)];
                    int[] vals = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1, 7, 8, 1 << 20, t.length};
                    if (off + 4 <= t.length) java.nio.ByteBuffer.wrap(t).putInt(off, vals[rnd.nextInt(vals.length)]);
                }
                case 5 -> { // delete a byte range
                    if (t.length > 1) {
                        int a = rnd.nextInt(t.length);
                        int b = a + rnd.nextInt(t.length - a);
                        byte[] u = new byte[t.length - (b - a)];
                        System.arraycopy(t, 0, u, 0, a);
                        System.arraycopy(t, b, u, a, t.length - b);
                        t = u;
                    }
                }
                default -> { // fully random content of random size
                    t = new byte[rnd.nextInt(128)];
                    rnd.nextBytes(t);
                    if (rnd.nextBoolean() && t.length >= 4) System.arraycopy(VaultHeader.MAGIC, 0, t, 0, 4);
                }
            }
        }
        return t;
    }

    @Test
    void headerParserOnlyThrowsVaultException() {
        byte[] valid;
        try {
            valid = Files.readAllBytes(TestVaults.sampleVault(dir));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        Random rnd = new Random(SEED);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (int c = 0; c < 20_000; c++) {
                byte[] t = mutate(valid, rnd);
                try {
                    VaultHeader.parse(t, "fuzz", TestVaults.CEILING);
                } catch (VaultException expected) {
                    assertThat(expected.reason()).isNotNull();
                } catch (Throwable other) {
                    fail("case " + c + " threw " + other, other);
                }
            }
        });
    }

    @Test
    void unlockOnMutatedFilesOnlyThrowsVaultException() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        byte[] valid = Files.readAllBytes(file);
        Random rnd = new Random(SEED + 1);
        Map<VaultException.Reason, Integer> histogram = new EnumMap<>(VaultException.Reason.class);
        int[] opened = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int c = 0; c < 3_000; c++) {
                byte[] t = mutate(valid, rnd);
                Files.write(file, t);
                try {
                    VaultFile.unlock(file, pw(), options()).lock();
                    opened[0]++;
                    assertThat(t).as("only an unmodified file may open").isEqualTo(valid);
                } catch (VaultException expected) {
                    histogram.merge(expected.reason(), 1, Integer::sum);
                } catch (Throwable other) {
                    fail("case " + c + " threw " + other, other);
                }
                assertThat(Files.readAllBytes(file)).isEqualTo(t);
            }
        });
        assertThat(histogram).containsKeys(VaultException.Reason.NOT_A_VAULT, VaultException.Reason.TRUNCATED,
                VaultException.Reason.MALFORMED, VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED);
    }
}
