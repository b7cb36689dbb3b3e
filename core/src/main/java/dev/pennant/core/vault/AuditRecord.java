package dev.pennant.core.vault;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One link of the audit hash chain.
 *
 * <p>{@code hash = hex(SHA-256(canonical))}, where {@code canonical} is the compact JSON
 * {@code {"seq":..,"time":"..","type":"..","details":{sorted keys},"prev":".."}}. {@code prev} is the previous record's
 * hash ({@link #GENESIS} for the first record). A stored line is the canonical JSON with {@code "hash"} appended.
 *
 * @param seq      1, 2, 3, ... without gaps
 * @param time     event time (millisecond precision)
 * @param type     what happened
 * @param details  non-secret context (entry id and label, reason, old/new value of a risk limit, ...)
 * @param prevHash hash of the previous record
 * @param hash     hash of this record
 */
public record AuditRecord(long seq, Instant time, AuditEventType type, Map<String, String> details, String prevHash,
                          String hash) {
    /** {@code prev} of the first record: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    public AuditRecord {
        Objects.requireNonNull(time);
        Objects.requireNonNull(type);
        Objects.requireNonNull(prevHash);
        Objects.requireNonNull(hash);
        details = Collections.unmodifiableMap(new TreeMap<>(details == null ? Map.of() : details));
    }

    /** Builds the next record of a chain, computing its hash. */
    public static AuditRecord next(long seq, Instant time, AuditEventType type, Map<String, String> details, String prevHash) {
        AuditRecord draft = new AuditRecord(seq, time, type, details, prevHash, "");
        return new AuditRecord(seq, time, type, details, prevHash, draft.computeHash());
    }

    /** The canonical JSON that is hashed (everything but the hash). */
    public String canonical() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("time", time.toString());
        m.put("type", type.name());
        m.put("details", details);
        m.put("prev", prevHash);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of {@link #canonical()}, lowercase hex. */
    public String computeHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(canonical().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The JSON line stored in the daily file (no newline). */
    public String toJsonLine() {
        String c = canonical();
        return c.substring(0, c.length() - 1) + ",\"hash\":\"" + hash + "\"}";
    }

    /** Parses a stored line; throws {@link IllegalArgumentException} when it is not a well-formed record. */
    public static AuditRecord parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            Map<String, String> details = new TreeMap<>();
            JsonNode d = n.get("details");
            if (d != null && d.isObject()) {
                for (Map.Entry<String, JsonNode> e : d.properties()) {
                    details.put(e.getKey(), e.getValue().asText());
                }
            }
            return new AuditRecord(n.get("seq").asLong(), Instant.parse(n.get("time").asText()),
                    AuditEventType.valueOf(n.get("type").asText()), details, n.get("prev").asText(),
                    n.get("hash").asText());
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an audit record: " + e.getClass().getSimpleName());
        }
    }
}
