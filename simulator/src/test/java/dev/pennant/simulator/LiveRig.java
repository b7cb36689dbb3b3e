package dev.pennant.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.EngineLoop;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.engine.WallClock;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceExecutionClient;
import dev.pennant.core.exchange.binance.BinanceOrderMapper;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.exchange.binance.BinanceSigner;
import dev.pennant.core.execution.FillReport;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.Reconciler;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Position;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.testkit.SharedData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A paused {@link ExchangeSimulator} on loopback (BTCUSDT spot 1m, ETHUSDT USDⓈ-M 1h, from 2021-05-18 00:00 UTC; the
 * price moves only when a test advances the replay) and LIVE engines on it: a {@link TradingEngine} on its own
 * {@link EngineLoop} whose venue is a {@link BinanceExecutionClient} for the simulator. Keys are plainly fake.
 */
final class LiveRig implements AutoCloseable {

    static final String KEY = "sim-key-not-real";
    static final String SECRET = "sim-secret-not-real";
    static final Instant REPLAY = Instant.parse("2021-05-18T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final ExchangeSimulator sim;
    final BinanceRestClient rest;
    private final BinanceSigner signer;
    final Instrument spot;
    final Instrument fut;

    LiveRig() throws Exception {
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(0).replayStart(REPLAY)
                .apiKey(KEY, SECRET.toCharArray()).start();
        signer = BinanceSigner.hmac(SECRET.toCharArray());
        rest = new BinanceRestClient(endpoints(), KEY, signer);
        spot = rest.exchangeInfo(Market.SPOT).instrument("BTCUSDT").orElseThrow();
        fut = rest.exchangeInfo(Market.USDM_FUTURES).instrument("ETHUSDT").orElseThrow();
    }

    BinanceEndpoints endpoints() {
        return BinanceEndpoints.withBase(sim.baseUrl());
    }

    Instrument instrument(Market m, String symbol) {
        if (m == Market.SPOT && symbol.equals(spot.symbol())) return spot;
        if (m == Market.USDM_FUTURES && symbol.equals(fut.symbol())) return fut;
        return null;
    }

    /** A signed call straight to the simulator (an order placed "on the website", an account query). */
    JsonNode call(Market m, String method, String path, Map<String, String> params) throws Exception {
        return JSON.readTree(rest.signedRequest(m, method, path, params));
    }

    /** Spot free + locked per asset. */
    Map<String, BigDecimal> spotBalances() throws Exception {
        return BinanceOrderMapper.spotBalances(call(Market.SPOT, "GET", "/api/v3/account", Map.of()));
    }

    /** USDⓈ-M wallet balance (USDT). */
    BigDecimal futuresWallet() throws Exception {
        return new BigDecimal(call(Market.USDM_FUTURES, "GET", "/fapi/v2/account", Map.of())
                .path("totalWalletBalance").asText());
    }

    /** Every trade the venue holds for the rig's two instruments. */
    List<FillReport> venueTrades() throws Exception {
        List<FillReport> out = new java.util.ArrayList<>(BinanceOrderMapper.trades(Market.SPOT,
                call(Market.SPOT, "GET", "/api/v3/myTrades", Map.of("symbol", spot.symbol()))));
        out.addAll(BinanceOrderMapper.trades(Market.USDM_FUTURES, call(Market.USDM_FUTURES, "GET",
                "/fapi/v1/userTrades", Map.of("symbol", fut.symbol()))));
        return out;
    }

    Live engine(String sessionId, BigDecimal startingCash) {
        return new Live(this, sessionId, startingCash);
    }

    static boolean waitFor(BooleanSupplier cond, long timeoutMs) throws InterruptedException {
        return waitFor(cond, timeoutMs, 10);
    }

    static boolean waitFor(BooleanSupplier cond, long timeoutMs, long pollMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) return false;
            Thread.sleep(pollMs);
        }
        return true;
    }

    static void await(BooleanSupplier cond, long timeoutMs, String what) throws InterruptedException {
        if (!waitFor(cond, timeoutMs)) throw new AssertionError("timed out waiting for " + what);
    }

    /**
     * Moves the replay 10 minutes at a time (at most 8 h) until the venue reports {@code clientOrderId} FILLED.
     *
     * @return the replay time it took
     */
    Duration advanceUntilFilled(Market m, String symbol, String clientOrderId) throws Exception {
        Duration moved = Duration.ZERO;
        for (int step = 0; step < 48; step++) {
            sim.advanceReplay(Duration.ofMinutes(10));
            moved = moved.plusMinutes(10);
            boolean filled = waitFor(() -> {
                try {
                    return "FILLED".equals(call(m, "GET", m == Market.SPOT ? "/api/v3/order" : "/fapi/v1/order",
                            Map.of("symbol", symbol, "origClientOrderId", clientOrderId)).path("status").asText());
                } catch (Exception e) {
                    return false;
                }
            }, 500, 100); // GET order weighs 4: poll gently, the governor keeps the budget for the engine
            if (filled) return moved;
        }
        throw new AssertionError(clientOrderId + " not filled within 8 h of replay");
    }

    @Override
    public void close() {
        rest.close();
        signer.close();
        sim.close();
    }

    /** One LIVE engine on the simulator. */
    static final class Live implements AutoCloseable {
        final EngineLoop loop;
        final Portfolio portfolio;
        final BinanceExecutionClient client;
        final TradingEngine engine;
        final List<Fill> fills = new CopyOnWriteArrayList<>();
        final List<OrderEvent> events = new CopyOnWriteArrayList<>();
        final List<Reconciler.Result> reconciliations = new CopyOnWriteArrayList<>();
        final List<String> offLoop = new CopyOnWriteArrayList<>();
        private final LiveRig rig;

        Live(LiveRig rig, String sessionId, BigDecimal startingCash) {
            this.rig = rig;
            loop = new EngineLoop("engine-" + sessionId, 4096);
            portfolio = new Portfolio("USDT", startingCash);
            client = BinanceExecutionClient.local(rig.endpoints(), KEY, SECRET.toCharArray(),
                    Set.of(Market.SPOT, Market.USDM_FUTURES), loop::post, rig::instrument, "USDT",
                    new BinanceExecutionClient.Options(3, 3, 50, a -> null));
            engine = new TradingEngine(sessionId, new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                    new RiskEngine(RiskLimits.defaults()), client, portfolio, new WallClock());
            on(() -> {
                engine.addInstrument(rig.spot);
                engine.addInstrument(rig.fut);
                portfolio.setLeverage(rig.fut.symbol(), 20); // the simulator's leverage
                return null;
            });
            engine.addListener(new EngineListener() {
                @Override
                public void onFill(Fill fill, Position position) {
                    if (!loop.inLoop()) offLoop.add("fill " + fill.tradeId());
                    fills.add(fill);
                }

                @Override
                public void onOrderEvent(OrderEvent e) {
                    if (!loop.inLoop()) offLoop.add(e.getClass().getSimpleName());
                    events.add(e);
                }
            });
        }

        /** Runs {@code q} on the engine thread and waits for it. */
        <T> T on(Supplier<T> q) {
            try {
                return loop.call(q).get(15, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** Opens the user-data streams (and reconciles if enabled) and waits until both are connected. */
        void start() throws Exception {
            client.start();
            await(() -> client.streams().stream().allMatch(s -> s.isConnected()), 10_000, "user-data streams");
        }

        /** The last prices the strategies and risk see: the simulator's current ones, as trades. */
        void mark() {
            BigDecimal s = rig.sim.price(Market.SPOT, rig.spot.symbol());
            BigDecimal f = rig.sim.price(Market.USDM_FUTURES, rig.fut.symbol());
            long t = System.currentTimeMillis();
            on(() -> {
                engine.onTrade(new Trade(Market.SPOT, rig.spot.symbol(), 0, s, BigDecimal.ONE, s, t, false));
                engine.onTrade(new Trade(Market.USDM_FUTURES, rig.fut.symbol(), 0, f, BigDecimal.ONE, f, t, false));
                return null;
            });
        }

        Order submit(OrderRequest r) {
            return on(() -> engine.execute(new TradingCommand.SubmitOrder(r)));
        }

        void execute(TradingCommand c) {
            on(() -> engine.execute(c));
        }

        Order order(String id) {
            return on(() -> engine.execution().order(id));
        }

        void awaitStatus(String id, OrderStatus st) throws InterruptedException {
            await(() -> {
                Order o = order(id);
                return o != null && o.status() == st;
            }, 10_000, id + " " + st);
        }

        Position position(String symbol) {
            return on(() -> portfolio.position(symbol));
        }

        @Override
        public void close() {
            client.close();
            loop.close();
        }
    }
}
