package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mapping tests on every real exchangeInfo response in shared/data/binance/exchangeInfo (values read from the files). */
class ExchangeInfoParserTest {

    private final ExchangeInfoParser parser = new ExchangeInfoParser();

    static ExchangeInfo load(Market market, String rel) throws IOException {
        return new ExchangeInfoParser().parse(market, SharedData.file("exchangeInfo/" + rel));
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void spot2021FullMinNotionalEra() throws IOException {
        ExchangeInfo info = load(Market.SPOT, "spot/exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
        assertThat(info.instruments()).hasSize(1695);
        assertThat(info.instruments().stream().filter(Instrument::isTrading).count()).isEqualTo(1262);
        assertThat(info.serverTime()).isEqualTo(1633998511098L);
        assertThat(info.rateLimits()).containsExactly(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 1200),
                new RateLimit("ORDERS", "SECOND", 10, 50), new RateLimit("ORDERS", "DAY", 1, 160000),
                new RateLimit("RAW_REQUESTS", "MINUTE", 5, 6100));
        Instrument btc = info.instrument("BTCUSDT").orElseThrow();
        SymbolFilters f = btc.filters();
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.stepSize()).isEqualByComparingTo("0.00001");
        assertThat(btc.minNotional()).isEqualByComparingTo("10");
        assertThat(f.price().maxPrice()).isEqualByComparingTo("1000000");
        assertThat(f.percentPrice().multiplierUp()).isEqualByComparingTo("5");
        assertThat(f.percentPrice().multiplierDown()).isEqualByComparingTo("0.2");
        assertThat(f.percentPrice().avgPriceMins()).isEqualTo(5);
        assertThat(f.percentPriceBySide()).isNull();
        assertThat(f.notional().filterType()).isEqualTo("MIN_NOTIONAL");
        assertThat(f.notional().applyMinToMarket()).isTrue();
        assertThat(f.marketLotSize().maxQty()).isEqualByComparingTo("100.05381873");
        assertThat(f.marketLotSize().stepSize()).isEqualByComparingTo("0");
        assertThat(f.maxNumOrders()).isEqualTo(200);
        assertThat(f.maxNumAlgoOrders()).isEqualTo(5);
        assertThat(f.icebergParts()).isEqualTo(10);
        assertThat(f.trailingDelta()).isNull();
        assertThat(btc.permissions()).containsExactly("SPOT", "MARGIN");
        assertThat(btc.orderTypes()).containsExactly("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT");
        assertThat(btc.pricePrecision()).isEqualTo(2);
        assertThat(btc.quantityPrecision()).isEqualTo(5);
        Instrument eth = info.instrument("ETHUSDT").orElseThrow();
        assertThat(eth.stepSize()).isEqualByComparingTo("0.0001");
        assertThat(eth.filters().marketLotSize().maxQty()).isEqualByComparingTo("1600.51202668");
    }

    @Test
    void spot2023FullNotionalEra() throws IOException {
        ExchangeInfo info = load(Market.SPOT, "spot/exchangeInfo-spot-full-20230908.json.gz");
        assertThat(info.instruments()).hasSize(2292);
        assertThat(info.instruments().stream().filter(i -> i.status().equals("BREAK")).count()).isEqualTo(952);
        assertThat(info.rateLimits().getFirst()).isEqualTo(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000));
        Instrument btc = info.instrument("BTCUSDT").orElseThrow();
        SymbolFilters f = btc.filters();
        assertThat(f.notional()).isEqualTo(new SymbolFilters.Notional("NOTIONAL", d("5.00000000"), d("9000000.00000000"),
                true, false, 5));
        assertThat(f.percentPriceBySide()).isEqualTo(new SymbolFilters.PercentPriceBySide(d("5"), d("0.2"), d("5"),
                d("0.2"), 5));
        assertThat(f.percentPrice()).isNull();
        assertThat(f.trailingDelta()).isEqualTo(new SymbolFilters.TrailingDelta(10, 2000, 10, 2000));
        assertThat(f.marketLotSize().maxQty()).isEqualByComparingTo("168.82682004");
        assertThat(btc.permissions()).hasSize(11).startsWith("SPOT", "MARGIN", "TRD_GRP_004");
        assertThat(info.instrument("ETHUSDT").orElseThrow().filters().marketLotSize().maxQty())
                .isEqualByComparingTo("3346.26645208");
    }

    @Test
    void spot2025SingleSymbolWithEveryFieldPresent() throws IOException {
        ExchangeInfo info = load(Market.SPOT, "spot/exchangeInfo-spot-1symbol-20250823.json");
        assertThat(info.instruments()).hasSize(1);
        assertThat(info.rateLimits()).containsExactly(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000),
                new RateLimit("ORDERS", "SECOND", 1, 50), new RateLimit("ORDERS", "DAY", 1, 160000),
                new RateLimit("RAW_REQUESTS", "MINUTE", 1, 61000));
        Instrument btc = info.instruments().getFirst();
        SymbolFilters f = btc.filters();
        assertThat(f.price()).isEqualTo(new SymbolFilters.PriceFilter(d("0.01000000"), d("1000000.00000000"),
                d("0.01000000")));
        assertThat(f.lotSize()).isEqualTo(new SymbolFilters.LotSize(d("0.00001000"), d("9000.00000000"), d("0.00001000")));
        assertThat(f.marketLotSize().maxQty()).isEqualByComparingTo("88.09927941");
        assertThat(f.notional().maxNotional()).isEqualByComparingTo("9000000");
        assertThat(f.maxNumOrders()).isEqualTo(200);
        assertThat(f.maxNumAlgoOrders()).isEqualTo(5);
        assertThat(f.icebergParts()).isEqualTo(10);
        assertThat(f.percentPrice()).as("PERCENT_PRICE absent in 2025").isNull();
        assertThat(btc.permissions()).isEmpty();
        assertThat(btc.permissionSets()).containsExactly(List.of("SPOT"));
        assertThat(btc.orderTypes()).contains("STOP_LOSS", "TAKE_PROFIT");
        // Instrument.defaultSpotUsdt documents itself as this response's BTCUSDT filters
        Instrument def = Instrument.defaultSpotUsdt("BTCUSDT");
        assertThat(def.filters().marketLotSize().maxQty()).isEqualByComparingTo(f.marketLotSize().maxQty());
        assertThat(def.filters().notional().maxNotional()).isEqualByComparingTo(f.notional().maxNotional());
        assertThat(def.filters().trailingDelta()).isEqualTo(f.trailingDelta());
        assertThat(def.filters().price().maxPrice()).isEqualByComparingTo(f.price().maxPrice());
        assertThat(def.orderTypes()).isEqualTo(btc.orderTypes());
    }

    @Test
    void futures2021() throws IOException {
        ExchangeInfo info = load(Market.USDM_FUTURES, "futures-um/exchangeInfo-fapi-full-20210721.cryptofeed.json.gz");
        assertThat(info.instruments()).hasSize(122);
        assertThat(info.rateLimits()).containsExactly(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400),
                new RateLimit("ORDERS", "MINUTE", 1, 1200), new RateLimit("ORDERS", "SECOND", 10, 300));
        Instrument btc = info.instrument("BTCUSDT").orElseThrow();
        assertThat(btc.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(btc.filters().price().minPrice()).isEqualByComparingTo("556.72");
        assertThat(btc.tickSize()).isEqualByComparingTo("0.01");
        assertThat(btc.minNotional()).isEqualByComparingTo("5");
        assertThat(btc.filters().percentPrice().multiplierUp()).isEqualByComparingTo("1.15");
        assertThat(btc.filters().percentPrice().multiplierDown()).isEqualByComparingTo("0.85");
        assertThat(btc.filters().maxNumOrders()).isEqualTo(200);
        assertThat(btc.filters().maxNumAlgoOrders()).isEqualTo(10);
        assertThat(btc.pricePrecision()).isEqualTo(2);
        assertThat(btc.quantityPrecision()).isEqualTo(3);
        assertThat(info.instrument("ETHUSDT").orElseThrow().filters().price().maxPrice()).isEqualByComparingTo("100000");
    }

    @Test
    void futures2024() throws IOException {
        ExchangeInfo info = load(Market.USDM_FUTURES, "futures-um/exchangeInfo-fapi-full-20241020.json.gz");
        assertThat(info.instruments()).hasSize(347);
        assertThat(info.instruments().stream().filter(i -> i.status().equals("SETTLING")).count()).isEqualTo(18);
        Instrument btc = info.instrument("BTCUSDT").orElseThrow();
        assertThat(btc.tickSize()).isEqualByComparingTo("0.10");
        assertThat(btc.filters().price().maxPrice()).isEqualByComparingTo("4529764");
        assertThat(btc.minNotional()).isEqualByComparingTo("100");
        assertThat(btc.filters().marketLotSize()).isEqualTo(new SymbolFilters.LotSize(d("0.001"), d("120"), d("0.001")));
        assertThat(btc.filters().percentPrice().multiplierUp()).isEqualByComparingTo("1.05");
        assertThat(btc.orderTypes()).contains("TRAILING_STOP_MARKET");
        Instrument eth = info.instrument("ETHUSDT").orElseThrow();
        assertThat(eth.minNotional()).isEqualByComparingTo("20");
        assertThat(eth.filters().marketLotSize().maxQty()).isEqualByComparingTo("2000");
        assertThat(eth.filters().price().maxPrice()).isEqualByComparingTo("306177");
    }

    @Test
    void roundingAndValidationOnRealFilters() throws IOException {
        Instrument fut = load(Market.USDM_FUTURES, "futures-um/exchangeInfo-fapi-full-20241020.json.gz")
                .instrument("BTCUSDT").orElseThrow();
        assertThat(fut.filters().roundPrice(d("67123.456"))).isEqualByComparingTo("67123.5");
        // market orders round to MARKET_LOT_SIZE (step 0.001) and are capped at its maxQty 120
        assertThat(fut.roundQuantity(d("0.12345"), OrderType.MARKET)).isEqualByComparingTo("0.123");
        assertThatThrownBy(() -> fut.validate(Side.BUY, OrderType.MARKET, null, d("121"), d("67000")))
                .isInstanceOf(FilterViolationException.class)
                .hasMessageContaining("MARKET_LOT_SIZE").hasMessageContaining("above maxQty 120");
        assertThatThrownBy(() -> fut.validate(Side.BUY, OrderType.LIMIT, d("67000"), d("0.001"), d("67000")))
                .isInstanceOf(FilterViolationException.class)
                .hasMessage("BTCUSDT MIN_NOTIONAL: 0.001 × 67000 = 67 is below minNotional 100");
        assertThatThrownBy(() -> fut.validate(Side.BUY, OrderType.LIMIT, d("71000"), d("0.01"), d("67000")))
                .isInstanceOf(FilterViolationException.class)
                .hasMessage("BTCUSDT PERCENT_PRICE: BUY price 71000 is above 1.05 × reference 67000 = 70350");
        assertThatThrownBy(() -> fut.validate(Side.BUY, OrderType.LIMIT, d("67000.05"), d("0.01"), d("67000")))
                .isInstanceOf(FilterViolationException.class)
                .hasMessageContaining("PRICE_FILTER").hasMessageContaining("tickSize 0.1");
        fut.validate(Side.SELL, OrderType.LIMIT, d("67000.1"), d("0.002"), d("67000"));

        Instrument spot = load(Market.SPOT, "spot/exchangeInfo-spot-full-20230908.json.gz").instrument("BTCUSDT")
                .orElseThrow();
        // spot MARKET_LOT_SIZE has step 0: LOT_SIZE's step applies
        assertThat(spot.roundQuantity(d("0.123456789"), OrderType.MARKET)).isEqualByComparingTo("0.12345");
        assertThatThrownBy(() -> spot.validate(Side.SELL, OrderType.LIMIT, d("25000"), d("0.000123"), d("25900")))
                .isInstanceOf(FilterViolationException.class).extracting("filter").isEqualTo("LOT_SIZE");
        assertThatThrownBy(() -> spot.validate(Side.SELL, OrderType.MARKET, null, d("0.0001"), d("25900")))
                .hasMessage("BTCUSDT NOTIONAL: 0.0001 × 25900 = 2.59 is below minNotional 5");
        assertThatThrownBy(() -> spot.validate(Side.SELL, OrderType.LIMIT, d("5000"), d("0.01"), d("25900")))
                .hasMessage("BTCUSDT PERCENT_PRICE_BY_SIDE: SELL price 5000 is below 0.2 × reference 25900 = 5180");
        assertThatThrownBy(() -> spot.validate(Side.BUY, OrderType.LIMIT, d("25000"), d("400"), d("25900")))
                .hasMessageContaining("above maxNotional 9000000");
        spot.validate(Side.BUY, OrderType.LIMIT, d("25000.01"), d("0.00021"), d("25900"));
    }
}
