package dev.pennant.core.ai.llm;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.pennant.core.ai.RuleBasedAnalyst;
import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.record.DecisionKind;
import dev.pennant.core.ai.record.DecisionRecord;
import dev.pennant.core.ai.record.DecisionRecorder;
import dev.pennant.core.ai.record.DecisionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The AI analyst of one provider profile: builds the prompt from a {@link MarketContext}, asks the OpenAI-compatible
 * endpoint through langchain4j ({@link OpenAiChatModel}, structured output with {@link PromptTemplate#SCHEMA},
 * {@code strict: true}), validates the answer ({@link DecisionParser}) and records every outcome.
 *
 * <p>Guard rails, in the order they are checked: the decision cache (per symbol, bar, prompt hash, model); in
 * cache-only mode (backtest replays) a miss degrades; the circuit breaker; the daily token and cost budget (estimated
 * before the call, counted from the response's usage after it); the rate limit (waits through the injected
 * {@link Sleeper} when the wait fits the timeout, else degrades); then up to {@link RetryPolicy#maxAttempts()} tries
 * with exponential backoff on timeouts, HTTP 429 and 5xx. Whenever the model gives no answer, the
 * {@link RuleBasedAnalyst} answers instead and the result says {@code DEGRADED} with the reason.
 *
 * <p>Never sends an order. Blocking: call it off the engine and FX threads. Thread-safe.
 */
public final class LlmAnalyst {

    private static final Logger LOG = LoggerFactory.getLogger(LlmAnalyst.class);

    private final ProviderProfile profile;
    private final ApiKeySource keys;
    private final DecisionCache cache;
    private final DecisionRecorder recorder;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    private final UsageBudget budget;
    private final RuleBasedAnalyst rules = new RuleBasedAnalyst();
    private final boolean cacheOnly;

    private LlmAnalyst(Builder b) {
        this.profile = Objects.requireNonNull(b.profile, "profile");
        this.keys = b.keys;
        this.cache = b.cache;
        this.recorder = b.recorder;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.retry = b.retry;
        this.breaker = new CircuitBreaker(b.breakerThreshold, b.breakerOpenFor, b.clock);
        this.limiter = new RateLimiter(profile.requestsPerMinute(), b.clock);
        this.budget = new UsageBudget(profile, b.clock);
        this.cacheOnly = b.cacheOnly;
    }

    /** A builder for {@code profile}: no key, in-memory cache, no recording, system clock, real sleeps, defaults. */
    public static Builder builder(ProviderProfile profile) {
        return new Builder(profile);
    }

    /** The profile. */
    public ProviderProfile profile() {
        return profile;
    }

    /** Today's token and cost use against the budgets. */
    public UsageBudget.Usage usage() {
        return budget.usage();
    }

    /** The budget (e.g. to restore today's totals from the record). */
    public UsageBudget budget() {
        return budget;
    }

    /** The circuit breaker's state. */
    public CircuitBreaker.State circuit() {
        return breaker.state();
    }

    /** Analyses {@code ctx} (cached per symbol, bar, prompt and model). */
    public AnalysisResult analyze(MarketContext ctx) {
        return run(ctx, null, true, null);
    }

    /**
     * Analyses {@code ctx} for a strategy signal (the AI as confirmation filter): recorded with the signal's id.
     */
    public AnalysisResult confirm(MarketContext ctx, String signalId) {
        return run(ctx, null, true, signalId);
    }

    /** Answers a question from the panel's "ask" box about {@code ctx}; never cached. */
    public AnalysisResult ask(MarketContext ctx, String question) {
        return run(ctx, question, false, null);
    }

    /** What analysing every context in {@code contexts} would cost (cached ones are free). */
    public CostEstimate estimate(List<MarketContext> contexts) {
        int uncached = 0;
        long in = 0;
        for (MarketContext c : contexts) {
            if (cache.get(key(c)).isEmpty()) {
                uncached++;
                in += PromptTemplate.estimateTokens(PromptTemplate.SYSTEM + PromptTemplate.user(c, null));
            }
        }
        long out = (long) uncached * profile.maxTokens();
        return new CostEstimate(contexts.size(), uncached, in, out, profile.cost(in, out));
    }

    /**
     * Sends a one-word request to check the endpoint, model and key ("test connection"). Not counted against the
     * budget's call count but its usage is added.
     */
    public ConnectionTest testConnection() {
        long t0 = System.nanoTime();
        try {
            ChatModel model = model();
            ChatResponse r = model.chat(ChatRequest.builder()
                    .messages(UserMessage.from("Reply with the single word OK."))
                    .maxOutputTokens(5).build());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            TokenUsage u = r.tokenUsage();
            if (u != null) budget.add(n(u.inputTokenCount()), n(u.outputTokenCount()));
            String text = r.aiMessage() == null ? null : r.aiMessage().text();
            return new ConnectionTest(true, r.modelName() != null ? r.modelName() : profile.model(), ms,
                    "answered " + (text == null ? "(no text)" : '"' + abbreviate(text.strip(), 40) + '"'));
        } catch (RuntimeException e) {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            return new ConnectionTest(false, profile.model(), ms, describe(e));
        }
    }

    private DecisionCache.Key key(MarketContext ctx) {
        return new DecisionCache.Key(ctx.symbol(), ctx.barCloseTime(), PromptTemplate.HASH, profile.model());
    }

    private AnalysisResult run(MarketContext ctx, String question, boolean useCache, String signalId) {
        DecisionCache.Key key = key(ctx);
        if (useCache) {
            Optional<DecisionCache.Entry> hit = cache.get(key);
            if (hit.isPresent()) {
                DecisionCache.Entry e = hit.get();
                return record(ctx, signalId, answered(ctx, e.rawOutput(), null, 0, e.inputTokens(), e.outputTokens(),
                        BigDecimal.ZERO, true, 0));
            }
            if (cacheOnly) {
                return record(ctx, signalId, degraded(ctx, "not in the decision cache (cache-only replay)", 0, 0));
            }
        }
        if (!breaker.tryAcquire()) {
            return record(ctx, signalId, degraded(ctx, "circuit open after repeated failures of " + profile.name()
                    + "; next try in " + Math.max(1, breaker.retryInMillis() / 1000) + " s", 0, 0));
        }
        String user = PromptTemplate.user(ctx, question);
        long estIn = PromptTemplate.estimateTokens(PromptTemplate.SYSTEM + user);
        String over = budget.refusal(estIn + profile.maxTokens(), estIn);
        if (over != null) {
            breaker.onSuccess(); // a budget stop is not the provider's failure
            return record(ctx, signalId, degraded(ctx, over, 0, 0));
        }
        try {
            long wait = limiter.reserve();
            if (wait > 0) {
                if (wait > profile.timeout().toMillis()) {
                    breaker.onSuccess();
                    return record(ctx, signalId, degraded(ctx, "rate limit " + profile.requestsPerMinute()
                            + "/min reached; next slot in " + wait + " ms", 0, 0));
                }
                sleeper.sleep(Duration.ofMillis(wait));
                limiter.reserve();
            }
            ChatRequest request = ChatRequest.builder()
                    .messages(SystemMessage.from(PromptTemplate.SYSTEM), UserMessage.from(user))
                    .responseFormat(ResponseFormat.builder().type(ResponseFormatType.JSON)
                            .jsonSchema(PromptTemplate.SCHEMA).build())
                    .build();
            ChatModel model = model();
            long t0 = System.nanoTime();
            RuntimeException last = null;
            for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
                try {
                    ChatResponse r = model.chat(request);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    breaker.onSuccess();
                    TokenUsage u = r.tokenUsage();
                    int in = u == null ? 0 : n(u.inputTokenCount());
                    int out = u == null ? 0 : n(u.outputTokenCount());
                    BigDecimal cost = budget.add(in, out);
                    String text = r.aiMessage() == null ? null : r.aiMessage().text();
                    if (useCache && text != null) cache.put(key, new DecisionCache.Entry(text, in, out));
                    String truncated = r.finishReason() == FinishReason.LENGTH
                            ? "answer cut at max tokens (" + profile.maxTokens() + ")" : null;
                    return record(ctx, signalId, answered(ctx, text, truncated, ms, in, out, cost, false, attempt));
                } catch (ContentFilteredException e) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    breaker.onSuccess();
                    return record(ctx, signalId, new AnalysisResult(AnalysisResult.Status.REFUSED, ctx.symbol(),
                            ctx.barCloseTime(), null, "refused by the model: " + abbreviate(String.valueOf(e.getMessage()), 300),
                            "llm", profile.model(), PromptTemplate.HASH, null, ms, 0, 0, BigDecimal.ZERO, false, attempt, 0));
                } catch (RuntimeException e) {
                    last = e;
                    if (!retriable(e) || attempt == retry.maxAttempts()) {
                        breaker.onFailure();
                        long ms = (System.nanoTime() - t0) / 1_000_000;
                        String why = describe(e) + (attempt > 1 ? " (after " + attempt + " tries)" : "");
                        return record(ctx, signalId, degraded(ctx, why, ms, attempt));
                    }
                    LOG.info("AI call to {} failed (try {} of {}): {}", profile.name(), attempt, retry.maxAttempts(), describe(e));
                    sleeper.sleep(retry.backoff(attempt));
                }
            }
            throw new IllegalStateException("unreachable", last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            breaker.onSuccess();
            return record(ctx, signalId, degraded(ctx, "interrupted", 0, 0));
        } catch (IllegalStateException e) { // a key that cannot be read
            breaker.onFailure();
            return record(ctx, signalId, degraded(ctx, e.getMessage(), 0, 0));
        }
    }

    private ChatModel model() {
        Optional<char[]> key = keys.apiKey(profile);
        String k = key.map(String::new).orElse("no-key");
        key.ifPresent(c -> Arrays.fill(c, '\0'));
        return OpenAiChatModel.builder()
                .baseUrl(profile.baseUrl())
                .apiKey(k)
                .modelName(profile.model())
                .temperature(profile.temperature())
                .maxTokens(profile.maxTokens())
                .timeout(profile.timeout())
                .maxRetries(0) // retries are ours: injected sleeper, counted attempts
                .supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                .strictJsonSchema(true)
                .logRequests(false)
                .logResponses(false)
                .build();
    }

    private AnalysisResult answered(MarketContext ctx, String text, String note, long ms, int in, int out,
                                    BigDecimal cost, boolean cached, int attempts) {
        DecisionParser.Result p = DecisionParser.parse(text, ctx);
        if (p.valid()) {
            return new AnalysisResult(AnalysisResult.Status.ACCEPTED, ctx.symbol(), ctx.barCloseTime(), p.decision(),
                    null, "llm", profile.model(), PromptTemplate.HASH, text, ms, in, out, cost, cached, attempts, 0);
        }
        String reason = "invalid answer: " + p.reason() + (note != null ? " (" + note + ")" : "");
        return new AnalysisResult(AnalysisResult.Status.REJECTED, ctx.symbol(), ctx.barCloseTime(), null, reason,
                "llm", profile.model(), PromptTemplate.HASH, text, ms, in, out, cost, cached, attempts, 0);
    }

    private AnalysisResult degraded(MarketContext ctx, String why, long ms, int attempts) {
        return new AnalysisResult(AnalysisResult.Status.DEGRADED, ctx.symbol(), ctx.barCloseTime(), rules.decide(ctx),
                "LLM unavailable (" + why + "): deterministic engine answered", "rules", RuleBasedAnalyst.MODEL, null,
                null, ms, 0, 0, BigDecimal.ZERO, false, attempts, 0);
    }

    private AnalysisResult record(MarketContext ctx, String signalId, AnalysisResult r) {
        DecisionStatus s = switch (r.status()) {
            case ACCEPTED -> DecisionStatus.ACCEPTED;
            case REJECTED -> DecisionStatus.REJECTED;
            case REFUSED -> DecisionStatus.REFUSED;
            case DEGRADED -> DecisionStatus.DEGRADED;
        };
        try {
            long id = recorder.record(new DecisionRecord(0, ctx.barCloseTime(), clock.millis(), DecisionKind.AI_ANALYSIS,
                    s, ctx.symbol(), null, null, signalId, r.decision() == null ? null : r.decision().action().name(),
                    r.decision() == null ? null : r.decision().confidence(), ctx.toJson(),
                    r.status() == AnalysisResult.Status.DEGRADED ? profile.model() + " → rules" : profile.model(),
                    PromptTemplate.HASH, r.rawOutput(), r.decisionJson(), r.reason(), r.latencyMs(), r.inputTokens(),
                    r.outputTokens(), r.costUsd(), r.cached(), List.of(), null));
            return r.withRecordId(id);
        } catch (RuntimeException e) {
            LOG.warn("decision not recorded: {}", e.getMessage());
            return r;
        }
    }

    static boolean retriable(Throwable e) {
        if (e instanceof AuthenticationException || e instanceof InvalidRequestException
                || e instanceof ModelNotFoundException) return false;
        if (e instanceof RateLimitException || e instanceof TimeoutException || e instanceof InternalServerException
                || e instanceof RetriableException) return true;
        if (e instanceof HttpException h) return h.statusCode() == 429 || h.statusCode() >= 500;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.io.IOException) return true;
        }
        return false;
    }

    /** A short, secret-free description of a failure. */
    static String describe(Throwable e) {
        String kind;
        if (e instanceof RateLimitException) kind = "HTTP 429 rate limited";
        else if (e instanceof TimeoutException) kind = "timeout";
        else if (e instanceof AuthenticationException) kind = "authentication failed";
        else if (e instanceof ModelNotFoundException) kind = "model not found";
        else if (e instanceof InternalServerException) kind = "server error";
        else if (e instanceof HttpException h) kind = "HTTP " + h.statusCode();
        else kind = e.getClass().getSimpleName();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        if (e instanceof TimeoutException || root instanceof java.net.http.HttpTimeoutException) {
            return "timeout";
        }
        return kind + ": " + abbreviate(msg.replaceAll("\\s+", " "), 200);
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    /** Builder of {@link LlmAnalyst}. */
    public static final class Builder {
        private final ProviderProfile profile;
        private ApiKeySource keys = ApiKeySource.none();
        private DecisionCache cache = DecisionCache.inMemory();
        private DecisionRecorder recorder = DecisionRecorder.none();
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.system();
        private RetryPolicy retry = RetryPolicy.defaults();
        private int breakerThreshold = 3;
        private Duration breakerOpenFor = Duration.ofMinutes(1);
        private boolean cacheOnly;

        private Builder(ProviderProfile profile) {
            this.profile = profile;
        }

        /** Where the API key comes from. */
        public Builder keys(ApiKeySource k) { this.keys = Objects.requireNonNull(k); return this; }
        /** The decision cache. */
        public Builder cache(DecisionCache c) { this.cache = Objects.requireNonNull(c); return this; }
        /** Where results are recorded. */
        public Builder recorder(DecisionRecorder r) { this.recorder = Objects.requireNonNull(r); return this; }
        /** Time source of budgets, rate limit and breaker. */
        public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c); return this; }
        /** How retries and rate-limit waits wait. */
        public Builder sleeper(Sleeper s) { this.sleeper = Objects.requireNonNull(s); return this; }
        /** Retry policy. */
        public Builder retry(RetryPolicy r) { this.retry = Objects.requireNonNull(r); return this; }
        /** Circuit breaker: consecutive failures to open, and how long it stays open. */
        public Builder circuitBreaker(int threshold, Duration openFor) {
            this.breakerThreshold = threshold;
            this.breakerOpenFor = openFor;
            return this;
        }
        /** Answer only from the cache (backtest replay): a miss degrades instead of calling the model. */
        public Builder cacheOnly(boolean on) { this.cacheOnly = on; return this; }
        /** The analyst. */
        public LlmAnalyst build() { return new LlmAnalyst(this); }
    }
}
