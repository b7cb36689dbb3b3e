package dev.pennant.core.ai.llm;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.pennant.core.ai.context.MarketContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The analyst's prompt and the JSON schema of its answer (OpenAI structured output, {@code strict: true}).
 * {@link #HASH} identifies this exact prompt + schema: it is recorded with every decision and is part of the cache
 * key, so changing a word of the prompt makes old cached answers unused rather than silently reused.
 */
public final class PromptTemplate {

    /** Human-readable prompt version; bump with any change of the texts below. */
    public static final String VERSION = "analyst-v1";

    /** The system message. */
    public static final String SYSTEM = """
            You are a cautious crypto trading analyst inside a trading terminal. You never place orders: you propose, \
            a risk engine decides. Read the market context (JSON) and answer with ONE JSON object following the schema.
            Units: prices in the quote asset; fields ending in Pct are percent; fractions are 0..1; times epoch ms UTC.
            Rules: action is LONG, SHORT, CLOSE or HOLD. For LONG: stop_loss < entry < take_profit. For SHORT: \
            take_profit < entry < stop_loss. Entry within 5 % of lastClose. leverage is a whole number from 1 to \
            risk.maxLeverage (1 = spot, no SHORT). size_fraction 0..1 of the risk engine's allocation. For HOLD or \
            CLOSE set entry, stop_loss and take_profit to 0. confidence 0..1: how sure you are, not a profit promise. \
            Prefer HOLD when signals disagree. key_factors: 1 to 8 short facts taken from the context.""";

    /** The answer's schema: every field required, no others. */
    public static final JsonSchema SCHEMA = JsonSchema.builder().name("trade_decision").rootElement(
            JsonObjectSchema.builder()
                    .addEnumProperty("action", List.of("LONG", "SHORT", "CLOSE", "HOLD"))
                    .addNumberProperty("confidence", "0..1")
                    .addNumberProperty("entry", "entry price, quote asset; 0 for HOLD/CLOSE")
                    .addNumberProperty("stop_loss", "stop-loss price; 0 for HOLD/CLOSE")
                    .addNumberProperty("take_profit", "take-profit price; 0 for HOLD/CLOSE")
                    .addIntegerProperty("leverage", "1..risk.maxLeverage")
                    .addNumberProperty("size_fraction", "0..1 of the allocation")
                    .addIntegerProperty("horizon_minutes", "expected holding time")
                    .addStringProperty("reasoning", "one short paragraph")
                    .addProperty("key_factors", JsonArraySchema.builder().items(new JsonStringSchema()).build())
                    .required("action", "confidence", "entry", "stop_loss", "take_profit", "leverage", "size_fraction",
                            "horizon_minutes", "reasoning", "key_factors")
                    .additionalProperties(false)
                    .build()).build();

    /** SHA-256 of version, system message and schema, first 12 hex digits. */
    public static final String HASH = sha256(VERSION + "\n" + SYSTEM + "\n" + SCHEMA);

    private PromptTemplate() {
    }

    /**
     * The user message: the context and, when asked from the panel, the user's question.
     *
     * @param question free text from the "ask" box, or {@code null} for a scheduled / signal-triggered analysis
     */
    public static String user(MarketContext context, String question) {
        String q = question == null || question.isBlank() ? "What should be done now?" : question.strip();
        return "Market context:\n" + context.toJson() + "\nQuestion: " + q;
    }

    /** Rough token count of a text for cost estimates: 1 token per 4 characters (OpenAI's rule of thumb), rounded up. */
    public static int estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
