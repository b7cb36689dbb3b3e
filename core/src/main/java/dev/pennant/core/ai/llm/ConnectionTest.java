package dev.pennant.core.ai.llm;

/**
 * The result of "test connection".
 *
 * @param ok        the endpoint answered
 * @param model     the model that answered (as the endpoint names it)
 * @param latencyMs round trip, ms
 * @param message   what it answered, or why it failed (no secrets)
 */
public record ConnectionTest(boolean ok, String model, long latencyMs, String message) {
}
