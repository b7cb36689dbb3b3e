package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Edge cases of the filter helpers on small, obviously synthetic filter sets. */
class SymbolFiltersTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static final SymbolFilters F = new SymbolFilters(
            new SymbolFilters.PriceFilter(d("0"), d("0"), d("0.5")),          // min/max disabled (0)
            new SymbolFilters.LotSize(d("0.3"), d("100"), d("0.2")),          // step counted from minQty
            new SymbolFilters.LotSize(d("1"), d("10"), d("1")),
            new SymbolFilters.Notional("MIN_NOTIONAL", d("10"), null, false, false, 5),
            new SymbolFilters.PercentPrice(d("1.1"), d("0.9"), 5), null, 200, 5, 10, null);

    @Test
    void roundingUsesTheRightLotFilterAndTick() {
        assertThat(F.roundPrice(d("10.74"))).isEqualByComparingTo("10.5");
        assertThat(F.roundPrice(d("10.75"))).isEqualByComparingTo("11");
        assertThat(F.roundQuantity(d("3.99"), OrderType.LIMIT)).isEqualByComparingTo("3.9"); // 0.3 + 18 × 0.2
        assertThat(F.roundQuantity(d("0.25"), OrderType.LIMIT)).isEqualByComparingTo("0.2"); // below minQty
        assertThat(F.roundQuantity(d("3.99"), OrderType.MARKET)).isEqualByComparingTo("3");
        assertThat(SymbolFilters.NONE.roundPrice(d("1.2345"))).isEqualByComparingTo("1.2345");
        assertThat(SymbolFilters.NONE.roundQuantity(d("1.2345"), OrderType.MARKET)).isEqualByComparingTo("1.2345");
    }

    @Test
    void checksNameTheFilterAndFigures() {
        assertThatCode(() -> F.checkPrice("X", d("1000000"))).doesNotThrowAnyException(); // max disabled
        assertThatCode(() -> F.checkQuantity("X", d("0.5"), OrderType.LIMIT)).doesNotThrowAnyException(); // 0.3 + 0.2
        assertThatThrownBy(() -> F.checkQuantity("X", d("0.4"), OrderType.LIMIT))
                .isInstanceOf(FilterViolationException.class)
                .hasMessage("X LOT_SIZE: quantity 0.4 is not a multiple of stepSize 0.2");
        assertThatThrownBy(() -> F.checkQuantity("X", d("0.2"), OrderType.LIMIT))
                .hasMessage("X LOT_SIZE: quantity 0.2 is below minQty 0.3");
        assertThatThrownBy(() -> F.checkQuantity("X", d("11"), OrderType.MARKET))
                .hasMessage("X MARKET_LOT_SIZE: quantity 11 is above maxQty 10");
        // MIN_NOTIONAL with applyToMarket=false: market orders are not checked, limit orders are
        assertThatCode(() -> F.checkNotional("X", d("1"), d("1"), OrderType.MARKET)).doesNotThrowAnyException();
        assertThatThrownBy(() -> F.checkNotional("X", d("2"), d("4.5"), OrderType.LIMIT))
                .hasMessage("X MIN_NOTIONAL: 4.5 × 2 = 9 is below minNotional 10");
        assertThatThrownBy(() -> F.checkPercentPrice("X", Side.SELL, d("89"), d("100")))
                .isInstanceOf(FilterViolationException.class).extracting("filter").isEqualTo("PERCENT_PRICE");
        assertThatCode(() -> F.checkPercentPrice("X", Side.BUY, d("110"), d("100"))).doesNotThrowAnyException();
    }

    @Test
    void legacyInstrumentConstructorBuildsEquivalentFilters() {
        Instrument i = new Instrument("ABCUSDT", Market.USDM_FUTURES, "ABC", "USDT", d("0.01"), d("0.001"), d("0.001"),
                d("1000"), d("5"));
        assertThat(i.filters().price().tickSize()).isEqualByComparingTo("0.01");
        assertThat(i.filters().notional().filterType()).isEqualTo("MIN_NOTIONAL");
        assertThat(i.status()).isEqualTo("TRADING");
        assertThat(i.pricePrecision()).isEqualTo(2);
        assertThat(i.quantityPrecision()).isEqualTo(3);
        assertThatThrownBy(() -> i.validate(Side.BUY, OrderType.LIMIT, d("10"), d("0.1"), null))
                .hasMessage("ABCUSDT MIN_NOTIONAL: 0.1 × 10 = 1 is below minNotional 5");
        assertThat(Instrument.defaultSpotUsdt("ETHUSDT").baseAsset()).isEqualTo("ETH");
    }
}
