package dev.pennant.core.ai.record;

import dev.pennant.core.ai.llm.DecisionCache;
import dev.pennant.core.persistence.HistoryStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision record and cache in the history database (migration V6). */
class H2DecisionStoreTest {

    @TempDir
    Path dir;

    private static DecisionRecord ai(long t, String symbol, double confidence) {
        return new DecisionRecord(0, t, t + 5, DecisionKind.AI_ANALYSIS, DecisionStatus.ACCEPTED, symbol, null, "s1",
                null, "LONG", confidence, "{\"symbol\":\"" + symbol + "\"}", "gpt-4o-mini", "abc123def456",
                "{\"action\":\"LONG\"}", "{\"action\":\"LONG\"}", null, 840, 412, 96, new BigDecimal("0.0001194"),
                false, List.of(), null);
    }

    @Test
    void recordsLinksOrdersAttachesOutcomesAndComputesHitRates() {
        try (HistoryStore history = HistoryStore.open(dir); H2DecisionStore store = H2DecisionStore.open(dir)) {
            long a = store.record(ai(1000, "BTCUSDT", 0.85));
            long b = store.record(ai(2000, "BTCUSDT", 0.82));
            long c = store.record(ai(3000, "ETHUSDT", 0.30));
            store.record(DecisionRecord.signal(4000, 4001, "BTCUSDT", "ema-cross-rsi", "s1", "sig-1", "BUY", 0.6, "{}", "EMA_CROSS_UP"));
            store.record(DecisionRecord.veto(5000, 5001, "BTCUSDT", "s1", "c-9", "BUY", "risk: kill switch engaged"));
            store.linkOrder(a, "c-1", "ENTRY");
            store.linkOrder(a, "c-2", "EXIT");
            store.linkOrder(b, "c-3", "ENTRY");
            store.linkOrder(c, "c-4", "ENTRY");

            assertThat(store.attachOutcome("c-2", new BigDecimal("12.5"), 9000, "target reached")).isEqualTo(1);
            assertThat(store.attachOutcome("c-2", new BigDecimal("99"), 9100, null)).isZero(); // once only
            store.attachOutcome("c-3", new BigDecimal("-4"), 9200, null);
            store.attachOutcome("c-4", new BigDecimal("1"), 9300, null);

            List<DecisionRecord> btc = store.query(DecisionQuery.latest(10).symbol("BTCUSDT"));
            assertThat(btc).hasSize(4);
            assertThat(btc.getFirst().kind()).isEqualTo(DecisionKind.RISK_VETO);
            assertThat(btc.getFirst().orderIds()).containsExactly("c-9");
            DecisionRecord first = store.query(DecisionQuery.latest(10).outcome("WIN").symbol("BTCUSDT")).getFirst();
            assertThat(first.id()).isEqualTo(a);
            assertThat(first.orderIds()).containsExactly("c-1", "c-2");
            assertThat(first.outcome().realizedPnl()).isEqualByComparingTo("12.5");
            assertThat(first.outcome().reflection()).isEqualTo("target reached");
            assertThat(first.latencyMs()).isEqualTo(840);
            assertThat(first.costUsd()).isEqualByComparingTo("0.0001194");
            assertThat(store.query(DecisionQuery.latest(10).strategy("ema-cross-rsi"))).hasSize(1);
            assertThat(store.query(DecisionQuery.latest(10).outcome("OPEN").kind(DecisionKind.AI_ANALYSIS))).isEmpty();

            List<ConfidenceBucket> buckets = store.hitRateByConfidence(5);
            assertThat(buckets.get(4)).isEqualTo(new ConfidenceBucket(0.8, 1.0, 2, 1)); // 0.85 win, 0.82 loss
            assertThat(buckets.get(1)).isEqualTo(new ConfidenceBucket(0.2, 0.4, 1, 1));
            assertThat(buckets.get(4).hitRate()).isEqualTo(0.5);

            var usage = store.usage("gpt-4o-mini", 0, 10_000);
            assertThat(usage.getKey()).containsExactly(3 * 508, 3);
            assertThat(usage.getValue()).isEqualByComparingTo("0.0003582");
        }
    }

    @Test
    void cacheKeepsTheFirstAnswerPerKeyAcrossReopen() {
        DecisionCache.Key k = new DecisionCache.Key("BTCUSDT", 3_599_999, "abc123def456", "gpt-4o-mini");
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            assertThat(store.get(k)).isEmpty();
            store.put(k, new DecisionCache.Entry("{\"a\":1}", 10, 2));
            store.put(k, new DecisionCache.Entry("{\"a\":2}", 11, 3));
        }
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            assertThat(store.get(k)).contains(new DecisionCache.Entry("{\"a\":1}", 10, 2));
            assertThat(store.get(new DecisionCache.Key("BTCUSDT", 3_599_999, "abc123def456", "other"))).isEmpty();
        }
    }
}
