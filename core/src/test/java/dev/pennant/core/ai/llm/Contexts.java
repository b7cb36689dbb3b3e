package dev.pennant.core.ai.llm;

import dev.pennant.core.ai.context.MarketContext;

import java.util.List;
import java.util.Map;

/** Small hand-made contexts for analyst tests. */
final class Contexts {

    private Contexts() {
    }

    /** BTCUSDT 1h at {@code barTime}, last close 64,000, futures (max leverage 5), up-trend. */
    static MarketContext btc(long barTime) {
        return new MarketContext("BTCUSDT", "1h", barTime, 64_000,
                new MarketContext.BarsSummary(200, 0.4, 1.2, 3.5, 64_500, 61_000, 1.3, 0.55, 0.6),
                Map.of("RSI(14)", 58.0, "EMA(12)", 63_500.0, "EMA(26)", 62_900.0, "ATR_PCT(14)", 0.8),
                new MarketContext.TimeframeConsensus(Map.of("1h", 1, "4h", 1, "16h", 1), 1.0),
                new MarketContext.BookSummary(1.5, 0.2, 10, List.of("bid 40 @ 63,900.00")), null, null,
                new MarketContext.RiskSummary(false, 0.02, 0.25, 5));
    }

    /** A valid LONG answer for {@link #btc}. */
    static final String LONG_JSON = """
            {"action":"LONG","confidence":0.72,"entry":64000,"stop_loss":63000,"take_profit":66000,"leverage":3,\
            "size_fraction":0.5,"horizon_minutes":720,"reasoning":"All three timeframes trend up and RSI 58 leaves room.",\
            "key_factors":["consensus +1.00","RSI(14) 58","bid whale 40 BTC at 63,900"]}""";
}
