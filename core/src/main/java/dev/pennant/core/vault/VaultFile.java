package dev.pennant.core.vault;

import static dev.pennant.core.vault.VaultException.Reason.ALREADY_EXISTS;
import static dev.pennant.core.vault.VaultException.Reason.INVALID_ARGUMENT;
import static dev.pennant.core.vault.VaultException.Reason.IO_ERROR;
import static dev.pennant.core.vault.VaultException.Reason.NOT_FOUND;
import static dev.pennant.core.vault.VaultException.Reason.WRONG_PASSWORD_OR_TAMPERED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the encrypted key vault: {@link #create} a new vault file, {@link #unlock} an existing one.
 *
 * <p>Format and protocol: docs/vault-format.md. AES-256-GCM with a fresh 96-bit nonce per write, key from the master
 * password by Argon2id (salt and parameters in the authenticated header), crash-safe writes with a rolling
 * {@code .bak}, a writer lock across threads and processes.
 *
 * <p>Passwords are {@code char[]}; this class never keeps or wipes the caller's arrays (the caller wipes them).
 */
public final class VaultFile {
    private static final Logger LOG = LoggerFactory.getLogger(VaultFile.class);

    /** File name of the vault in a data directory. */
    public static final String FILE_NAME = "vault.pnv";

    private VaultFile() {
    }

    /** {@code <dataDir>/vault.pnv}. */
    public static Path defaultPath(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** {@code <file>.bak}: the previous version, rotated on every write; unlock it like a vault. */
    public static Path backupPath(Path file) {
        return VaultIo.backupOf(file);
    }

    /** Whether a file exists at {@code file} (not whether it is a valid vault). */
    public static boolean exists(Path file) {
        return Files.exists(file);
    }

    /** Creates a vault with the default policy; see {@link #create(Path, char[], KdfParams, VaultOptions)}. */
    public static UnlockedVault create(Path file, char[] password, KdfParams params) throws VaultException {
        return create(file, password, params, VaultOptions.defaults());
    }

    /**
     * Creates a new, empty vault. Never overwrites: {@link VaultException.Reason#ALREADY_EXISTS} if the file exists.
     *
     * @param params Argon2id parameters, e.g. {@link KdfParams#DEFAULT} or {@link KdfCalibrator#calibrate}; must be
     *               between the policy's minimum and ceiling
     */
    public static UnlockedVault create(Path file, char[] password, KdfParams params, VaultOptions options)
            throws VaultException {
        checkPassword(password);
        checkParams(params, options.policy());
        String what = file.toString();
        byte[] salt = VaultCrypto.randomBytes(VaultCrypto.SALT_LEN);
        byte[] key = VaultCrypto.deriveKey(password, salt, params);
        byte[] sealed = seal(key, params, salt, List.of());
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            VaultIo.withWriteLock(file, () -> {
                if (Files.exists(file)) {
                    throw new VaultException(ALREADY_EXISTS, what + " already exists; it was not touched");
                }
                VaultIo.replace(file, sealed, null, options.writeHook());
                return null;
            });
        } catch (IOException e) {
            VaultCrypto.wipe(key);
            throw ioError("create", what, e);
        } catch (VaultException e) {
            VaultCrypto.wipe(key);
            throw e;
        }
        options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_CREATED, Map.of("file", what, "kdf", params.toString())));
        return new UnlockedVault(file, options, key, params, salt, List.of());
    }

    /** Unlocks with the default options ({@link KdfPolicy#DEFAULT}, no audit). */
    public static UnlockedVault unlock(Path file, char[] password) throws VaultException {
        return unlock(file, password, VaultOptions.defaults());
    }

    /**
     * Reads and decrypts the vault. On any failure nothing on disk is changed. If the stored KDF parameters are weaker
     * than {@code options.policy().minimum()}, the vault is re-encrypted with stronger ones (fresh salt) before this
     * returns; {@link UnlockedVault#upgradedOnUnlock()} reports it.
     */
    public static UnlockedVault unlock(Path file, char[] password, VaultOptions options) throws VaultException {
        String what = file.toString();
        try {
            byte[] bytes = readExisting(file);
            VaultHeader h = VaultHeader.parse(bytes, what, options.policy().ceiling());
            byte[] key = VaultCrypto.deriveKey(password, h.salt(), h.kdf());
            List<StoredEntry> entries;
            try {
                entries = open(bytes, what, key, h);
            } catch (VaultException e) {
                VaultCrypto.wipe(key);
                throw e;
            }
            List<EntryInfo> infos = entries.stream().map(StoredEntry::info).toList();
            entries.forEach(StoredEntry::wipe);
            UnlockedVault vault = new UnlockedVault(file, options, key, h.kdf(), h.salt(), infos);
            options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_UNLOCKED, Map.of("file", what)));
            KdfParams min = options.policy().minimum();
            if (h.kdf().weakerThan(min)) {
                try {
                    vault.upgrade(password, h.kdf().max(min));
                } catch (VaultException e) {
                    LOG.warn("vault unlocked, but upgrading its KDF parameters failed ({}): {}", e.reason(), e.getMessage());
                }
            }
            return vault;
        } catch (VaultException e) {
            options.audit().ifPresent(a -> a.record(AuditEventType.VAULT_UNLOCK_FAILED,
                    Map.of("file", what, "reason", e.reason().name())));
            throw e;
        }
    }

    /** The KDF parameters stored in a vault's header (no password needed; not authenticated). */
    public static KdfParams storedParams(Path file) throws VaultException {
        return VaultHeader.parse(readExisting(file), file.toString(), KdfPolicy.DEFAULT_CEILING).kdf();
    }

    // ---- package helpers shared with UnlockedVault ----

    static byte[] readExisting(Path file) throws VaultException {
        byte[] bytes;
        try {
            bytes = VaultIo.read(file);
        } catch (IOException e) {
            throw ioError("read", file.toString(), e);
        }
        if (bytes == null) {
            throw new VaultException(NOT_FOUND, "no vault at " + file);
        }
        return bytes;
    }

    /** Encrypts {@code entries} into a complete file image with a fresh nonce. */
    static byte[] seal(byte[] key, KdfParams params, byte[] salt, List<StoredEntry> entries) {
        byte[] plain = VaultPayload.encode(entries);
        try {
            byte[] nonce = VaultCrypto.randomBytes(VaultCrypto.NONCE_LEN);
            VaultHeader h = new VaultHeader(VaultHeader.VERSION, params, salt, nonce, plain.length + VaultCrypto.TAG_LEN);
            byte[] header = h.encode();
            byte[] ct = VaultCrypto.encrypt(key, nonce, header, plain);
            byte[] file = Arrays.copyOf(header, header.length + ct.length);
            System.arraycopy(ct, 0, file, header.length, ct.length);
            return file;
        } finally {
            VaultCrypto.wipe(plain);
        }
    }

    /** Decrypts a parsed file image. */
    static List<StoredEntry> open(byte[] file, String what, byte[] key, VaultHeader h) throws VaultException {
        byte[] aad = Arrays.copyOf(file, VaultHeader.LENGTH);
        byte[] plain;
        try {
            plain = VaultCrypto.decrypt(key, h.nonce(), aad, file, VaultHeader.LENGTH, h.ciphertextLength());
        } catch (AEADBadTagException e) {
            throw new VaultException(WRONG_PASSWORD_OR_TAMPERED, "cannot decrypt " + what
                    + ": wrong password, or the file was modified (AES-GCM cannot tell the two apart). Nothing was"
                    + " changed; if the password is right, the file is damaged: try its backup " + VaultIo.backupOf(Path.of(what)).getFileName());
        }
        try {
            return VaultPayload.decode(plain, what);
        } finally {
            VaultCrypto.wipe(plain);
        }
    }

    static void checkPassword(char[] password) throws VaultException {
        if (password == null || password.length == 0) {
            throw new VaultException(INVALID_ARGUMENT, "the master password must not be empty");
        }
    }

    static void checkParams(KdfParams params, KdfPolicy policy) throws VaultException {
        if (params.weakerThan(policy.minimum())) {
            throw new VaultException(INVALID_ARGUMENT, "KDF parameters " + params + " are weaker than the policy minimum "
                    + policy.minimum());
        }
        if (!params.within(policy.ceiling())) {
            throw new VaultException(INVALID_ARGUMENT, "KDF parameters " + params + " exceed the policy ceiling "
                    + policy.ceiling());
        }
    }

    static VaultException ioError(String op, String what, IOException e) {
        return new VaultException(IO_ERROR, "could not " + op + " " + what + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); the vault on disk is unchanged", e);
    }
}
