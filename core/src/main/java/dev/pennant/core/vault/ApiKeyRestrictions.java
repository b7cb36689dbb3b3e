package dev.pennant.core.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Market;
import java.time.Instant;

/**
 * What a Binance API key may do: the answer of {@code GET /sapi/v1/account/apiRestrictions}.
 *
 * <p>Parsing is pessimistic where it matters: a missing {@code enableWithdrawals} counts as enabled and a missing
 * {@code ipRestrict} as not restricted (so the loud warnings fire); a missing trading permission counts as not granted
 * (so LIVE trading is refused).
 */
public record ApiKeyRestrictions(
        boolean ipRestrict,
        Instant createTime,
        boolean enableInternalTransfer,
        boolean enableFutures,
        boolean enablePortfolioMarginTrading,
        boolean enableVanillaOptions,
        boolean permitsUniversalTransfer,
        boolean enableReading,
        boolean enableSpotAndMarginTrading,
        boolean enableWithdrawals,
        boolean enableMargin) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses the endpoint's JSON object (unknown fields are ignored).
     *
     * @throws IllegalArgumentException if {@code json} is not a JSON object (e.g. an error body)
     */
    public static ApiKeyRestrictions parse(String json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException("apiRestrictions response is not JSON");
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("apiRestrictions response is not a JSON object");
        }
        if (n.has("code") && n.has("msg") && !n.has("enableReading")) {
            throw new IllegalArgumentException("apiRestrictions returned an error object, code " + n.get("code").asText());
        }
        JsonNode ct = n.get("createTime");
        return new ApiKeyRestrictions(
                flag(n, "ipRestrict", false),
                ct != null && ct.canConvertToLong() ? Instant.ofEpochMilli(ct.asLong()) : null,
                flag(n, "enableInternalTransfer", true),
                flag(n, "enableFutures", false),
                flag(n, "enablePortfolioMarginTrading", false),
                flag(n, "enableVanillaOptions", false),
                flag(n, "permitsUniversalTransfer", true),
                flag(n, "enableReading", false),
                flag(n, "enableSpotAndMarginTrading", false),
                flag(n, "enableWithdrawals", true),
                flag(n, "enableMargin", false));
    }

    private static boolean flag(JsonNode n, String field, boolean ifMissing) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return ifMissing;
        }
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    /** Whether the key may place orders on {@code market}: spot needs spot&margin trading, USDⓈ-M needs futures. */
    public boolean permits(Market market) {
        return switch (market) {
            case SPOT -> enableSpotAndMarginTrading;
            case USDM_FUTURES -> enableFutures;
        };
    }
}
