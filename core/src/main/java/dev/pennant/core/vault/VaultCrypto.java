package dev.pennant.core.vault;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The only place that touches cryptographic primitives: Argon2id from Bouncy Castle, AES-256-GCM from the JDK
 * ({@code AES/GCM/NoPadding}). Nothing here is hand-rolled.
 */
final class VaultCrypto {
    static final int KEY_LEN = 32;
    static final int SALT_LEN = 16;
    static final int NONCE_LEN = 12;
    static final int TAG_LEN = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private VaultCrypto() {
    }

    static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Argon2id v1.3 → 32-byte key. The UTF-8 password bytes are wiped before returning. */
    static byte[] deriveKey(char[] password, byte[] salt, KdfParams p) {
        byte[] pw = utf8(password);
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt)
                .withMemoryAsKB(p.memoryKiB())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism());
        try {
            Argon2BytesGenerator gen = new Argon2BytesGenerator();
            gen.init(b.build());
            byte[] key = new byte[KEY_LEN];
            gen.generateBytes(pw, key);
            return key;
        } finally {
            Arrays.fill(pw, (byte) 0);
            b.clear();
        }
    }

    static byte[] encrypt(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LEN * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /** @throws AEADBadTagException wrong key or modified header/ciphertext/tag */
    static byte[] decrypt(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext, int off, int len)
            throws AEADBadTagException {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LEN * 8, nonce));
            c.updateAAD(aad);
            return c.doFinal(ciphertext, off, len);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Constant-time comparison. */
    static boolean equal(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    /** UTF-8 encoding into an exact-size array; the intermediate buffer is wiped. */
    static byte[] utf8(char[] chars) {
        CharsetEncoder enc = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer buf = null;
        try {
            buf = enc.encode(CharBuffer.wrap(chars));
            byte[] out = new byte[buf.remaining()];
            buf.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot encode", e);
        } finally {
            if (buf != null && buf.hasArray()) {
                Arrays.fill(buf.array(), (byte) 0);
            }
        }
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }

    static void wipe(char[] c) {
        if (c != null) {
            Arrays.fill(c, '\0');
        }
    }
}
