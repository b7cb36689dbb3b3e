package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.rawBar;
import static dev.pennant.core.exchange.paper.PaperFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spot trailing stops ({@code trailingDelta}; Pennant's {@code callbackRate} percent = BIPS / 100) on real BTCUSDT 1m
 * bars of the 2021-05-19 crash. Binance's spot trailing-stop FAQ: a SELL triggers after the price falls by the delta
 * from the highest price since submission; with a {@code stopPrice} the trailing starts only once the stop condition
 * is met. The reference walks the raw CSV rows along the documented bar path (O→L→H→C up bars, O→H→L→C down bars).
 */
class PaperSpotTrailingTest {

    private static final String BTC = "BTCUSDT";
    private static final Instrument INS = Instrument.defaultSpotUsdt(BTC);
    private static final long MIN = 60_000;
    private static final int O = 0;
    private static final int H = 1;
    private static final int L = 2;
    private static final int C = 3;

    private final Recorder rec = new Recorder();
    private final List<Bar> bars = PaperFixtures.btcSpot1m();

    private PaperExchange venue() {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, INS);
        v.deposit("USDT", new BigDecimal("100000"));
        v.deposit("BTC", new BigDecimal("1"));
        return v;
    }

    private void feed(PaperExchange v, long from, long to) {
        for (Bar b : bars) {
            if (b.openTime() >= from && b.openTime() < to) {
                v.onBar(b);
            }
        }
    }

    private static BigDecimal stop(BigDecimal extreme) {
        BigDecimal tick = new BigDecimal("0.01");
        return extreme.multiply(new BigDecimal("0.99")).divide(tick, 0, RoundingMode.HALF_UP).multiply(tick);
    }

    @Test
    void aSellStopLossWithATrailingDeltaFiresOnePercentUnderTheHighestPriceSinceSubmission() {
        PaperExchange v = venue();
        long t0 = utc("2021-05-19T10:00:00Z");
        feed(v, t0, t0 + MIN);
        v.submit(order("trail", BTC, Side.SELL, OrderType.STOP_LOSS, null, "0.05", null, t0 + MIN - 1,
                OrderOptions.SPOT.withTrailing(BigDecimal.ONE, null)));
        assertThat(rec.types("trail")).containsExactly(ExecType.NEW);

        // reference: the extreme starts at the last price when the order was accepted (the bar's close)
        BigDecimal extreme = rawBar(t0)[C];
        BigDecimal fillPrice = null;
        long fillBar = -1;
        search:
        for (long ot = t0 + MIN; ot < t0 + 600 * MIN; ot += MIN) {
            BigDecimal[] r = rawBar(ot);
            BigDecimal[] path = r[C].compareTo(r[O]) >= 0 ? new BigDecimal[]{r[O], r[L], r[H], r[C]}
                    : new BigDecimal[]{r[O], r[H], r[L], r[C]};
            if (path[0].compareTo(extreme) > 0) {
                extreme = path[0];
            } else if (path[0].compareTo(stop(extreme)) <= 0) {
                fillPrice = path[0];
                fillBar = ot;
                break;
            }
            for (int i = 1; i < 4; i++) {
                if (path[i].compareTo(path[i - 1]) > 0) {
                    extreme = extreme.max(path[i]);
                } else if (path[i].compareTo(stop(extreme)) <= 0) {
                    fillPrice = stop(extreme);
                    fillBar = ot;
                    break search;
                }
            }
        }
        assertThat(fillBar).as("the crash takes the price 1 % under a high").isPositive();
        feed(v, t0 + MIN, fillBar + MIN);
        assertThat(rec.types("trail")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        BigDecimal fp = fillPrice;
        long fb = fillBar;
        assertThat(rec.fills("trail")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(fp);
            assertThat(f.quantity()).isEqualByComparingTo("0.05");
            assertThat(f.time()).isBetween(fb, fb + MIN - 1);
        });
    }

    @Test
    void withAStopPriceTheTrailingStartsOnlyWhenTheStopConditionIsMet() {
        PaperExchange v = venue();
        long t0 = utc("2021-05-19T10:00:00Z");
        feed(v, t0, t0 + MIN);
        // activation far under every price of the next 10 hours' lows
        BigDecimal low = BigDecimal.valueOf(Long.MAX_VALUE);
        for (long ot = t0 + MIN; ot < t0 + 600 * MIN; ot += MIN) {
            low = low.min(rawBar(ot)[L]);
        }
        BigDecimal activation = low.subtract(new BigDecimal("1000")).setScale(2, RoundingMode.DOWN);
        v.submit(order("armed", BTC, Side.SELL, OrderType.STOP_LOSS, null, "0.05", null, t0 + MIN - 1,
                OrderOptions.SPOT.withStopPrice(activation).withTrailing(BigDecimal.ONE, null)));
        feed(v, t0 + MIN, t0 + 600 * MIN);
        // not triggered: the price never fell to the activation price, though it fell 1 % under highs many times
        assertThat(rec.types("armed")).containsExactly(ExecType.NEW);
    }
}
