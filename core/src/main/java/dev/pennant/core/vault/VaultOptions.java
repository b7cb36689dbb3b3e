package dev.pennant.core.vault;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/** How a vault is opened: KDF policy, audit log, clock. Immutable; {@code withX} returns a copy. */
public final class VaultOptions {
    private final KdfPolicy policy;
    private final AuditLog audit;
    private final Clock clock;
    private final VaultIo.WriteHook writeHook;

    private VaultOptions(KdfPolicy policy, AuditLog audit, Clock clock, VaultIo.WriteHook writeHook) {
        this.policy = Objects.requireNonNull(policy);
        this.audit = audit;
        this.clock = Objects.requireNonNull(clock);
        this.writeHook = Objects.requireNonNull(writeHook);
    }

    /** {@link KdfPolicy#DEFAULT}, no audit log, UTC system clock. */
    public static VaultOptions defaults() {
        return new VaultOptions(KdfPolicy.DEFAULT, null, Clock.systemUTC(), VaultIo.WriteHook.NONE);
    }

    public VaultOptions withPolicy(KdfPolicy p) {
        return new VaultOptions(p, audit, clock, writeHook);
    }

    /** Records vault events (unlock, failure, key added/removed/rotated, ...) in {@code log}. */
    public VaultOptions withAudit(AuditLog log) {
        return new VaultOptions(policy, log, clock, writeHook);
    }

    public VaultOptions withClock(Clock c) {
        return new VaultOptions(policy, audit, c, writeHook);
    }

    /** Test seam for crash/failure injection in the write protocol. */
    VaultOptions withWriteHook(VaultIo.WriteHook hook) {
        return new VaultOptions(policy, audit, clock, hook);
    }

    public KdfPolicy policy() {
        return policy;
    }

    public Optional<AuditLog> audit() {
        return Optional.ofNullable(audit);
    }

    public Clock clock() {
        return clock;
    }

    VaultIo.WriteHook writeHook() {
        return writeHook;
    }

    @Override
    public String toString() {
        return "VaultOptions[" + policy + ", audit=" + (audit != null) + "]";
    }
}
