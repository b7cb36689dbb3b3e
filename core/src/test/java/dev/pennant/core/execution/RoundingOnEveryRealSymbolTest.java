package dev.pennant.core.execution;

import dev.pennant.core.exchange.binance.ExchangeInfoParser;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order manager's rounding against the real filters of every TRADING symbol in every full recorded exchangeInfo:
 * an off-grid LIMIT order (price between ticks, quantity between steps) comes out on Binance's grid — price a multiple
 * of tickSize, (qty − minQty) a multiple of stepSize — never more than half a tick from the asked price, never above
 * the asked quantity by anything and below it by less than a step, and it passes every filter check.
 */
class RoundingOnEveryRealSymbolTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "exchangeInfo/spot/exchangeInfo-spot-full-20230908.json.gz, SPOT",
            "exchangeInfo/spot/exchangeInfo-spot-full-20211012.cryptofeed.json.gz, SPOT",
            "exchangeInfo/futures-um/exchangeInfo-fapi-full-20241020.json.gz, USDM_FUTURES",
            "exchangeInfo/futures-um/exchangeInfo-fapi-full-20210721.cryptofeed.json.gz, USDM_FUTURES"})
    void offGridOrdersLandOnTheGridOfEverySymbol(String file, Market market) {
        List<Instrument> all = new ExchangeInfoParser().parse(market, SharedData.file(file)).instruments().stream()
                .filter(Instrument::isTrading).toList();
        assertThat(all).hasSizeGreaterThan(100);
        Map<String, Instrument> bySymbol = new HashMap<>();
        all.forEach(i -> bySymbol.put(i.symbol(), i));
        Map<String, BigDecimal> prices = new HashMap<>();
        ScriptedVenue venue = new ScriptedVenue();
        Portfolio portfolio = new Portfolio("USDT", new BigDecimal("1e15"));
        for (Instrument i : all) {
            portfolio.setLeverage(i.symbol(), 1);
        }
        ExecutionEngine exec = new ExecutionEngine(venue, new RiskEngine(RiskLimits.defaults()), portfolio,
                new ExecutionListener() { }, () -> 1_000L, "r", bySymbol::get, prices::get);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Instrument ins : all) {
            SymbolFilters f = ins.filters();
            BigDecimal tick = f.price().tickSize();
            SymbolFilters.LotSize lot = f.lotSizeFor(OrderType.LIMIT);
            // a price well inside the PRICE_FILTER range, 0.37 tick off the grid
            BigDecimal base = f.price().minPrice().signum() > 0 ? f.price().minPrice().multiply(BigDecimal.valueOf(1000))
                    : tick.multiply(BigDecimal.valueOf(100_000));
            if (f.price().maxPrice().signum() > 0 && base.compareTo(f.price().maxPrice()) > 0) {
                // a narrow band (stablecoins: 0.7..1.3): its midpoint
                base = f.price().minPrice().add(f.price().maxPrice()).divide(BigDecimal.TWO, tick.scale(), RoundingMode.DOWN);
            }
            BigDecimal asked = base.add(tick.multiply(new BigDecimal("0.37")));
            prices.put(ins.symbol(), base);
            // a quantity worth twice the minimum notional (or 3 min lots), 0.61 step off the grid
            BigDecimal minNotional = f.notional() == null || f.notional().minNotional() == null ? BigDecimal.ONE
                    : f.notional().minNotional();
            BigDecimal qty = minNotional.multiply(BigDecimal.TWO).divide(base, 18, RoundingMode.UP)
                    .max(lot.minQty().multiply(BigDecimal.valueOf(3))).add(lot.stepSize().multiply(new BigDecimal("0.61")));
            if (lot.maxQty().signum() > 0 && qty.compareTo(lot.maxQty()) > 0) {
                continue; // no order of this shape fits the symbol (tiny maxQty at this price)
            }
            Order o = exec.submit(OrderRequest.limit(market, ins.symbol(), Side.BUY, qty, asked));
            checked++;
            if (o.status() == OrderStatus.REJECTED) {
                failures.add(ins.symbol() + ": " + o.rejectReason());
                continue;
            }
            BigDecimal p = o.price();
            BigDecimal q = o.quantity();
            if (p.remainder(tick).signum() != 0 || p.subtract(asked).abs().compareTo(tick.divide(BigDecimal.TWO)) > 0) {
                failures.add(ins.symbol() + ": price " + asked + " → " + p + " (tick " + tick + ")");
            }
            BigDecimal fromMin = q.subtract(lot.minQty());
            if (fromMin.signum() < 0 || fromMin.remainder(lot.stepSize()).signum() != 0 || q.compareTo(qty) > 0
                    || qty.subtract(q).compareTo(lot.stepSize()) >= 0) {
                failures.add(ins.symbol() + ": qty " + qty + " → " + q + " (min " + lot.minQty() + ", step " + lot.stepSize() + ")");
            }
            try {
                ins.validate(Side.BUY, OrderType.LIMIT, p, q, base);
            } catch (RuntimeException e) {
                failures.add(ins.symbol() + ": " + e.getMessage());
            }
            exec.cancel(o.clientOrderId()); // stay under MAX_NUM_ORDERS
        }
        assertThat(checked).isGreaterThan(all.size() * 9 / 10);
        assertThat(failures).isEmpty();
    }
}
