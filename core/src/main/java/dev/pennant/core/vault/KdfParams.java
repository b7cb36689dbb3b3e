package dev.pennant.core.vault;

/**
 * Argon2id cost parameters, stored in every vault file header.
 *
 * @param memoryKiB   memory in KiB (at least {@code 8 * parallelism})
 * @param iterations  passes over the memory (at least 1)
 * @param parallelism lanes (at least 1). Bouncy Castle computes lanes on one thread, so 1 is the sensible value.
 */
public record KdfParams(int memoryKiB, int iterations, int parallelism) {

    /**
     * Default for new vaults and the floor below which a vault is upgraded on unlock: 64 MiB, 10 passes, 1 lane.
     * Measured at about 0.5-0.6 s per unlock (0.7 s for the first, cold one) on the shared 2-core build machine (see
     * docs/vault-format.md); use {@link KdfCalibrator} to pick stronger parameters on a faster workstation.
     */
    public static final KdfParams DEFAULT = new KdfParams(64 * 1024, 10, 1);

    /** Cheapest parameters the format accepts at all (tests only: far too weak for real passwords). */
    public static final KdfParams MINIMUM = new KdfParams(8, 1, 1);

    public KdfParams {
        if (parallelism < 1 || parallelism > 255) {
            throw new IllegalArgumentException("parallelism must be 1..255, was " + parallelism);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be >= 1, was " + iterations);
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("memoryKiB must be >= 8 * parallelism, was " + memoryKiB);
        }
    }

    /** True when these parameters are cheaper than {@code other} in memory or in iterations. */
    public boolean weakerThan(KdfParams other) {
        return memoryKiB < other.memoryKiB || iterations < other.iterations;
    }

    /** True when no component exceeds the corresponding component of {@code ceiling}. */
    public boolean within(KdfParams ceiling) {
        return memoryKiB <= ceiling.memoryKiB && iterations <= ceiling.iterations && parallelism <= ceiling.parallelism;
    }

    /** Component-wise maximum (the upgrade target when a stored file is weaker than the policy). */
    public KdfParams max(KdfParams other) {
        return new KdfParams(Math.max(memoryKiB, other.memoryKiB), Math.max(iterations, other.iterations),
                Math.max(parallelism, other.parallelism));
    }
}
