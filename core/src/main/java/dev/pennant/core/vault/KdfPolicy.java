package dev.pennant.core.vault;

import java.util.Objects;

/**
 * What parameters a vault must have.
 *
 * @param minimum a file whose stored parameters are {@linkplain KdfParams#weakerThan weaker} than this is re-encrypted
 *                with {@code stored.max(minimum)} on successful unlock (parameter upgrade); new vaults and password
 *                changes use at least this
 * @param ceiling stored parameters above this are rejected as {@link VaultException.Reason#MALFORMED} before running
 *                the KDF: the header is only authenticated after the key is derived, so a tampered header must not be
 *                able to make unlock allocate gigabytes or run for hours
 */
public record KdfPolicy(KdfParams minimum, KdfParams ceiling) {

    /** Ceiling for production: 4 GiB, 64 passes, 16 lanes. */
    public static final KdfParams DEFAULT_CEILING = new KdfParams(4 * 1024 * 1024, 64, 16);

    /** Production policy: {@link KdfParams#DEFAULT} as the floor. */
    public static final KdfPolicy DEFAULT = new KdfPolicy(KdfParams.DEFAULT, DEFAULT_CEILING);

    public KdfPolicy {
        Objects.requireNonNull(minimum, "minimum");
        Objects.requireNonNull(ceiling, "ceiling");
        if (!minimum.within(ceiling)) {
            throw new IllegalArgumentException("minimum " + minimum + " exceeds ceiling " + ceiling);
        }
    }

    /** A policy with the given floor and the default ceiling. */
    public static KdfPolicy withMinimum(KdfParams minimum) {
        return new KdfPolicy(minimum, DEFAULT_CEILING);
    }
}
