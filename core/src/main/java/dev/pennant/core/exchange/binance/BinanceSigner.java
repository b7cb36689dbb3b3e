package dev.pennant.core.exchange.binance;

import com.binance.connector.client.utils.signaturegenerator.Ed25519SignatureGenerator;
import com.binance.connector.client.utils.signaturegenerator.RsaSignatureGenerator;
import com.binance.connector.client.utils.signaturegenerator.SignatureGenerator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Signs the query string of Binance SIGNED endpoints ({@code TRADE}, {@code USER_DATA}).
 *
 * <p>Source: Binance spot "Request security" / "SIGNED endpoint security": the signature is over the exact
 * {@code totalParams} (query string, then body) and is sent as the last parameter {@code signature}.
 * <ul>
 *   <li>HMAC-SHA256 keys: lowercase hex of HMAC-SHA256(secret, query). Done with the JDK so the secret stays in a
 *       {@code byte[]} (the connector's {@code HmacSignatureGenerator} needs it as a {@code String}).</li>
 *   <li>Ed25519 and RSA keys: base64 signature, URL-encoded in the query. Delegated to the connector's
 *       {@link Ed25519SignatureGenerator} / {@link RsaSignatureGenerator} (binance-connector-java 3.4.1), which read a
 *       PKCS#8 PEM private key file.</li>
 * </ul>
 * Secrets never appear in {@link #toString()}, logs or exception messages. {@link #close()} wipes the HMAC secret.
 * Thread-safe: each call creates its own {@link Mac}.
 */
public final class BinanceSigner implements AutoCloseable {

    /** The key type; decides the signature encoding. */
    public enum KeyType { HMAC_SHA256, ED25519, RSA }

    private final KeyType type;
    private final byte[] hmacKey;
    private final SignatureGenerator generator;
    private volatile boolean closed;

    private BinanceSigner(KeyType type, byte[] hmacKey, SignatureGenerator generator) {
        this.type = type;
        this.hmacKey = hmacKey;
        this.generator = generator;
    }

    /**
     * An HMAC-SHA256 signer. The UTF-8 bytes of {@code secret} are copied; the caller may wipe its array afterwards.
     *
     * @throws IllegalArgumentException when the secret is empty
     */
    public static BinanceSigner hmac(char[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length == 0) throw new IllegalArgumentException("API secret is empty");
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] key = new byte[bb.remaining()];
        bb.get(key);
        if (bb.hasArray()) Arrays.fill(bb.array(), (byte) 0);
        return new BinanceSigner(KeyType.HMAC_SHA256, key, null);
    }

    /**
     * An Ed25519 signer over a PKCS#8 PEM private key file (what Binance's key generator writes), via the connector.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not an Ed25519 key (message names the file,
     *                                  never its content)
     */
    public static BinanceSigner ed25519(Path pemPrivateKey) {
        try {
            return new BinanceSigner(KeyType.ED25519, null, new Ed25519SignatureGenerator(pemPrivateKey.toString()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot load Ed25519 private key " + pemPrivateKey + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** An RSA signer over a PKCS#8 PEM private key file (optionally encrypted with {@code password}), via the connector. */
    public static BinanceSigner rsa(Path pemPrivateKey, String password) {
        try {
            return new BinanceSigner(KeyType.RSA, null, password == null
                    ? new RsaSignatureGenerator(pemPrivateKey.toString())
                    : new RsaSignatureGenerator(pemPrivateKey.toString(), password));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot load RSA private key " + pemPrivateKey + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** The key type. */
    public KeyType keyType() {
        return type;
    }

    /**
     * The raw signature of {@code totalParams}: lowercase hex (HMAC) or base64 (Ed25519/RSA), not yet URL-encoded.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public String sign(String totalParams) {
        if (closed) throw new IllegalStateException("signer closed");
        if (type == KeyType.HMAC_SHA256) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(totalParams.getBytes(StandardCharsets.UTF_8)));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 unavailable");
            }
        }
        return generator.getSignature(totalParams);
    }

    /** {@code query + "&signature=" + signature}, the signature URL-encoded (base64 may contain + / =). */
    public String signedQuery(String query) {
        String sig = sign(query);
        return query + (query.isEmpty() ? "" : "&") + "signature=" + URLEncoder.encode(sig, StandardCharsets.UTF_8);
    }

    /** Wipes the HMAC secret; further {@link #sign} calls fail. */
    @Override
    public void close() {
        closed = true;
        if (hmacKey != null) Arrays.fill(hmacKey, (byte) 0);
    }

    @Override
    public String toString() {
        return "BinanceSigner[" + type + (closed ? ", closed" : "") + "]";
    }
}
