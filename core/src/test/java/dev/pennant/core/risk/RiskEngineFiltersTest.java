package dev.pennant.core.risk;

import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Risk sizes and rejects with the instrument's real filters (recorded exchangeInfo), not BTCUSDT-like defaults. */
class RiskEngineFiltersTest {

    private static final long AUG_2024 = Instant.parse("2024-08-01T00:00:00Z").toEpochMilli();

    private static Instrument real(Market market, String symbol) {
        var c = new RecordedExchangeInfo(SharedData.binance()).choose(market, symbol, AUG_2024, AUG_2024);
        assertThat(c.usesDefaults()).as(c.describe()).isFalse();
        return c.instrument();
    }

    private static RiskDecision buy(Instrument ins, String cash, String price) {
        return new RiskEngine(RiskLimits.defaults()).sizeAndCheck(Side.BUY, ins, new Portfolio("USDT", new BigDecimal(cash)),
                new BigDecimal(price));
    }

    @Test
    void signalOrdersAreRoundedDownToTheSymbolsOwnStep() {
        Instrument sol = real(Market.SPOT, "SOLUSDT"); // LOT_SIZE step 0.01
        RiskDecision d = buy(sol, "10000", "23.45");
        assertThat(d.approved()).isTrue();
        // 9500 / (23.45 × 1.001) = 404.7125…: down to the 0.01 step
        assertThat(d.quantity()).isEqualByComparingTo("404.71");
        assertThat(buy(Instrument.defaultSpotUsdt("SOLUSDT"), "10000", "23.45").quantity())
                .isEqualByComparingTo("404.71255"); // what the old BTC-like step made of it
        Instrument futSol = real(Market.USDM_FUTURES, "SOLUSDT"); // USD-M: whole contracts
        assertThat(buy(futSol, "10000", "23.45").quantity()).isEqualByComparingTo("404");
    }

    @Test
    void minNotionalAndMarketLotSizeRejectWithTheFiguresOfTheRealFilter() {
        Instrument btcFut = real(Market.USDM_FUTURES, "BTCUSDT"); // MIN_NOTIONAL 100, MARKET_LOT_SIZE max 120
        RiskDecision small = buy(btcFut, "100", "60000");
        assertThat(small.approved()).isFalse();
        assertThat(small.reason()).isEqualTo("BTCUSDT MIN_NOTIONAL: 0.001 × 60000 = 60 is below minNotional 100");
        assertThat(buy(Instrument.defaultSpotUsdt("BTCUSDT"), "100", "60000").approved()).isTrue();

        RiskDecision big = buy(btcFut, "10000000", "60000"); // 158 BTC > MARKET_LOT_SIZE.maxQty 120 (LOT_SIZE allows 1000)
        assertThat(big.approved()).isFalse();
        assertThat(big.reason()).startsWith("BTCUSDT MARKET_LOT_SIZE: quantity 158.").endsWith(" is above maxQty 120");
    }
}
