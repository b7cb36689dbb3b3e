package dev.pennant.simulator;

import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.Reconciler;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Side;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LIVE code path end to end on loopback: a {@link dev.pennant.core.engine.TradingEngine} whose venue is a
 * {@link dev.pennant.core.exchange.binance.BinanceExecutionClient} pointed at the {@link ExchangeSimulator} trades
 * spot MARKET and LIMIT orders (accepted, filled through the user-data stream, canceled) and USDⓈ-M MARKET and LIMIT
 * orders, and afterwards the engine's portfolio is the simulator's account: the same BTC and ETH positions, and the
 * cash moved by exactly the USDT the two accounts moved. Figures are printed as {@code [live-it] ...}.
 */
class LiveExecutionSimulatorTest {

    private LiveRig rig;
    private LiveRig.Live live;
    private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();
    // Pennant's own loggers at DEBUG (the simulator's Jetty logs headers at DEBUG: server side, not Pennant's)
    private final ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger("dev.pennant");
    private ch.qos.logback.classic.Level rootLevel;

    @org.junit.jupiter.api.BeforeEach
    void captureLogs() {
        rootLevel = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void tearDown() {
        if (live != null) live.close();
        if (rig != null) rig.close();
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void marketAndLimitOrdersOfBothMarketsLeaveThePortfolioEqualToTheAccount() throws Exception {
        rig = new LiveRig();
        Map<String, BigDecimal> spotBefore = rig.spotBalances();
        BigDecimal walletBefore = rig.futuresWallet();
        // the ledger holds both accounts' USDT: spot 100,000 + futures wallet 100,000
        BigDecimal startCash = spotBefore.get("USDT").add(walletBefore);
        live = rig.engine("live", startCash);
        live.start();
        live.mark();
        BigDecimal btc = rig.sim.price(Market.SPOT, "BTCUSDT");

        // 1. spot MARKET BUY 0.002: the FULL answer and the stream carry the same trade; booked once (+ fee in kind)
        Order m1 = live.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.002")));
        live.awaitStatus(m1.clientOrderId(), OrderStatus.FILLED);

        // 2. spot LIMIT BUY far below the price: accepted, then canceled
        BigDecimal far = btc.multiply(d("0.8")).setScale(2, RoundingMode.DOWN);
        Order l1 = live.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), far));
        live.awaitStatus(l1.clientOrderId(), OrderStatus.NEW);
        LiveRig.await(() -> live.order(l1.clientOrderId()).venueOrderId() != null, 10_000, "l1 acknowledged");
        live.execute(new TradingCommand.CancelOrder(l1.clientOrderId()));
        live.awaitStatus(l1.clientOrderId(), OrderStatus.CANCELED);

        // 3. spot LIMIT BUY 0.1 % under the price: rests, fills (maker) once the replay trades through it
        BigDecimal near = btc.multiply(d("0.999")).setScale(2, RoundingMode.DOWN);
        Order l2 = live.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.003"), near));
        LiveRig.await(() -> live.order(l2.clientOrderId()).venueOrderId() != null, 10_000, "l2 acknowledged");
        var moved = rig.advanceUntilFilled(Market.SPOT, "BTCUSDT", l2.clientOrderId());
        live.awaitStatus(l2.clientOrderId(), OrderStatus.FILLED);
        live.mark();

        // 4. spot MARKET SELL 0.001 (fee in USDT)
        Order m2 = live.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.001")));
        live.awaitStatus(m2.clientOrderId(), OrderStatus.FILLED);

        // 5. USDⓈ-M: MARKET BUY 0.2 ETH, a LIMIT SELL far above canceled, MARKET SELL 0.05 (realises P&L)
        Order f1 = live.submit(OrderRequest.market(Market.USDM_FUTURES, "ETHUSDT", Side.BUY, d("0.2")));
        live.awaitStatus(f1.clientOrderId(), OrderStatus.FILLED);
        BigDecimal eth = rig.sim.price(Market.USDM_FUTURES, "ETHUSDT");
        Order f2 = live.submit(OrderRequest.limit(Market.USDM_FUTURES, "ETHUSDT", Side.SELL, d("0.2"),
                eth.multiply(d("1.04")).setScale(2, RoundingMode.DOWN)));
        LiveRig.await(() -> live.order(f2.clientOrderId()).venueOrderId() != null, 10_000, "f2 acknowledged");
        live.execute(new TradingCommand.CancelOrder(f2.clientOrderId()));
        live.awaitStatus(f2.clientOrderId(), OrderStatus.CANCELED);
        rig.sim.advanceReplay(java.time.Duration.ofHours(2)); // ETH moves: the partial close realises something
        live.mark();
        Order f3 = live.submit(OrderRequest.market(Market.USDM_FUTURES, "ETHUSDT", Side.SELL, d("0.05"))
                .reduceOnly(dev.pennant.core.model.PositionSide.BOTH));
        live.awaitStatus(f3.clientOrderId(), OrderStatus.FILLED);

        // ---- the engine's books against the simulator's account
        LiveRig.await(() -> live.fills.size() == 7, 10_000, "7 ledger fills");
        List<Fill> fills = List.copyOf(live.fills);
        // 3 spot trades with fees in BTC (m1, l2) or USDT (m2) → m1, its fee in kind, l2, its fee in kind, m2; f1; f3
        assertThat(fills).extracting(Fill::clientOrderId).containsExactly(m1.clientOrderId(), m1.clientOrderId(),
                l2.clientOrderId(), l2.clientOrderId(), m2.clientOrderId(), f1.clientOrderId(), f3.clientOrderId());
        Fill l2Trade = fills.get(2);
        assertThat(l2Trade.price()).isEqualByComparingTo(near);
        assertThat(l2Trade.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        List<Long> venueIds = rig.venueTrades().stream().map(f -> f.tradeId()).sorted().toList();
        assertThat(fills.stream().map(Fill::tradeId).filter(id -> id > 0).sorted().toList())
                .as("every venue trade booked exactly once").isEqualTo(venueIds);
        assertThat(live.events.stream().filter(e -> e instanceof OrderEvent.OrderFilled).count()).isEqualTo(7);
        assertThat(live.events.stream().filter(e -> e instanceof OrderEvent.OrderCanceled).count()).isEqualTo(2);
        assertThat(live.offLoop).as("reports handled off the engine thread").isEmpty();
        // one request per placement or cancel: m1, l1, its cancel, l2, m2, f1, f2, its cancel, f3 — nothing twice
        assertThat(rig.sim.orderRequestCount()).isEqualTo(9);

        Map<String, BigDecimal> spotAfter = rig.spotBalances();
        BigDecimal walletAfter = rig.futuresWallet();
        BigDecimal venueBtc = spotAfter.get("BTC").subtract(spotBefore.get("BTC"));
        // by hand: 0.002 − 0.000002 + 0.003 − 0.000003 − 0.001 = 0.003995 BTC
        assertThat(venueBtc).isEqualByComparingTo("0.003995");
        assertThat(live.position("BTCUSDT").quantity()).isEqualByComparingTo(venueBtc);
        BigDecimal venueEthPos = new BigDecimal(rig.call(Market.USDM_FUTURES, "GET", "/fapi/v2/account", Map.of())
                .path("positions").get(0).path("positionAmt").asText());
        assertThat(venueEthPos).isEqualByComparingTo("0.15");
        assertThat(live.position("ETHUSDT").quantity()).isEqualByComparingTo(venueEthPos);
        BigDecimal venueUsdt = spotAfter.get("USDT").subtract(spotBefore.get("USDT")).add(walletAfter.subtract(walletBefore));
        BigDecimal engineCash = live.on(() -> live.portfolio.cash()).subtract(startCash);
        assertThat(engineCash).as("engine cash change = spot USDT change + futures wallet change")
                .isEqualByComparingTo(venueUsdt);

        // and a reconciliation against the simulator finds nothing to repair
        live.client.enableReconciliation(() -> new Reconciler.Scope(List.of(rig.spot, rig.fut), 0),
                () -> new Reconciler.LocalState(live.engine.execution().orders(), live.client.bookedFills(),
                        live.portfolio.positions(), spotBefore), live.reconciliations::add);
        live.client.reconcileNow("test");
        LiveRig.await(() -> !live.reconciliations.isEmpty(), 10_000, "a reconciliation");
        Reconciler.Result r = live.reconciliations.getFirst();
        assertThat(r.failure()).isNull();
        assertThat(r.differences()).as(r.summary()).isEmpty();

        // the API key and secret never reach Pennant's log (DEBUG and up), nor an order event
        List<String> lines = logs.list.stream().filter(e -> e.getLoggerName().startsWith("dev.pennant.core"))
                .map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
        assertThat(lines).isNotEmpty().noneMatch(l -> l.contains(LiveRig.SECRET) || l.contains(LiveRig.KEY));
        assertThat(live.events).noneMatch(e -> e.toString().contains(LiveRig.SECRET));

        System.out.println("[live-it] " + lines.size() + " log lines without key or secret; " + fills.size() + " ledger fills for " + venueIds.size() + " venue trades; "
                + "limit filled after " + moved + " of replay at " + near + "; BTC " + venueBtc + " (engine "
                + live.position("BTCUSDT").quantity() + "), ETH position " + venueEthPos + ", USDT moved "
                + venueUsdt + " (engine " + engineCash + "), simulator order requests " + rig.sim.orderRequestCount());
    }
}
