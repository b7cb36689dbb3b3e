package dev.pennant.core.vault;

import static dev.pennant.core.vault.VaultException.Reason.MALFORMED;
import static dev.pennant.core.vault.VaultException.Reason.NOT_A_VAULT;
import static dev.pennant.core.vault.VaultException.Reason.TRUNCATED;
import static dev.pennant.core.vault.VaultException.Reason.UNKNOWN_VERSION;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The 48-byte file header (format version 1, all integers big-endian). See docs/vault-format.md.
 *
 * <pre>
 * off len field
 *   0   4 magic 0x89 'P' 'N' 'V'
 *   4   2 format version (1)
 *   6   1 KDF id (1 = Argon2id v1.3)
 *   7   1 Argon2 parallelism
 *   8   4 Argon2 memory, KiB
 *  12   4 Argon2 iterations
 *  16  16 salt
 *  32  12 AES-GCM nonce
 *  44   4 ciphertext length n (including the 16-byte tag)
 *  48   n ciphertext || tag
 * </pre>
 * The whole header (bytes 0..47) is the GCM additional authenticated data.
 */
record VaultHeader(int version, KdfParams kdf, byte[] salt, byte[] nonce, int ciphertextLength) {
    static final byte[] MAGIC = {(byte) 0x89, 'P', 'N', 'V'};
    static final int VERSION = 1;
    static final int KDF_ARGON2ID = 1;
    static final int LENGTH = 48;
    static final int OFF_VERSION = 4;
    static final int OFF_KDF = 6;
    static final int OFF_PARALLELISM = 7;
    static final int OFF_MEMORY = 8;
    static final int OFF_ITERATIONS = 12;
    static final int OFF_SALT = 16;
    static final int OFF_NONCE = 32;
    static final int OFF_CT_LEN = 44;

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(LENGTH);
        b.put(MAGIC).putShort((short) version).put((byte) KDF_ARGON2ID).put((byte) kdf.parallelism())
                .putInt(kdf.memoryKiB()).putInt(kdf.iterations()).put(salt).put(nonce).putInt(ciphertextLength);
        return b.array();
    }

    /**
     * Parses and validates the header of a whole file. Only ever throws {@link VaultException}.
     *
     * @param what    how to name the file in messages (a path, never content)
     * @param ceiling the most expensive KDF parameters accepted (checked before any key derivation)
     */
    static VaultHeader parse(byte[] file, String what, KdfParams ceiling) throws VaultException {
        int n = file.length;
        if (n == 0) {
            throw new VaultException(TRUNCATED, what + " is empty (0 bytes): the vault file was cut off");
        }
        if (n < MAGIC.length) {
            if (Arrays.equals(file, 0, n, MAGIC, 0, n)) {
                throw new VaultException(TRUNCATED, what + " is truncated (" + n + " bytes, header needs " + LENGTH + ")");
            }
            throw new VaultException(NOT_A_VAULT, what + " is not a Pennant vault (bad magic bytes)");
        }
        if (!Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new VaultException(NOT_A_VAULT, what + " is not a Pennant vault (bad magic bytes)");
        }
        if (n < OFF_VERSION + 2) {
            throw new VaultException(TRUNCATED, what + " is truncated (" + n + " bytes, header needs " + LENGTH + ")");
        }
        ByteBuffer b = ByteBuffer.wrap(file);
        int version = Short.toUnsignedInt(b.getShort(OFF_VERSION));
        if (version != VERSION) {
            throw new VaultException(UNKNOWN_VERSION, what + " has vault format version " + version
                    + "; this Pennant reads version " + VERSION + " (written by a newer Pennant?)");
        }
        if (n < LENGTH) {
            throw new VaultException(TRUNCATED, what + " is truncated (" + n + " bytes, header needs " + LENGTH + ")");
        }
        int kdfId = Byte.toUnsignedInt(file[OFF_KDF]);
        if (kdfId != KDF_ARGON2ID) {
            throw new VaultException(MALFORMED, what + " names unknown KDF id " + kdfId);
        }
        int parallelism = Byte.toUnsignedInt(file[OFF_PARALLELISM]);
        int memory = b.getInt(OFF_MEMORY);
        int iterations = b.getInt(OFF_ITERATIONS);
        KdfParams kdf;
        try {
            kdf = new KdfParams(memory, iterations, parallelism);
        } catch (IllegalArgumentException e) {
            throw new VaultException(MALFORMED, what + " has invalid Argon2 parameters (memory=" + Integer.toUnsignedString(memory)
                    + " KiB, iterations=" + Integer.toUnsignedString(iterations) + ", parallelism=" + parallelism + ")");
        }
        if (!kdf.within(ceiling)) {
            throw new VaultException(MALFORMED, what + " asks for Argon2 parameters above the accepted ceiling " + ceiling
                    + " (memory=" + memory + " KiB, iterations=" + iterations + ", parallelism=" + parallelism
                    + "): corrupt or tampered header");
        }
        byte[] salt = Arrays.copyOfRange(file, OFF_SALT, OFF_SALT + VaultCrypto.SALT_LEN);
        byte[] nonce = Arrays.copyOfRange(file, OFF_NONCE, OFF_NONCE + VaultCrypto.NONCE_LEN);
        long ctLen = Integer.toUnsignedLong(b.getInt(OFF_CT_LEN));
        long available = n - LENGTH;
        if (ctLen < VaultCrypto.TAG_LEN) {
            throw new VaultException(MALFORMED, what + " declares a ciphertext shorter than the GCM tag (" + ctLen + " bytes)");
        }
        if (ctLen > available) {
            throw new VaultException(TRUNCATED, what + " is truncated: header declares " + ctLen
                    + " bytes of ciphertext, file holds " + available);
        }
        if (ctLen < available) {
            throw new VaultException(MALFORMED, what + " has " + (available - ctLen) + " unexpected trailing bytes");
        }
        return new VaultHeader(version, kdf, salt, nonce, (int) ctLen);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VaultHeader h && version == h.version && kdf.equals(h.kdf) && Arrays.equals(salt, h.salt)
                && Arrays.equals(nonce, h.nonce) && ciphertextLength == h.ciphertextLength;
    }

    @Override
    public int hashCode() {
        return 31 * kdf.hashCode() + Arrays.hashCode(salt);
    }

    @Override
    public String toString() {
        return "VaultHeader[v" + version + ", " + kdf + ", ct=" + ciphertextLength + "]";
    }
}
