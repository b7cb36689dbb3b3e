package dev.pennant.core.ai.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.record.DecisionRecord;
import dev.pennant.core.ai.record.DecisionRecorder;
import dev.pennant.core.ai.record.DecisionStatus;
import dev.pennant.core.testkit.OpenAiStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyst against a local OpenAI-compatible stub over real HTTP on 127.0.0.1. */
class LlmAnalystTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BAR = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli() - 1;

    private OpenAiStub stub;
    private MutableClock clock;
    private final List<DecisionRecord> recorded = new ArrayList<>();
    private final DecisionRecorder recorder = new DecisionRecorder() {
        @Override public long record(DecisionRecord r) { recorded.add(r); return recorded.size(); }
        @Override public void linkOrder(long id, String coid, String role) { }
        @Override public int attachOutcome(String coid, BigDecimal pnl, long at, String refl) { return 0; }
    };

    @BeforeEach
    void start() throws Exception {
        stub = new OpenAiStub();
        clock = new MutableClock(Instant.parse("2025-03-01T12:00:05Z"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ProviderProfile profile() {
        return ProviderProfile.of("stub", stub.baseUrl(), "gpt-4o-mini", "llm-key-1")
                .withPrices(new BigDecimal("0.15"), new BigDecimal("0.60"));
    }

    private LlmAnalyst.Builder analyst(ProviderProfile p) {
        return LlmAnalyst.builder(p).clock(clock).sleeper(clock.sleeper()).recorder(recorder)
                .keys(prof -> Optional.of("sk-test-not-real".toCharArray()));
    }

    @Test
    void validStructuredAnswerIsParsedCountedAndRecorded() throws Exception {
        stub.enqueue(OpenAiStub.completion(Contexts.LONG_JSON, 412, 96));
        MarketContext ctx = Contexts.btc(BAR);

        AnalysisResult r = analyst(profile()).build().analyze(ctx);

        assertThat(r.status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        AiDecision d = r.decision();
        assertThat(d.action()).isEqualTo(AiAction.LONG);
        assertThat(d.confidence()).isEqualTo(0.72);
        assertThat(d.entry()).isEqualTo(64_000);
        assertThat(d.stopLoss()).isEqualTo(63_000);
        assertThat(d.takeProfit()).isEqualTo(66_000);
        assertThat(d.leverage()).isEqualTo(3);
        assertThat(d.sizeFraction()).isEqualTo(0.5);
        assertThat(d.horizonMinutes()).isEqualTo(720);
        assertThat(d.keyFactors()).hasSize(3);
        assertThat(r.inputTokens()).isEqualTo(412);
        assertThat(r.outputTokens()).isEqualTo(96);
        // 412 × 0.15 / 1e6 + 96 × 0.60 / 1e6 = 0.0000618 + 0.0000576
        assertThat(r.costUsd()).isEqualByComparingTo("0.0001194");
        assertThat(r.attempts()).isEqualTo(1);

        JsonNode req = JSON.readTree(stub.request(0));
        assertThat(req.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(req.path("response_format").path("type").asText()).isEqualTo("json_schema");
        assertThat(req.path("response_format").path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(req.path("response_format").path("json_schema").path("schema").path("required").size()).isEqualTo(10);
        assertThat(req.path("messages").get(1).path("content").asText()).contains("\"symbol\":\"BTCUSDT\"");
        assertThat(stub.authorization(0)).isEqualTo("Bearer sk-test-not-real");

        assertThat(recorded).hasSize(1);
        DecisionRecord rec = recorded.getFirst();
        assertThat(rec.status()).isEqualTo(DecisionStatus.ACCEPTED);
        assertThat(rec.promptHash()).isEqualTo(PromptTemplate.HASH).hasSize(12);
        assertThat(rec.rawOutput()).isEqualTo(Contexts.LONG_JSON);
        assertThat(rec.inputsJson()).isEqualTo(ctx.toJson());
        assertThat(rec.parsedJson()).contains("\"action\":\"LONG\"");
        assertThat(rec.toString()).doesNotContain("sk-test-not-real");
        assertThat(r.toJson()).doesNotContain("sk-test-not-real");
    }

    @Test
    void malformedJsonIsRejectedWithTheReasonAndRecorded() {
        stub.enqueue(OpenAiStub.completion("{\"action\":\"LONG\",\"confidence\":0.7,", 400, 20));
        AnalysisResult r = analyst(profile()).build().analyze(Contexts.btc(BAR));
        assertThat(r.status()).isEqualTo(AnalysisResult.Status.REJECTED);
        assertThat(r.decision()).isNull();
        assertThat(r.reason()).contains("not valid JSON");
        assertThat(recorded.getFirst().status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(recorded.getFirst().rawOutput()).startsWith("{\"action\":\"LONG\"");
    }

    @Test
    void outOfRangeAnswerNamesEveryBrokenRule() {
        String bad = Contexts.LONG_JSON.replace("\"confidence\":0.72", "\"confidence\":1.4")
                .replace("\"stop_loss\":63000", "\"stop_loss\":64500").replace("\"leverage\":3", "\"leverage\":20");
        stub.enqueue(OpenAiStub.completion(bad, 400, 90));
        AnalysisResult r = analyst(profile()).build().analyze(Contexts.btc(BAR));
        assertThat(r.status()).isEqualTo(AnalysisResult.Status.REJECTED);
        assertThat(r.reason()).contains("confidence: must be within 0..1, was 1.4")
                .contains("leverage: must be within 1..5, was 20")
                .contains("LONG needs stop_loss < entry < take_profit");
    }

    @Test
    void refusalIsReportedAsRefused() {
        stub.enqueue(OpenAiStub.refusal("I'm sorry, I can't help with that request."));
        AnalysisResult r = analyst(profile()).build().analyze(Contexts.btc(BAR));
        assertThat(r.status()).isEqualTo(AnalysisResult.Status.REFUSED);
        assertThat(r.reason()).contains("I'm sorry, I can't help");
        assertThat(r.decision()).isNull();
        assertThat(recorded.getFirst().status()).isEqualTo(DecisionStatus.REFUSED);
    }

    @Test
    void rateLimitedCallsAreRetriedWithExponentialBackoff() {
        stub.enqueue(OpenAiStub.rateLimited()).enqueue(OpenAiStub.rateLimited())
                .enqueue(OpenAiStub.completion(Contexts.LONG_JSON, 400, 90));
        AnalysisResult r = analyst(profile()).build().analyze(Contexts.btc(BAR));
        assertThat(r.status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        assertThat(r.attempts()).isEqualTo(3);
        assertThat(stub.requestCount()).isEqualTo(3);
        assertThat(clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void timeoutDegradesToTheDeterministicEngineAndSaysSo() {
        stub.always(OpenAiStub.hang());
        ProviderProfile p = profile().withTimeout(Duration.ofMillis(300));
        AnalysisResult r = analyst(p).retry(new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(100))).build()
                .analyze(Contexts.btc(BAR));
        assertThat(r.status()).isEqualTo(AnalysisResult.Status.DEGRADED);
        assertThat(r.reason()).contains("timeout").contains("after 2 tries").contains("deterministic engine answered");
        assertThat(r.source()).isEqualTo("rules");
        assertThat(r.decision()).isNotNull();
        assertThat(r.decision().action()).isEqualTo(AiAction.LONG); // consensus +1, RSI 58: the rules go long
        assertThat(clock.sleeps).containsExactly(Duration.ofMillis(100));
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndClosesAfterASuccessfulTrial() {
        stub.enqueue(OpenAiStub.serverError()).enqueue(OpenAiStub.serverError()).enqueue(OpenAiStub.serverError())
                .enqueue(OpenAiStub.completion(Contexts.LONG_JSON, 400, 90));
        LlmAnalyst a = analyst(profile()).retry(new RetryPolicy(1, Duration.ZERO, Duration.ZERO))
                .circuitBreaker(3, Duration.ofSeconds(60)).build();
        for (int i = 0; i < 3; i++) {
            assertThat(a.analyze(Contexts.btc(BAR + i)).status()).isEqualTo(AnalysisResult.Status.DEGRADED);
        }
        assertThat(a.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
        AnalysisResult blocked = a.analyze(Contexts.btc(BAR + 10));
        assertThat(blocked.reason()).contains("circuit open");
        assertThat(stub.requestCount()).isEqualTo(3); // nothing sent while open
        clock.advance(Duration.ofSeconds(61));
        assertThat(a.circuit()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(a.analyze(Contexts.btc(BAR + 11)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        assertThat(a.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void dailyTokenBudgetStopsCallsUntilTheNextUtcDay() {
        stub.always(OpenAiStub.completion(Contexts.LONG_JSON, 1500, 100));
        // each call: prompt estimate + 600 max output tokens; after one real call (1,600 tokens) the next won't fit 2,000
        ProviderProfile p = profile().withBudget(2000, new BigDecimal("1"));
        LlmAnalyst a = analyst(p).build();
        assertThat(a.analyze(Contexts.btc(BAR)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        assertThat(a.usage().tokens()).isEqualTo(1600);
        AnalysisResult over = a.analyze(Contexts.btc(BAR + 1));
        assertThat(over.status()).isEqualTo(AnalysisResult.Status.DEGRADED);
        assertThat(over.reason()).contains("daily token budget: 1600 used");
        assertThat(stub.requestCount()).isEqualTo(1);
        clock.advance(Duration.ofHours(12)); // 2025-03-02 00:00:05 UTC
        assertThat(a.usage().tokens()).isZero();
        assertThat(a.analyze(Contexts.btc(BAR + 2)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
    }

    @Test
    void dailyCostBudgetCountsThePricesOfTheUsage() {
        stub.always(OpenAiStub.completion(Contexts.LONG_JSON, 1000, 100));
        // 10 USD per million in and out: a call costs 0.011 USD; the budget 0.015 allows one
        ProviderProfile p = profile().withPrices(BigDecimal.TEN, BigDecimal.TEN).withBudget(1_000_000, new BigDecimal("0.015"));
        LlmAnalyst a = analyst(p).build();
        assertThat(a.analyze(Contexts.btc(BAR)).costUsd()).isEqualByComparingTo("0.011");
        AnalysisResult over = a.analyze(Contexts.btc(BAR + 1));
        assertThat(over.status()).isEqualTo(AnalysisResult.Status.DEGRADED);
        assertThat(over.reason()).contains("daily cost budget");
    }

    @Test
    void rateLimitDegradesWhenTheWaitExceedsTheTimeout() {
        stub.always(OpenAiStub.completion(Contexts.LONG_JSON, 400, 90));
        LlmAnalyst a = analyst(profile().withRequestsPerMinute(1)).build();
        assertThat(a.analyze(Contexts.btc(BAR)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        AnalysisResult limited = a.analyze(Contexts.btc(BAR + 1));
        assertThat(limited.status()).isEqualTo(AnalysisResult.Status.DEGRADED);
        assertThat(limited.reason()).contains("rate limit 1/min");
        clock.advance(Duration.ofSeconds(60));
        assertThat(a.analyze(Contexts.btc(BAR + 2)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
    }

    @Test
    void cacheReplaysTheSameBarWithoutACallAndEstimatesUncachedCost() {
        stub.always(OpenAiStub.completion(Contexts.LONG_JSON, 400, 90));
        DecisionCache cache = DecisionCache.inMemory();
        LlmAnalyst a = analyst(profile()).cache(cache).build();
        AnalysisResult first = a.analyze(Contexts.btc(BAR));
        AnalysisResult again = a.analyze(Contexts.btc(BAR));
        assertThat(stub.requestCount()).isEqualTo(1);
        assertThat(again.cached()).isTrue();
        assertThat(again.decision()).isEqualTo(first.decision());
        assertThat(again.costUsd()).isZero();

        LlmAnalyst replay = analyst(profile()).cache(cache).cacheOnly(true).build();
        assertThat(replay.analyze(Contexts.btc(BAR)).status()).isEqualTo(AnalysisResult.Status.ACCEPTED);
        assertThat(replay.analyze(Contexts.btc(BAR + 60_000)).reason()).contains("not in the decision cache");
        assertThat(stub.requestCount()).isEqualTo(1);

        List<MarketContext> run = List.of(Contexts.btc(BAR), Contexts.btc(BAR + 1), Contexts.btc(BAR + 2));
        CostEstimate e = replay.estimate(run);
        assertThat(e.total()).isEqualTo(3);
        assertThat(e.uncached()).isEqualTo(2);
        long perCall = PromptTemplate.estimateTokens(PromptTemplate.SYSTEM + PromptTemplate.user(Contexts.btc(BAR + 1), null));
        assertThat(e.inputTokens()).isEqualTo(2 * perCall);
        assertThat(e.outputTokens()).isEqualTo(2 * 600);
        assertThat(e.costUsd()).isEqualByComparingTo(profile().cost(2 * perCall, 1200));
    }

    @Test
    void askIsNeverCachedAndCarriesTheQuestion() throws Exception {
        stub.always(OpenAiStub.completion(Contexts.LONG_JSON, 400, 90));
        LlmAnalyst a = analyst(profile()).build();
        a.ask(Contexts.btc(BAR), "Is the bid wall real?");
        a.ask(Contexts.btc(BAR), "Is the bid wall real?");
        assertThat(stub.requestCount()).isEqualTo(2);
        assertThat(JSON.readTree(stub.request(0)).path("messages").get(1).path("content").asText())
                .endsWith("Question: Is the bid wall real?");
    }

    @Test
    void testConnectionReportsSuccessAndFailure() throws Exception {
        stub.enqueue(OpenAiStub.completion("OK", 12, 1));
        ConnectionTest ok = analyst(profile()).build().testConnection();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.message()).contains("\"OK\"");
        assertThat(ok.model()).isEqualTo("gpt-4o-mini-2024-07-18");

        stub.enqueue(new OpenAiStub.Answer(401, OpenAiStub.error("Incorrect API key provided: sk-test-***", "invalid_request_error"), false));
        ConnectionTest bad = analyst(profile()).build().testConnection();
        assertThat(bad.ok()).isFalse();
        assertThat(bad.message()).contains("authentication failed");
        assertThat(bad.message()).doesNotContain("sk-test-not-real");
    }
}
