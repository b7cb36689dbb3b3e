package dev.pennant.core.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.context.MarketContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the model's JSON answer into an {@link AiDecision} and checks it against the market it was asked about.
 * An answer that fails any rule is rejected with every broken rule named; it is recorded but never traded.
 *
 * <p>Rules: the JSON object has every field of {@link DecisionSchema} with the right type; {@code action} is one of
 * LONG/SHORT/CLOSE/HOLD; {@code confidence} and {@code size_fraction} in 0..1; {@code leverage} in
 * 1..{@code risk.maxLeverage}; {@code horizon_minutes} in 0..43,200; reasoning not blank and at most 2,000 characters;
 * 1..8 key factors. For LONG/SHORT: entry within ±{@value #MAX_ENTRY_DISTANCE_PCT} % of the last close;
 * LONG needs stop-loss &lt; entry &lt; take-profit, SHORT take-profit &lt; entry &lt; stop-loss, and the stop at most
 * {@value #MAX_STOP_DISTANCE_PCT} % from entry. SHORT is also refused when the context's market cannot short
 * ({@code maxLeverage == 1} means spot).
 */
public final class DecisionParser {

    /** Largest distance of the proposed entry from the last close, percent. */
    public static final double MAX_ENTRY_DISTANCE_PCT = 5.0;
    /** Largest distance of the stop-loss from the entry, percent. */
    public static final double MAX_STOP_DISTANCE_PCT = 20.0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private DecisionParser() {
    }

    /**
     * The outcome of parsing: either a decision or the reasons it was rejected.
     *
     * @param decision the valid decision, or {@code null}
     * @param errors   the broken rules, empty when valid
     */
    public record Result(AiDecision decision, List<String> errors) {
        /** Copies the list. */
        public Result {
            errors = List.copyOf(errors);
        }

        /** Whether the answer passed every rule. */
        public boolean valid() {
            return decision != null && errors.isEmpty();
        }

        /** The reasons joined, e.g. {@code "confidence: must be within 0..1, was 1.4; ..."}. */
        public String reason() {
            return String.join("; ", errors);
        }
    }

    /**
     * Parses and validates {@code raw} for {@code context}.
     *
     * @param raw     the model's message content (a JSON object; a Markdown code fence around it is tolerated)
     * @param context what the model was asked about
     * @return the decision or the reasons it is invalid; never throws on bad input
     */
    public static Result parse(String raw, MarketContext context) {
        List<String> errors = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return new Result(null, List.of("output: empty answer"));
        }
        String text = stripFence(raw.strip());
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            return new Result(null, List.of("output: not valid JSON (" + msg + ")"));
        }
        if (n == null || !n.isObject()) {
            return new Result(null, List.of("output: not a JSON object"));
        }
        AiAction action = null;
        String a = text(n, "action", errors);
        if (a != null) {
            try {
                action = AiAction.valueOf(a.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("action: must be one of LONG, SHORT, CLOSE, HOLD, was " + a);
            }
        }
        double confidence = number(n, "confidence", errors);
        double entry = number(n, "entry", errors);
        double sl = number(n, "stop_loss", errors);
        double tp = number(n, "take_profit", errors);
        double lev = number(n, "leverage", errors);
        double size = number(n, "size_fraction", errors);
        double horizon = number(n, "horizon_minutes", errors);
        String reasoning = text(n, "reasoning", errors);
        List<String> factors = new ArrayList<>();
        JsonNode f = n.get("key_factors");
        if (f == null || !f.isArray()) {
            errors.add("key_factors: missing or not an array of strings");
        } else {
            f.forEach(x -> factors.add(x.asText()));
        }
        if (!errors.isEmpty()) return new Result(null, errors);

        range(errors, "confidence", confidence, 0, 1);
        range(errors, "size_fraction", size, 0, 1);
        int maxLev = Math.max(1, context.risk().maxLeverage());
        if (lev != Math.rint(lev)) errors.add("leverage: must be a whole number, was " + lev);
        range(errors, "leverage", lev, 1, maxLev);
        range(errors, "horizon_minutes", horizon, 0, 43_200);
        if (reasoning.isBlank()) errors.add("reasoning: must not be blank");
        if (reasoning.length() > 2000) errors.add("reasoning: at most 2000 characters, was " + reasoning.length());
        if (factors.isEmpty() || factors.size() > 8) errors.add("key_factors: 1..8 items, was " + factors.size());
        if (action == AiAction.LONG || action == AiAction.SHORT) {
            double last = context.lastClose();
            if (!(entry > 0)) {
                errors.add("entry: must be > 0 for " + action + ", was " + entry);
            } else {
                double dist = Math.abs(entry - last) / last * 100;
                if (dist > MAX_ENTRY_DISTANCE_PCT) {
                    errors.add(String.format(Locale.ROOT, "entry: %s is %.2f %% from the last close %s (max %.1f %%)",
                            plain(entry), dist, plain(last), MAX_ENTRY_DISTANCE_PCT));
                }
                boolean order = action == AiAction.LONG ? sl < entry && entry < tp : tp < entry && entry < sl;
                if (!order) {
                    errors.add(action == AiAction.LONG
                            ? "levels: LONG needs stop_loss < entry < take_profit, was " + plain(sl) + " / " + plain(entry) + " / " + plain(tp)
                            : "levels: SHORT needs take_profit < entry < stop_loss, was " + plain(tp) + " / " + plain(entry) + " / " + plain(sl));
                }
                if (sl > 0 && Math.abs(entry - sl) / entry * 100 > MAX_STOP_DISTANCE_PCT) {
                    errors.add(String.format(Locale.ROOT, "stop_loss: %.2f %% from entry (max %.0f %%)",
                            Math.abs(entry - sl) / entry * 100, MAX_STOP_DISTANCE_PCT));
                }
            }
            if (action == AiAction.SHORT && context.risk().maxLeverage() <= 1) {
                errors.add("action: SHORT is not possible on this market (spot: long only)");
            }
        }
        if (!errors.isEmpty()) return new Result(null, errors);
        return new Result(new AiDecision(action, confidence, entry, sl, tp, (int) lev, size, (int) horizon,
                reasoning.strip(), factors), List.of());
    }

    private static String stripFence(String s) {
        if (s.startsWith("```")) {
            int nl = s.indexOf('\n');
            int end = s.lastIndexOf("```");
            if (nl > 0 && end > nl) return s.substring(nl + 1, end).strip();
        }
        return s;
    }

    private static String text(JsonNode n, String field, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            errors.add(field + ": missing");
            return null;
        }
        if (!v.isTextual()) {
            errors.add(field + ": must be a string, was " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            return null;
        }
        return v.asText();
    }

    private static double number(JsonNode n, String field, List<String> errors) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            errors.add(field + ": missing");
            return Double.NaN;
        }
        if (!v.isNumber()) {
            errors.add(field + ": must be a number, was " + v.getNodeType().name().toLowerCase(Locale.ROOT) + " " + v);
            return Double.NaN;
        }
        double d = v.asDouble();
        if (!Double.isFinite(d)) errors.add(field + ": must be finite");
        return d;
    }

    private static void range(List<String> errors, String field, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            errors.add(field + ": must be within " + plain(lo) + ".." + plain(hi) + ", was " + plain(v));
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
