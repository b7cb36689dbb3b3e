package dev.pennant.core.vault;

import java.time.Duration;

/**
 * Picks Argon2id parameters so that one key derivation (= one unlock) takes about a target time on this machine.
 * Memory is fixed (64 MiB by default, far above OWASP's 19 MiB floor); iterations are scaled to the target.
 * Takes roughly 2-3 × the target to run. Never returns less than {@link KdfParams#DEFAULT}.
 */
public final class KdfCalibrator {
    /** The target of the issue: one unlock ≈ 0.5-1 s. */
    public static final Duration DEFAULT_TARGET = Duration.ofMillis(750);

    private KdfCalibrator() {
    }

    /** Calibrates for {@link #DEFAULT_TARGET} with 64 MiB and one lane. */
    public static KdfParams calibrate() {
        return calibrate(DEFAULT_TARGET, KdfParams.DEFAULT.memoryKiB(), 1, KdfParams.DEFAULT);
    }

    /**
     * @param target    wanted time per derivation
     * @param memoryKiB Argon2 memory
     * @param lanes     Argon2 parallelism
     * @param floor     the result is never weaker than this
     */
    public static KdfParams calibrate(Duration target, int memoryKiB, int lanes, KdfParams floor) {
        KdfParams probe = new KdfParams(memoryKiB, 1, lanes);
        measure(probe); // warm-up (JIT)
        long one = Math.max(1, measure(probe).toNanos());
        int iterations = (int) Math.max(1, Math.min(64, Math.round((double) target.toNanos() / one)));
        KdfParams p = new KdfParams(memoryKiB, iterations, lanes);
        // one correction step: a pass is not exactly linear (first pass fills memory)
        long t = measure(p).toNanos();
        if (t > 0) {
            int corrected = (int) Math.max(1, Math.min(64, Math.round(iterations * (double) target.toNanos() / t)));
            p = new KdfParams(memoryKiB, corrected, lanes);
        }
        return p.max(floor);
    }

    /** Time of one derivation with {@code p} (dummy password and salt). */
    public static Duration measure(KdfParams p) {
        char[] pw = "calibration-password".toCharArray();
        byte[] salt = new byte[VaultCrypto.SALT_LEN];
        long t0 = System.nanoTime();
        byte[] key = VaultCrypto.deriveKey(pw, salt, p);
        long t1 = System.nanoTime();
        VaultCrypto.wipe(key);
        return Duration.ofNanos(t1 - t0);
    }
}
