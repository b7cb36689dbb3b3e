package dev.pennant.core.engine;

import dev.pennant.core.execution.ExecutionEngine;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bracket whose entry still rests when the session stops keeps its exits across a restart: the state goes through
 * its JSON form into a fresh engine, and when the entry fills there the stop-loss and take-profit are placed exactly
 * as in an engine that never stopped (real BTCUSDT 1m bars of 2021-05-15..22).
 */
class PendingBracketResumeTest {

    @Test
    void aRestingBracketEntryPlacesItsExitsAfterARestart() throws Exception {
        List<Bar> bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 2_000);
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
        List<Bar> before = bars.subList(0, 300);
        List<Bar> after = bars.subList(300, bars.size());
        BigDecimal last = before.getLast().close();
        // an entry 0.5 % under the market: rests, and the 2021-05 data trades down through it later
        BigDecimal entry = last.multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.DOWN);
        TradingCommand bracket = new TradingCommand.SubmitBracket(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY,
                new BigDecimal("0.01"), entry).withClientOrderId("brk-1"),
                entry.multiply(new BigDecimal("0.95")).setScale(2, RoundingMode.DOWN),
                entry.multiply(new BigDecimal("1.05")).setScale(2, RoundingMode.DOWN), null);

        TradingEngine whole = TradingEngine.paper("ref", config, new SimulatedClock());
        before.forEach(whole::onBar);
        assertThat(whole.execute(bracket).status()).isEqualTo(OrderStatus.NEW);

        TradingEngine a = TradingEngine.paper("a", config, new SimulatedClock());
        before.forEach(a::onBar);
        a.execute(bracket);
        String json = PaperSessionState.capture(a).toJson();
        PaperSessionState stored = PaperSessionState.fromJson(json);
        assertThat(stored.pendingBrackets()).extracting(ExecutionEngine.PendingBracket::entryClientOrderId)
                .containsExactly("brk-1");

        TradingEngine b = TradingEngine.paper("b", config, new SimulatedClock());
        stored.applyTo(b);
        int filledAt = -1;
        for (int i = 0; i < after.size(); i++) {
            whole.onBar(after.get(i));
            b.onBar(after.get(i));
            if (filledAt < 0 && !whole.execution().pendingBrackets().stream()
                    .anyMatch(p -> p.entryClientOrderId().equals("brk-1"))) {
                filledAt = i;
                break;
            }
        }
        assertThat(filledAt).as("the entry filled within the data").isNotNegative();
        List<Order> exitsWhole = exits(whole);
        List<Order> exitsB = exits(b);
        assertThat(exitsWhole).hasSize(2);
        assertThat(exitsB).extracting(Order::type, Order::side, Order::quantity, Order::stopPrice, Order::price)
                .containsExactlyElementsOf(exitsWhole.stream().map(o -> org.assertj.core.groups.Tuple.tuple(o.type(),
                        o.side(), o.quantity(), o.stopPrice(), o.price())).toList());
        assertThat(exitsB).allMatch(o -> "brk-1-oco".equals(o.options().orderListId()));
    }

    private static List<Order> exits(TradingEngine e) {
        return e.execution().openOrders().stream().filter(o -> o.options().orderListId() != null)
                .filter(o -> o.side() == Side.SELL).toList();
    }
}
