package dev.pennant.core.ai.llm;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One OpenAI-compatible endpoint the analyst may call (OpenAI, Azure OpenAI, Ollama, LM Studio, vLLM, Nebius, ...).
 * The API key is never part of the profile: {@code apiKeyRef} names the vault entry (kind {@code LLM}) holding it.
 *
 * @param name               profile name shown in the panel, e.g. {@code "local-ollama"}
 * @param baseUrl            the API root including the version path, e.g. {@code http://127.0.0.1:11434/v1}
 * @param model              model name as the endpoint knows it, e.g. {@code gpt-4o-mini}
 * @param temperature        sampling temperature 0..2 (0 for reproducible answers)
 * @param maxTokens          cap on output tokens per call, 1..100,000
 * @param timeout            per-request timeout (connect and read), 1 s..10 min
 * @param apiKeyRef          vault entry id of the key, or {@code null} for endpoints without a key (local servers)
 * @param inputUsdPerMTok    price of 1,000,000 input tokens in USD (0 for local models)
 * @param outputUsdPerMTok   price of 1,000,000 output tokens in USD
 * @param dailyTokenBudget   input + output tokens allowed per UTC day, ≥ 1
 * @param dailyCostBudgetUsd USD allowed per UTC day, ≥ 0
 * @param requestsPerMinute  rate limit, 1..10,000
 */
public record ProviderProfile(String name, String baseUrl, String model, double temperature, int maxTokens,
                              Duration timeout, String apiKeyRef, BigDecimal inputUsdPerMTok,
                              BigDecimal outputUsdPerMTok, long dailyTokenBudget, BigDecimal dailyCostBudgetUsd,
                              int requestsPerMinute) {

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and the rule it broke
     */
    public ProviderProfile {
        require(name != null && !name.isBlank(), "name: must not be blank");
        require(baseUrl != null && (baseUrl.startsWith("http://") || baseUrl.startsWith("https://")),
                "baseUrl: must start with http:// or https://, was " + baseUrl);
        try {
            URI u = URI.create(baseUrl);
            require(u.getHost() != null, "baseUrl: has no host: " + baseUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl: not a URL: " + baseUrl, e);
        }
        require(model != null && !model.isBlank(), "model: must not be blank");
        require(temperature >= 0 && temperature <= 2, "temperature: must be within 0..2, was " + temperature);
        require(maxTokens >= 1 && maxTokens <= 100_000, "maxTokens: must be within 1..100000, was " + maxTokens);
        Objects.requireNonNull(timeout, "timeout");
        require(timeout.compareTo(Duration.ofSeconds(1)) >= 0 || timeout.compareTo(Duration.ofMillis(50)) >= 0 && baseUrlIsLoopback(baseUrl),
                "timeout: must be at least 1 s, was " + timeout.toMillis() + " ms");
        require(timeout.compareTo(Duration.ofMinutes(10)) <= 0, "timeout: must be at most 10 min, was " + timeout);
        Objects.requireNonNull(inputUsdPerMTok, "inputUsdPerMTok");
        Objects.requireNonNull(outputUsdPerMTok, "outputUsdPerMTok");
        require(inputUsdPerMTok.signum() >= 0, "inputUsdPerMTok: must be >= 0, was " + inputUsdPerMTok);
        require(outputUsdPerMTok.signum() >= 0, "outputUsdPerMTok: must be >= 0, was " + outputUsdPerMTok);
        require(dailyTokenBudget >= 1, "dailyTokenBudget: must be >= 1, was " + dailyTokenBudget);
        Objects.requireNonNull(dailyCostBudgetUsd, "dailyCostBudgetUsd");
        require(dailyCostBudgetUsd.signum() >= 0, "dailyCostBudgetUsd: must be >= 0, was " + dailyCostBudgetUsd);
        require(requestsPerMinute >= 1 && requestsPerMinute <= 10_000,
                "requestsPerMinute: must be within 1..10000, was " + requestsPerMinute);
    }

    /**
     * A profile with the defaults: temperature 0, 600 output tokens, 30 s timeout, free, 200,000 tokens and 1 USD a
     * day, 20 requests a minute.
     */
    public static ProviderProfile of(String name, String baseUrl, String model, String apiKeyRef) {
        return new ProviderProfile(name, baseUrl, model, 0.0, 600, Duration.ofSeconds(30), apiKeyRef,
                BigDecimal.ZERO, BigDecimal.ZERO, 200_000, BigDecimal.ONE, 20);
    }

    /** Copy with another timeout. */
    public ProviderProfile withTimeout(Duration t) {
        return new ProviderProfile(name, baseUrl, model, temperature, maxTokens, t, apiKeyRef, inputUsdPerMTok,
                outputUsdPerMTok, dailyTokenBudget, dailyCostBudgetUsd, requestsPerMinute);
    }

    /** Copy with other prices (USD per million input / output tokens). */
    public ProviderProfile withPrices(BigDecimal inputPerM, BigDecimal outputPerM) {
        return new ProviderProfile(name, baseUrl, model, temperature, maxTokens, timeout, apiKeyRef, inputPerM,
                outputPerM, dailyTokenBudget, dailyCostBudgetUsd, requestsPerMinute);
    }

    /** Copy with other daily budgets. */
    public ProviderProfile withBudget(long tokens, BigDecimal usd) {
        return new ProviderProfile(name, baseUrl, model, temperature, maxTokens, timeout, apiKeyRef, inputUsdPerMTok,
                outputUsdPerMTok, tokens, usd, requestsPerMinute);
    }

    /** Copy with another rate limit. */
    public ProviderProfile withRequestsPerMinute(int rpm) {
        return new ProviderProfile(name, baseUrl, model, temperature, maxTokens, timeout, apiKeyRef, inputUsdPerMTok,
                outputUsdPerMTok, dailyTokenBudget, dailyCostBudgetUsd, rpm);
    }

    /** USD cost of a call with these token counts: {@code in·inputPrice/1e6 + out·outputPrice/1e6}. */
    public BigDecimal cost(long inputTokens, long outputTokens) {
        return inputUsdPerMTok.multiply(BigDecimal.valueOf(inputTokens))
                .add(outputUsdPerMTok.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(BigDecimal.valueOf(1_000_000), 8, java.math.RoundingMode.HALF_UP);
    }

    // Sub-second timeouts only for loopback endpoints (tests of the timeout path against a local stub).
    private static boolean baseUrlIsLoopback(String url) {
        String host = URI.create(url).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
    }

    private static void require(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }
}
