package dev.pennant.simulator;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.BinanceLiveSource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PAPER means no order ever reaches an exchange: a paper session whose market data comes from the
 * {@link ExchangeSimulator} (REST backfill and kline stream from its URL, the same URL a LIVE client would trade on,
 * with an API key configured there) executes commands of every kind — MARKET by quantity and by quote amount, LIMIT,
 * LIMIT_MAKER, STOP_LOSS_LIMIT, TAKE_PROFIT, a bracket, modify, cancel, cancel-all — and the simulator counts zero
 * order requests ({@link ExchangeSimulator#orderRequestCount()}: placements, cancels and modifies of every order
 * endpoint, served or not).
 */
class PaperSessionSendsNoOrdersTest {

    private ExchangeSimulator sim;
    private PaperSession session;

    @AfterEach
    void tearDown() {
        if (session != null) session.close();
        if (sim != null) sim.close();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aPaperSessionOnTheSimulatorsMarketDataSendsItNoOrder() throws Exception {
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z"))
                .apiKey(LiveRig.KEY, LiveRig.SECRET.toCharArray()).start();
        Instrument btc;
        try (BinanceRestClient md = new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null)) {
            btc = md.exchangeInfo(Market.SPOT).instrument("BTCUSDT").orElseThrow();
        }
        EngineConfig config = EngineConfig.defaults(btc, Interval.M1);
        session = PaperSession.live(config, new BinanceLiveSource("BTCUSDT", Interval.M1, sim.baseUrl(),
                sim.wsBaseUrl(), 200), null);
        List<Fill> fills = new CopyOnWriteArrayList<>();
        AtomicInteger streamBars = new AtomicInteger();
        session.addListener(new EngineListener() {
            @Override
            public void onFill(Fill fill, Position position) {
                fills.add(fill);
            }

            @Override
            public void onBar(Bar bar, IndicatorSnapshot indicators) {
                streamBars.incrementAndGet();
            }
        });
        session.start();
        LiveRig.await(() -> session.source().status().state() == SourceStatus.State.RUNNING, 15_000, "RUNNING");
        LiveRig.await(() -> streamBars.get() > 0, 15_000, "a stream bar");
        BigDecimal px = session.query(() -> session.engine().lastPrice("BTCUSDT")).get(5, TimeUnit.SECONDS);
        assertThat(px).isNotNull();

        List<Order> orders = new ArrayList<>();
        OrderOptions spot = OrderOptions.SPOT;
        orders.add(submit(new TradingCommand.SubmitOrder(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY,
                d("0.001")))));
        orders.add(submit(new TradingCommand.SubmitOrder(new OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, null,
                null, null, spot.withQuoteOrderQty(d("50")), null, null))));
        Order limit = submit(new TradingCommand.SubmitOrder(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY,
                d("0.001"), at(px, "0.9"))));
        orders.add(limit);
        orders.add(submit(new TradingCommand.SubmitOrder(new OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT_MAKER,
                null, d("0.001"), at(px, "0.8"), spot, null, null))));
        orders.add(submit(new TradingCommand.SubmitOrder(OrderRequest.conditional(Market.SPOT, "BTCUSDT", Side.BUY,
                OrderType.STOP_LOSS_LIMIT, d("0.001"), at(px, "1.05"), at(px, "1.051")))));
        orders.add(submit(new TradingCommand.SubmitOrder(OrderRequest.conditional(Market.SPOT, "BTCUSDT", Side.BUY,
                OrderType.TAKE_PROFIT, d("0.001"), at(px, "0.9"), null))));
        orders.add(submit(new TradingCommand.SubmitBracket(new OrderRequest("BTCUSDT", Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, d("0.001"), at(px, "0.95"), spot, null, null), at(px, "0.9"), at(px, "1.1"), null)));
        session.submit(new TradingCommand.ModifyOrder(limit.clientOrderId(), null, at(px, "0.89")))
                .get(5, TimeUnit.SECONDS);
        session.submit(new TradingCommand.CancelOrder(limit.clientOrderId())).get(5, TimeUnit.SECONDS);
        session.submit(new TradingCommand.CancelAllOrders(null)).get(5, TimeUnit.SECONDS);
        // after cancel-all (which also cancels the MARKET buys still waiting for the next bar), one more MARKET buy:
        // the paper venue fills it at the next bar's open
        Order last = submit(new TradingCommand.SubmitOrder(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY,
                d("0.001"))));
        orders.add(last);
        int seen = streamBars.get();
        LiveRig.await(() -> streamBars.get() > seen + 2, 15_000, "more bars");
        LiveRig.await(() -> fills.stream().anyMatch(f -> f.clientOrderId().equals(last.clientOrderId())), 15_000,
                "the paper fill of the last MARKET buy");

        assertThat(orders).allMatch(o -> o != null && o.clientOrderId().startsWith(session.id()));
        assertThat(session.engine().execution().client().venue()).isEqualTo("paper");
        session.close();
        session = null;
        assertThat(sim.orderRequestCount()).as("order requests the simulator received from a PAPER session").isZero();
        assertThat(sim.counters().ordersPlaced()).isZero();
        System.out.println("[paper-it] " + orders.size() + " orders, " + fills.size() + " paper fill(s), "
                + sim.counters().restRequests() + " market-data REST requests, order requests at the simulator: "
                + sim.orderRequestCount());
    }

    private Order submit(TradingCommand c) throws Exception {
        return session.submit(c).get(5, TimeUnit.SECONDS);
    }

    private static BigDecimal at(BigDecimal px, String factor) {
        return px.multiply(new BigDecimal(factor)).setScale(2, RoundingMode.DOWN);
    }
}
