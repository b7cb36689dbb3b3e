package dev.pennant.core.vault;

import static dev.pennant.core.vault.VaultException.Reason.CHANGED_EXTERNALLY;
import static dev.pennant.core.vault.VaultException.Reason.INVALID_ARGUMENT;
import static dev.pennant.core.vault.VaultException.Reason.LOCKED;
import static dev.pennant.core.vault.VaultException.Reason.NOT_FOUND;
import static dev.pennant.core.vault.VaultException.Reason.NO_SUCH_ENTRY;
import static dev.pennant.core.vault.VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An open vault: holds the derived key (not the password) and the entries' metadata. Secret values are not kept in
 * memory: {@link #secret} and {@link #apiKey} decrypt the file on demand and return a copy the caller must wipe.
 *
 * <p>Every change is a read-modify-write of the file under the writer lock, so several {@code UnlockedVault}s on the
 * same file (threads or processes) never lose each other's updates. Thread-safe.
 *
 * <p>{@link #lock()} (or {@link #close()}) wipes the key; afterwards every call throws
 * {@link VaultException.Reason#LOCKED}.
 */
public final class UnlockedVault implements AutoCloseable {
    private final Path file;
    private final String what;
    private final VaultOptions options;
    private final List<Runnable> lockListeners = new CopyOnWriteArrayList<>();
    private byte[] key;
    private KdfParams params;
    private byte[] salt;
    private List<EntryInfo> infos;
    private boolean upgraded;

    UnlockedVault(Path file, VaultOptions options, byte[] key, KdfParams params, byte[] salt, List<EntryInfo> infos) {
        this.file = file;
        this.what = file.toString();
        this.options = options;
        this.key = key;
        this.params = params;
        this.salt = salt;
        this.infos = List.copyOf(infos);
    }

    /** The vault file. */
    public Path file() {
        return file;
    }

    /** Metadata of all entries (active and retired), in insertion order. Never values. */
    public synchronized List<EntryInfo> entries() throws VaultException {
        ensureUnlocked();
        return infos;
    }

    /** Entries not retired by a rotation. */
    public synchronized List<EntryInfo> activeEntries() throws VaultException {
        return entries().stream().filter(EntryInfo::active).toList();
    }

    /** Metadata of one entry. */
    public synchronized Optional<EntryInfo> entry(String id) throws VaultException {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Re-reads the metadata from disk (picks up changes of other writers). */
    public synchronized List<EntryInfo> reload() throws VaultException {
        ensureUnlocked();
        List<StoredEntry> entries = readEntries(VaultFile.readExisting(file));
        try {
            infos = entries.stream().map(StoredEntry::info).toList();
            return infos;
        } finally {
            entries.forEach(StoredEntry::wipe);
        }
    }

    /** A copy of the entry's secret; wipe it ({@code Arrays.fill(c, '\0')}) when done. */
    public char[] secret(String id) throws VaultException {
        return value(id, e -> e.secret.clone());
    }

    /** A copy of the entry's API key (empty if none); wipe it when done. */
    public char[] apiKey(String id) throws VaultException {
        return value(id, e -> e.apiKey.clone());
    }

    private synchronized char[] value(String id, Function<StoredEntry, char[]> pick) throws VaultException {
        ensureUnlocked();
        List<StoredEntry> entries = readEntries(VaultFile.readExisting(file));
        try {
            infos = entries.stream().map(StoredEntry::info).toList();
            return pick.apply(find(entries, id));
        } finally {
            entries.forEach(StoredEntry::wipe);
        }
    }

    /**
     * Adds an entry (the vault copies the values; the caller still wipes {@code entry} with {@link NewEntry#close()}).
     *
     * @return the stored metadata, with the new id
     */
    public EntryInfo put(NewEntry entry) throws VaultException {
        EntryInfo info = mutate(entries -> {
            StoredEntry s = stored(entry);
            entries.add(s);
            return s.info();
        });
        audit(AuditEventType.KEY_ADDED, info, Map.of());
        return info;
    }

    /** Deletes an entry and its values. */
    public void remove(String id) throws VaultException {
        EntryInfo info = mutate(entries -> {
            StoredEntry e = find(entries, id);
            entries.remove(e);
            EntryInfo i = e.info();
            e.wipe();
            return i;
        });
        audit(AuditEventType.KEY_REMOVED, info, Map.of());
    }

    /**
     * Key rotation: adds {@code replacement} and marks {@code oldId} retired (kept, with {@code retiredAt}, until
     * {@link #remove}d), in one atomic write. Verify the new key (e.g. {@link ApiRestrictionsClient}) before calling.
     *
     * @return the new entry's metadata
     */
    public EntryInfo rotate(String oldId, NewEntry replacement) throws VaultException {
        EntryInfo info = mutate(entries -> {
            StoredEntry old = find(entries, oldId);
            if (old.retiredAt != null) {
                throw new VaultException(INVALID_ARGUMENT, "entry " + oldId + " is already retired");
            }
            old.retiredAt = options.clock().instant();
            StoredEntry s = stored(replacement);
            entries.add(s);
            return s.info();
        });
        audit(AuditEventType.KEY_ROTATED, info, Map.of("retiredId", oldId));
        return info;
    }

    /**
     * Changes the master password (fresh salt; KDF parameters at least the policy minimum). The rolling backup is
     * replaced with the re-encrypted vault too, so the old password no longer opens any file in the data directory
     * (old bytes may survive on the disk itself).
     *
     * @throws VaultException {@code WRONG_PASSWORD_OR_TAMPERED} if {@code currentPassword} is wrong
     */
    public void changePassword(char[] currentPassword, char[] newPassword) throws VaultException {
        VaultFile.checkPassword(newPassword);
        byte[] check;
        byte[] currentSalt;
        KdfParams currentParams;
        synchronized (this) {
            ensureUnlocked();
            currentSalt = salt.clone();
            currentParams = params;
        }
        check = VaultCrypto.deriveKey(currentPassword, currentSalt, currentParams);
        try {
            synchronized (this) {
                ensureUnlocked();
                if (!Arrays.equals(currentSalt, salt) || !VaultCrypto.equal(check, key)) {
                    throw new VaultException(WRONG_PASSWORD_OR_TAMPERED, "the current master password is wrong");
                }
            }
        } finally {
            VaultCrypto.wipe(check);
        }
        rekey(newPassword, currentParams.max(options.policy().minimum()), true);
        options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_PASSWORD_CHANGED, Map.of("file", what)));
    }

    /** Re-encrypts with stronger KDF parameters (called by {@link VaultFile#unlock} for a weak file). */
    void upgrade(char[] password, KdfParams stronger) throws VaultException {
        KdfParams before = params;
        rekey(password, stronger, false);
        upgraded = true;
        options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_KDF_UPGRADED,
                Map.of("file", what, "from", before.toString(), "to", stronger.toString())));
    }

    /** True when {@link VaultFile#unlock} re-encrypted the file with stronger KDF parameters. */
    public synchronized boolean upgradedOnUnlock() {
        return upgraded;
    }

    /** The KDF parameters of the file as last written/read by this object. */
    public synchronized KdfParams kdfParams() {
        return params;
    }

    /**
     * Writes an encrypted copy of the vault to {@code target}, in the vault format, under {@code backupPassword} (may
     * equal the master password) with a fresh salt and the current KDF parameters. Open it with
     * {@link VaultFile#unlock} or merge it back with {@link #importBackup}.
     */
    public void exportBackup(Path target, char[] backupPassword) throws VaultException {
        VaultFile.checkPassword(backupPassword);
        Path t = target.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        if (t.equals(f) || t.equals(VaultIo.backupOf(f)) || t.equals(VaultIo.lockOf(f))) {
            throw new VaultException(INVALID_ARGUMENT, "the export target must not be the vault, its .bak or its .lock");
        }
        KdfParams p = kdfParams();
        byte[] bSalt = VaultCrypto.randomBytes(VaultCrypto.SALT_LEN);
        byte[] bKey = VaultCrypto.deriveKey(backupPassword, bSalt, p);
        try {
            synchronized (this) {
                ensureUnlocked();
                List<StoredEntry> entries = readEntries(VaultFile.readExisting(file));
                try {
                    byte[] image = VaultFile.seal(bKey, p, bSalt, entries);
                    Files.createDirectories(t.getParent());
                    VaultIo.withWriteLock(t, () -> {
                        VaultIo.replace(t, image, null, VaultIo.WriteHook.NONE);
                        return null;
                    });
                } finally {
                    entries.forEach(StoredEntry::wipe);
                }
            }
        } catch (IOException e) {
            throw VaultFile.ioError("export the backup to", target.toString(), e);
        } finally {
            VaultCrypto.wipe(bKey);
        }
        options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_BACKUP_EXPORTED, Map.of("target", target.toString())));
    }

    /**
     * Merges the entries of an exported backup (or any vault file) into this vault: entries whose id is not present are
     * added, existing ids are left alone.
     *
     * @return how many entries were added
     */
    public int importBackup(Path source, char[] backupPassword) throws VaultException {
        String src = source.toString();
        byte[] bytes = VaultFile.readExisting(source);
        VaultHeader h = VaultHeader.parse(bytes, src, options.policy().ceiling());
        byte[] bKey = VaultCrypto.deriveKey(backupPassword, h.salt(), h.kdf());
        List<StoredEntry> incoming;
        try {
            incoming = VaultFile.open(bytes, src, bKey, h);
        } finally {
            VaultCrypto.wipe(bKey);
        }
        try {
            int added = mutate(entries -> {
                Set<String> ids = new HashSet<>();
                entries.forEach(e -> ids.add(e.id));
                int n = 0;
                for (StoredEntry e : incoming) {
                    if (ids.add(e.id)) {
                        entries.add(e.copy());
                        n++;
                    }
                }
                return n;
            });
            options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_BACKUP_IMPORTED,
                    Map.of("source", src, "added", Integer.toString(added))));
            return added;
        } finally {
            incoming.forEach(StoredEntry::wipe);
        }
    }

    /** Registers a callback run (on the locking thread) after {@link #lock()}; e.g. the UI shows the unlock dialog. */
    public void onLock(Runnable listener) {
        lockListeners.add(listener);
    }

    /** Wipes the key and forgets the metadata. Idempotent. */
    public void lock() {
        boolean was;
        synchronized (this) {
            was = key != null;
            VaultCrypto.wipe(key);
            key = null;
            infos = List.of();
        }
        if (was) {
            options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_LOCKED, Map.of("file", what)));
            lockListeners.forEach(Runnable::run);
        }
    }

    public synchronized boolean isLocked() {
        return key == null;
    }

    /** Same as {@link #lock()}. */
    @Override
    public void close() {
        lock();
    }

    @Override
    public synchronized String toString() {
        return "UnlockedVault[" + what + (key == null ? ", locked" : ", " + infos.size() + " entries") + "]";
    }

    // ---- internals ----

    @FunctionalInterface
    private interface Mutation<T> {
        T apply(List<StoredEntry> entries) throws VaultException;
    }

    private <T> T mutate(Mutation<T> m) throws VaultException {
        return write(m, null, null, null, false);
    }

    /** Re-encrypts the file under a new key from {@code password} (fresh salt). The slow KDF runs outside locks. */
    private void rekey(char[] password, KdfParams newParams, boolean replaceBackupToo) throws VaultException {
        byte[] newSalt = VaultCrypto.randomBytes(VaultCrypto.SALT_LEN);
        byte[] newKey = VaultCrypto.deriveKey(password, newSalt, newParams);
        try {
            write(entries -> null, newKey, newParams, newSalt, replaceBackupToo);
        } catch (VaultException e) {
            VaultCrypto.wipe(newKey);
            throw e;
        }
    }

    private synchronized <T> T write(Mutation<T> m, byte[] newKey, KdfParams newParams, byte[] newSalt,
                                     boolean replaceBackupToo) throws VaultException {
        ensureUnlocked();
        try {
            return VaultIo.withWriteLock(file, () -> {
                byte[] current = VaultIo.read(file);
                if (current == null) {
                    throw new VaultException(NOT_FOUND, "the vault file " + what + " has disappeared");
                }
                List<StoredEntry> entries = new ArrayList<>(readEntries(current));
                try {
                    T result = m.apply(entries);
                    byte[] outKey = newKey != null ? newKey : key;
                    KdfParams outParams = newKey != null ? newParams : params;
                    byte[] outSalt = newKey != null ? newSalt : salt;
                    byte[] image = VaultFile.seal(outKey, outParams, outSalt, entries);
                    VaultIo.replace(file, image, current, options.writeHook());
                    if (replaceBackupToo) {
                        VaultIo.replace(VaultIo.backupOf(file), image, null, VaultIo.WriteHook.NONE);
                    }
                    if (newKey != null) {
                        VaultCrypto.wipe(key);
                        key = newKey;
                        params = newParams;
                        salt = newSalt;
                    }
                    infos = entries.stream().map(StoredEntry::info).toList();
                    return result;
                } finally {
                    entries.forEach(StoredEntry::wipe);
                }
            });
        } catch (IOException e) {
            throw VaultFile.ioError("write", what, e);
        }
    }

    /** Decrypts a file image with the held key; the header must be the one this object knows. */
    private List<StoredEntry> readEntries(byte[] bytes) throws VaultException {
        VaultHeader h = VaultHeader.parse(bytes, what, options.policy().ceiling());
        if (!Arrays.equals(h.salt(), salt) || !h.kdf().equals(params)) {
            throw new VaultException(CHANGED_EXTERNALLY, what + " was re-encrypted by another writer (password change or"
                    + " KDF upgrade); lock and unlock again");
        }
        return VaultFile.open(bytes, what, key, h);
    }

    private StoredEntry stored(NewEntry e) {
        return new StoredEntry(UUID.randomUUID().toString(), e.label(), e.kind(), e.environment(),
                e.apiKeyChars().clone(), e.secretChars().clone(), e.notes(), e.permissionsNotes(),
                options.clock().instant(), null);
    }

    private StoredEntry find(List<StoredEntry> entries, String id) throws VaultException {
        for (StoredEntry e : entries) {
            if (e.id.equals(id)) {
                return e;
            }
        }
        throw new VaultException(NO_SUCH_ENTRY, "no vault entry with id " + id);
    }

    private void ensureUnlocked() throws VaultException {
        if (key == null) {
            throw new VaultException(LOCKED, "the vault " + what + " is locked; unlock it again");
        }
    }

    private void audit(AuditEventType type, EntryInfo info, Map<String, String> extra) {
        options.audit().ifPresent(a -> {
            Map<String, String> d = new java.util.TreeMap<>(extra);
            d.put("id", info.id());
            d.put("label", info.label());
            d.put("kind", info.kind().name());
            d.put("environment", info.environment().name());
            a.record(type, d);
        });
    }
}
