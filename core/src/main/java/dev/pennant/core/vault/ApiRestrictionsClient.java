package dev.pennant.core.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls {@code GET /sapi/v1/account/apiRestrictions} (USER_DATA, signed) with the JDK HTTP client.
 *
 * <p>Not the binance-connector: it logs full signed URLs at INFO. This client logs only the base URL and path, never
 * the query, signature, key or secret. The API key has to become a {@code String} for the {@code X-MBX-APIKEY}
 * header (the HTTP client API demands it); the secret stays in {@code char[]}/{@code byte[]} and is wiped.
 *
 * <p>The endpoint exists on the mainnet API ({@code https://api.binance.com}); the spot and futures testnets have no
 * {@code /sapi} endpoints, so testnet keys cannot be checked this way.
 */
public final class ApiRestrictionsClient {
    private static final Logger LOG = LoggerFactory.getLogger(ApiRestrictionsClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The endpoint path. */
    public static final String PATH = "/sapi/v1/account/apiRestrictions";
    /** Binance mainnet REST base URL. */
    public static final URI MAINNET = URI.create("https://api.binance.com");

    private final URI baseUrl;
    private final HttpClient http;
    private final Clock clock;
    private final long recvWindowMs;

    /** Client with a 10 s connect timeout, system clock, recvWindow 5000 ms. */
    public ApiRestrictionsClient(URI baseUrl) {
        this(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), Clock.systemUTC(), 5000);
    }

    public ApiRestrictionsClient(URI baseUrl, HttpClient http, Clock clock, long recvWindowMs) {
        this.baseUrl = Objects.requireNonNull(baseUrl);
        this.http = Objects.requireNonNull(http);
        this.clock = Objects.requireNonNull(clock);
        if (recvWindowMs <= 0 || recvWindowMs > 60_000) {
            throw new IllegalArgumentException("recvWindow must be 1..60000 ms");
        }
        this.recvWindowMs = recvWindowMs;
    }

    /**
     * Fetches the key's restrictions. The caller keeps ownership of (and wipes) {@code apiKey} and {@code secret}.
     *
     * @throws KeyCheckException on network failure, an error answer (invalid key, IP not allowed, bad signature) or an
     *                           unparseable body
     */
    public ApiKeyRestrictions fetch(char[] apiKey, char[] secret) throws KeyCheckException {
        String query = "recvWindow=" + recvWindowMs + "&timestamp=" + clock.millis();
        String signature = sign(query, secret);
        String base = baseUrl.toString().replaceAll("/+$", "");
        String key = new String(apiKey);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + PATH + "?" + query + "&signature=" + signature))
                .timeout(Duration.ofSeconds(15))
                .header("X-MBX-APIKEY", key)
                .GET()
                .build();
        LOG.debug("checking API key restrictions at {}{}", base, PATH);
        HttpResponse<String> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KeyCheckException("could not reach " + base + PATH + " (" + e.getClass().getSimpleName() + ")", 0, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyCheckException("interrupted while checking the API key", 0, null, null);
        }
        String body = resp.body() == null ? "" : resp.body();
        if (resp.statusCode() != 200) {
            Integer code = null;
            String msg = "";
            try {
                JsonNode n = JSON.readTree(body);
                if (n != null && n.has("code")) {
                    code = n.get("code").asInt();
                    msg = n.path("msg").asText("");
                }
            } catch (Exception ignored) {
                // not JSON
            }
            msg = scrub(msg, key, secret);
            throw new KeyCheckException("Binance refused the API key check: HTTP " + resp.statusCode()
                    + (code != null ? ", code " + code : "") + (msg.isEmpty() ? "" : ", " + truncate(msg)), resp.statusCode(), code, null);
        }
        try {
            return ApiKeyRestrictions.parse(body);
        } catch (IllegalArgumentException e) {
            throw new KeyCheckException("unexpected apiRestrictions answer: " + e.getMessage(), resp.statusCode(), null, null);
        }
    }

    /** Hex HMAC-SHA256 of {@code query} keyed with the UTF-8 bytes of {@code secret} (Binance SIGNED endpoints). */
    public static String sign(String query, char[] secret) {
        byte[] k = VaultCrypto.utf8(secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(query.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        } finally {
            VaultCrypto.wipe(k);
        }
    }

    private static String scrub(String msg, String key, char[] secret) {
        String out = msg;
        if (!key.isEmpty()) {
            out = out.replace(key, "****");
        }
        if (secret.length > 0 && out.contains(new String(secret))) {
            out = out.replace(new String(secret), "****");
        }
        return out;
    }

    private static String truncate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "ApiRestrictionsClient[" + baseUrl + "]";
    }
}
