package dev.pennant.simulator;

import dev.pennant.core.execution.FillReport;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.Reconciler;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash recovery against the {@link ExchangeSimulator}: engine A trades, then "crashes" (is dropped without a word to
 * the venue); while it is down its resting LIMIT fills and orders are placed on the venue directly through REST (spot
 * MARKET and LIMIT, a USDⓈ-M MARKET); a fresh engine B starts from A's history (orders, fills, the spot baseline),
 * reconciles at start, and must end with every order and every trade of the venue, and the venue's positions. Then
 * B's user-data stream is dropped, an order is placed meanwhile, and the reconciliation after the reconnect recovers it.
 */
class ReconciliationSimulatorTest {

    private LiveRig rig;
    private LiveRig.Live a;
    private LiveRig.Live b;

    @AfterEach
    void tearDown() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (rig != null) rig.close();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aFreshEngineRecoversEveryOrderAndFillAfterACrashAndAReconnect() throws Exception {
        rig = new LiveRig();
        Map<String, BigDecimal> baseline = rig.spotBalances();
        BigDecimal startCash = baseline.get("USDT").add(rig.futuresWallet());

        // ---- engine A: a MARKET buy (filled) and a LIMIT buy 0.1 % under the price (resting)
        a = rig.engine("crashA", startCash);
        a.start();
        a.mark();
        BigDecimal btc = rig.sim.price(Market.SPOT, "BTCUSDT");
        Order a1 = a.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.002")));
        a.awaitStatus(a1.clientOrderId(), OrderStatus.FILLED);
        Order a2 = a.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.003"),
                btc.multiply(d("0.999")).setScale(2, RoundingMode.DOWN)));
        LiveRig.await(() -> a.order(a2.clientOrderId()).venueOrderId() != null, 10_000, "a2 acknowledged");
        // A's history, as the history store holds it at the moment of the crash
        List<Order> historyOrders = a.on(() -> a.engine.execution().orders());
        List<Fill> historyFills = List.copyOf(a.fills);
        assertThat(historyFills).hasSize(2); // a1 and its fee in kind
        a.close(); // the crash: no cancel, no goodbye
        a = null;

        // ---- while nobody watches: A's LIMIT fills, and orders are placed on the venue directly
        rig.advanceUntilFilled(Market.SPOT, "BTCUSDT", a2.clientOrderId());
        BigDecimal now = rig.sim.price(Market.SPOT, "BTCUSDT");
        rig.call(Market.SPOT, "POST", "/api/v3/order", params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.001", "newClientOrderId", "web-1", "newOrderRespType", "FULL"));
        rig.call(Market.SPOT, "POST", "/api/v3/order", params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "GTC", "quantity", "0.001", "price",
                now.multiply(d("0.5")).setScale(2, RoundingMode.DOWN).toPlainString(), "newClientOrderId", "web-2"));
        rig.call(Market.USDM_FUTURES, "POST", "/fapi/v1/order", params("symbol", "ETHUSDT", "side", "BUY", "type",
                "MARKET", "quantity", "0.1", "newClientOrderId", "web-3", "newOrderRespType", "RESULT"));

        // ---- engine B: restored from A's history, reconciles at start
        b = rig.engine("crashB", startCash);
        b.on(() -> {
            b.engine.execution().restore(historyOrders);
            b.client.adopt(historyOrders);
            historyFills.forEach(b.portfolio::apply);
            b.client.adoptFills(historyFills);
            return null;
        });
        Reconciler.Scope scope = new Reconciler.Scope(List.of(rig.spot, rig.fut), 0);
        b.client.enableReconciliation(() -> scope, () -> new Reconciler.LocalState(b.engine.execution().orders(),
                b.client.bookedFills(), b.portfolio.positions(), baseline), b.reconciliations::add);
        b.start();
        LiveRig.await(() -> !b.reconciliations.isEmpty(), 15_000, "the start reconciliation");
        Reconciler.Result start = b.reconciliations.getFirst();
        System.out.println("[recon-it] start: " + start.summary());

        assertThat(start.failure()).isNull();
        assertThat(start.unresolved()).as(start.summary()).isEmpty();
        Map<Reconciler.Kind, Long> kinds = start.differences().stream()
                .collect(Collectors.groupingBy(Reconciler.Difference::kind, Collectors.counting()));
        // a2's trade; web-1 (+ its trade), web-2, web-3 (+ its trade) unknown to B
        assertThat(kinds).isEqualTo(Map.of(Reconciler.Kind.FILL_MISSING_LOCALLY, 3L,
                Reconciler.Kind.ORDER_UNKNOWN_LOCALLY, 3L));
        assertRecovered(baseline, startCash, Set.of(a1.clientOrderId(), a2.clientOrderId(), "web-1", "web-2",
                "web-3"));
        assertThat(b.order(a2.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(b.order("web-1").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(b.order("web-2").status()).isEqualTo(OrderStatus.NEW);
        assertThat(b.order("web-3").status()).isEqualTo(OrderStatus.FILLED);

        // ---- the stream drops; an order placed meanwhile is recovered by the reconciliation after the reconnect
        long connectsBefore = rig.sim.counters().wsConnections();
        rig.sim.dropStreams();
        rig.call(Market.SPOT, "POST", "/api/v3/order", params("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET",
                "quantity", "0.001", "newClientOrderId", "web-4", "newOrderRespType", "FULL"));
        LiveRig.await(() -> b.reconciliations.size() >= 3, 20_000, "reconciliations after both streams reconnected");
        LiveRig.await(() -> b.order("web-4") != null && b.order("web-4").status() == OrderStatus.FILLED, 10_000,
                "web-4 recovered");
        assertThat(rig.sim.counters().wsConnections()).isGreaterThanOrEqualTo(connectsBefore + 2);
        for (Reconciler.Result r : b.reconciliations) {
            assertThat(r.failure()).as(r.summary()).isNull();
            assertThat(r.unresolved()).as(r.summary()).isEmpty();
        }
        assertRecovered(baseline, startCash, Set.of(a1.clientOrderId(), a2.clientOrderId(), "web-1", "web-2",
                "web-3", "web-4"));

        // ---- and one more pass finds nothing
        int n = b.reconciliations.size();
        b.client.reconcileNow("final check");
        LiveRig.await(() -> b.reconciliations.size() > n, 10_000, "the final reconciliation");
        assertThat(b.reconciliations.getLast().differences()).as(b.reconciliations.getLast().summary()).isEmpty();
        assertThat(b.offLoop).isEmpty();
        System.out.println("[recon-it] " + b.reconciliations.size() + " reconciliations; last: "
                + b.reconciliations.getLast().summary() + "; B knows " + b.on(() -> b.engine.execution().orders().size())
                + " orders and " + b.client.bookedFills().size() + " ledger fills");
    }

    /** B holds every venue trade once, the orders of {@code ids}, the venue's positions, and cash like the accounts. */
    private void assertRecovered(Map<String, BigDecimal> baseline, BigDecimal startCash, Set<String> ids)
            throws Exception {
        List<FillReport> venue = rig.venueTrades();
        List<Fill> booked = b.client.bookedFills();
        assertThat(booked.stream().filter(f -> f.tradeId() > 0).map(Fill::tradeId).sorted().toList())
                .as("every venue trade, once").isEqualTo(venue.stream().map(FillReport::tradeId).sorted().toList());
        assertThat(b.on(() -> b.engine.execution().orders()).stream().map(Order::clientOrderId)
                .collect(Collectors.toSet())).isEqualTo(ids);
        Map<String, BigDecimal> spot = rig.spotBalances();
        assertThat(b.position("BTCUSDT").quantity())
                .isEqualByComparingTo(spot.get("BTC").subtract(baseline.get("BTC")));
        BigDecimal ethPos = new BigDecimal(rig.call(Market.USDM_FUTURES, "GET", "/fapi/v2/account", Map.of())
                .path("positions").get(0).path("positionAmt").asText());
        assertThat(b.position("ETHUSDT").quantity()).isEqualByComparingTo(ethPos);
        BigDecimal venueUsdt = spot.get("USDT").add(rig.futuresWallet());
        assertThat(b.on(() -> b.portfolio.cash())).isEqualByComparingTo(venueUsdt.subtract(
                baseline.get("USDT").add(d("100000"))).add(startCash));
    }
}
