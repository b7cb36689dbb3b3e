package dev.pennant.simulator;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.exchange.binance.BinanceApiException;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.exchange.binance.BinanceSigner;
import dev.pennant.core.exchange.binance.BinanceUserDataStream;
import dev.pennant.core.exchange.binance.ExchangeInfo;
import dev.pennant.core.exchange.binance.RateLimit;
import dev.pennant.core.exchange.binance.UserDataEvent;
import dev.pennant.core.exchange.binance.UserDataParser;
import dev.pennant.core.exchange.binance.WeightGovernor;
import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.BinanceLiveSource;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.MarketDataSource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.SyncHealth;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.feed.BinanceMarketFeed;
import dev.pennant.core.marketdata.feed.Ticker24h;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end through Pennant's own connector code ({@link BinanceRestClient}, {@link WeightGovernor},
 * {@link BinanceLiveSource}, {@link BinanceUserDataStream}, {@link BinanceMarketFeed}, {@link PaperSession}) against
 * the local {@link ExchangeSimulator}, over loopback only. Figures are printed as {@code [sim-it] ...} lines.
 */
class SimulatorIntegrationTest {

    static final String KEY = "sim-it-key";
    static final String SECRET = "sim-it-secret-not-real";
    /** Inside the BTCUSDT 1m recording (2021-05-15 → 05-22). */
    static final Instant REPLAY = Instant.parse("2021-05-18T00:00:00Z");

    private final List<AutoCloseable> closeLater = new ArrayList<>();
    ExchangeSimulator sim;

    ExchangeSimulator start(ExchangeSimulator.Builder b) throws Exception {
        sim = b.dataDir(SharedData.binance()).port(0).replayStart(REPLAY).apiKey(KEY, SECRET.toCharArray()).start();
        return sim;
    }

    <T extends AutoCloseable> T later(T c) {
        closeLater.add(c);
        return c;
    }

    BinanceRestClient client(String secret) {
        BinanceSigner signer = later(BinanceSigner.hmac(secret.toCharArray()));
        return later(new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), KEY, signer));
    }

    @AfterEach
    void tearDown() {
        Collections.reverse(closeLater);
        for (AutoCloseable c : closeLater) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (sim != null) sim.close();
    }

    static void await(BooleanSupplier cond, long timeoutMs, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static void report(String line) {
        System.out.println("[sim-it] " + line);
    }

    // ---------------------------------------------------------------------------------------------------- 1. burst

    /**
     * 10,000 market-data requests of mixed weight from 8 threads against a simulator that allows 6,000 weight per
     * 5 s window (announced in its exchangeInfo, as Binance does): the governor must hold traffic back over several
     * windows, and the server must never answer 429 or 418.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void burstOfTenThousandRequestsGetsNoBan() throws Exception {
        int limit = 6000;
        Duration window = Duration.ofSeconds(5);
        start(ExchangeSimulator.builder().speed(1).weightLimit(limit, window));
        BinanceRestClient rest = later(new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null));
        ExchangeInfo info = rest.exchangeInfo(Market.SPOT); // the governor learns the enforced limit from here
        assertThat(info.rateLimits()).contains(new RateLimit("REQUEST_WEIGHT", "SECOND", 5, limit));

        int total = 10_000;
        int threads = 8;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger shed = new AtomicInteger();
        AtomicLong weightSent = new AtomicLong();
        Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        later(pool::shutdownNow);
        long t0 = System.nanoTime();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                    int kind = i % 100;
                    try {
                        int w;
                        if (kind < 40) {
                            rest.serverTime(Market.SPOT);                               // weight 1 (ACCOUNT)
                            w = 1;
                        } else if (kind < 70) {
                            rest.bookTicker(Market.SPOT, "BTCUSDT");                    // 2
                            w = 2;
                        } else if (kind < 90) {
                            rest.klines(Market.SPOT, "BTCUSDT", Interval.M1, null, null, 10); // 2
                            w = 2;
                        } else if (kind < 99) {
                            rest.depth(Market.SPOT, "BTCUSDT", 100);                    // 5
                            w = 5;
                        } else {
                            rest.exchangeInfo(Market.SPOT);                             // 20 (BACKGROUND)
                            w = 20;
                        }
                        weightSent.addAndGet(w);
                        ok.incrementAndGet();
                    } catch (BinanceApiException.RateLimited e) {
                        if (e.httpStatus() == 0) shed.incrementAndGet(); // the governor's policy, nothing sent
                        else serverErrors.computeIfAbsent("HTTP " + e.httpStatus(), k -> new AtomicInteger()).incrementAndGet();
                    } catch (RuntimeException e) {
                        serverErrors.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) f.get(55, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        ExchangeSimulator.Counters c = sim.counters();
        WeightGovernor gov = rest.governor(Market.SPOT);
        report(String.format("burst: %d requests in %d ms from %d threads, %d ok, %d shed by the governor, "
                        + "weight sent %d (limit %d per %s = %.1f windows' worth), server 429s %d, 418s %d, "
                        + "REST requests at the server %d, governor throttled responses %d, other errors %s",
                total, ms, threads, ok.get(), shed.get(), weightSent.get(), limit, window,
                weightSent.get() / (double) limit, c.http429(), c.http418(), c.restRequests(),
                gov.throttledResponses(), serverErrors));
        assertThat(serverErrors).as("errors other than the governor's own shedding").isEmpty();
        assertThat(ok.get() + shed.get()).isEqualTo(total);
        assertThat(c.http418()).isZero();
        assertThat(c.http429()).isZero();
        assertThat(gov.throttledResponses()).isZero();
        // every request either reached the server once or was shed before sending (+1: the first exchangeInfo)
        assertThat(c.restRequests()).isEqualTo(ok.get() + 1L);
        // the governor had to throttle: the weight needed more windows than the run would have taken unthrottled
        long windowsNeeded = weightSent.get() / limit;
        assertThat(ms).as("run spans the windows the weight needs").isGreaterThanOrEqualTo((windowsNeeded - 1) * window.toMillis());
    }

    // ------------------------------------------------------------------------------------ 2. reconnect + backfill

    /** Tees a source's sink, so the test sees what the paper session sees. */
    record TeeSource(MarketDataSource inner, BarSink tap) implements MarketDataSource {
        @Override
        public SourceStatus status() {
            return inner.status();
        }

        @Override
        public void start(BarSink sink) {
            inner.start(new BarSink() {
                @Override
                public void onBar(Bar bar) {
                    tap.onBar(bar);
                    sink.onBar(bar);
                }

                @Override
                public void onWarmupBar(Bar bar) {
                    tap.onWarmupBar(bar);
                    sink.onWarmupBar(bar);
                }

                @Override
                public void onBarUpdate(Bar bar) {
                    tap.onBarUpdate(bar);
                    sink.onBarUpdate(bar);
                }

                @Override
                public void onStatus(SourceStatus status) {
                    tap.onStatus(status);
                    sink.onStatus(status);
                }
            });
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void reconnectAndBackfillLeaveNoMissingBar() throws Exception {
        start(ExchangeSimulator.builder().speed(600)); // 10 bars per second
        List<Bar> warmup = new CopyOnWriteArrayList<>(); // start backfill, reconnect backfill, gap fill
        List<Bar> stream = new CopyOnWriteArrayList<>();
        List<Bar> all = new CopyOnWriteArrayList<>();    // every closed bar in delivery order
        List<SourceStatus.State> states = new CopyOnWriteArrayList<>();
        BarSink tap = new BarSink() {
            @Override
            public void onBar(Bar bar) {
                stream.add(bar);
                all.add(bar);
            }

            @Override
            public void onWarmupBar(Bar bar) {
                if (bar.closed()) {
                    warmup.add(bar);
                    all.add(bar);
                }
            }

            @Override
            public void onStatus(SourceStatus status) {
                states.add(status.state());
            }
        };
        BinanceLiveSource live = new BinanceLiveSource("BTCUSDT", Interval.M1, sim.baseUrl(), sim.wsBaseUrl(), 200);
        TeeSource source = new TeeSource(live, tap);
        PaperSession session = later(PaperSession.live(EngineConfig.defaults("BTCUSDT", Interval.M1), source, null));
        List<Fill> fills = new CopyOnWriteArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        session.addListener(new EngineListener() {
            @Override
            public void onFill(Fill fill, Position position) {
                fills.add(fill);
            }
        });
        Thread.UncaughtExceptionHandler old = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> errors.add(e));
        later(() -> Thread.setDefaultUncaughtExceptionHandler(old));
        session.start();
        await(() -> live.status().state() == SourceStatus.State.RUNNING, 10_000, "live source RUNNING");
        await(() -> !stream.isEmpty(), 10_000, "a first stream bar");

        int drops = 0;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            Thread.sleep(2000 + (drops % 2) * 500L);
            sim.dropStreams();
            drops++;
        }
        // let the last reconnect finish and some bars flow again
        await(() -> live.status().state() == SourceStatus.State.RUNNING, 10_000, "RUNNING after the last drop");
        int seen = stream.size();
        await(() -> stream.size() > seen + 5, 10_000, "stream bars after the last reconnect");
        session.close();

        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).openTime()).as("bar %d follows bar %d without a gap", i, i - 1)
                    .isEqualTo(all.get(i - 1).openTime() + 60_000L);
        }
        Map<Long, Bar> recorded = new KlineCsvImporter().read(SharedData.btc1m()).bars().stream()
                .collect(Collectors.toMap(Bar::openTime, b -> b, (a, b) -> a));
        int compared = 0;
        for (Bar b : all) {
            Bar r = recorded.get(b.openTime());
            if (r == null) continue;
            assertThat(b.open()).isEqualByComparingTo(r.open());
            assertThat(b.high()).isEqualByComparingTo(r.high());
            assertThat(b.low()).isEqualByComparingTo(r.low());
            assertThat(b.close()).isEqualByComparingTo(r.close());
            assertThat(b.volume()).isEqualByComparingTo(r.volume());
            compared++;
        }
        int lagging = 0;
        int recoveries = 0;
        for (int i = 0; i < states.size(); i++) {
            if (states.get(i) == SourceStatus.State.LAGGING) {
                lagging++;
                if (states.subList(i + 1, states.size()).contains(SourceStatus.State.RUNNING)) recoveries++;
            }
        }
        long firstStreamOpen = stream.getFirst().openTime();
        report(String.format("reconnect: %d drops, %d LAGGING, %d back to RUNNING, %d ws connections at the server, "
                        + "%d REST (200 at start, the rest reconnect/gap backfill) + %d stream bars = %d contiguous bars checked, %d compared with the recording, "
                        + "%d paper fills, %d uncaught errors",
                drops, lagging, recoveries, sim.counters().wsConnections(), warmup.size(), stream.size(), all.size(),
                compared, fills.size(), errors.size()));
        assertThat(compared).isEqualTo(all.size());
        assertThat(lagging).isGreaterThanOrEqualTo(3);
        assertThat(recoveries).isGreaterThanOrEqualTo(3);
        assertThat(errors).isEmpty();
        for (Fill f : fills) assertThat(f.time()).as("fill on a stream bar").isGreaterThanOrEqualTo(firstStreamOpen);
    }

    // ----------------------------------------------------------------------------------- 3. signature, time sync

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void signatureAndTimeSyncEndToEnd() throws Exception {
        start(ExchangeSimulator.builder().speed(1));
        BinanceRestClient good = client(SECRET);
        Instrument btc = good.exchangeInfo(Market.SPOT).instrument("BTCUSDT").orElseThrow();
        BigDecimal px = sim.price(Market.SPOT, "BTCUSDT");
        UserDataParser.OrderResponse r = good.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY, OrderType.MARKET,
                null, new BigDecimal("0.001"), null, "it-sig-1", px));
        assertThat(r.venueStatus()).isEqualTo("FILLED");
        assertThat(r.fills()).isNotEmpty();

        // wrong secret: -1022, not retried
        BinanceRestClient bad = client("not-the-secret");
        bad.syncTime(Market.SPOT);
        long before = sim.counters().restRequests();
        long ordersBefore = sim.counters().ordersPlaced();
        assertThatThrownBy(() -> bad.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY, OrderType.MARKET, null,
                new BigDecimal("0.001"), null, "it-sig-2", px))).isInstanceOf(BinanceApiException.InvalidSignature.class);
        long badRequests = sim.counters().restRequests() - before;
        assertThat(badRequests).as("one request, no retry").isEqualTo(1);
        assertThat(sim.counters().ordersPlaced()).isEqualTo(ordersBefore);

        // the server clock jumps 5 s beyond recvWindow: -1021 once, resync, one retry that succeeds
        sim.setClockOffset(BinanceRestClient.RECV_WINDOW_MS + 5_000);
        before = sim.counters().restRequests();
        ordersBefore = sim.counters().ordersPlaced();
        UserDataParser.OrderResponse r2 = good.newOrder(btc, new BinanceRestClient.NewOrder(Side.SELL, OrderType.MARKET,
                null, new BigDecimal("0.001"), null, "it-sig-3", px));
        long syncRequests = sim.counters().restRequests() - before;
        assertThat(r2.venueStatus()).isEqualTo("FILLED");
        assertThat(syncRequests).as("rejected order, /time, retried order").isEqualTo(3);
        assertThat(sim.counters().ordersPlaced() - ordersBefore).isEqualTo(1);
        assertThat(good.timeSync(Market.SPOT).offsetMillis()).isBetween(9_000L, 11_000L);
        report(String.format("signature: good order FILLED; wrong secret -> InvalidSignature after %d request(s); "
                        + "clock +%d ms -> %d requests (order -1021, /time, order), offset now %d ms",
                badRequests, BinanceRestClient.RECV_WINDOW_MS + 5_000, syncRequests,
                good.timeSync(Market.SPOT).offsetMillis()));
    }

    // ---------------------------------------------------------------------------------------------- 4. user data

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void userDataStreamDeliversFillsOfBothMarkets() throws Exception {
        start(ExchangeSimulator.builder().speed(1));
        BinanceRestClient rest = client(SECRET);
        for (Market m : Market.values()) {
            Instrument ins = rest.exchangeInfo(m).instrument("BTCUSDT").orElseThrow();
            BlockingQueue<UserDataEvent> events = new LinkedBlockingQueue<>();
            BinanceUserDataStream uds = later(new BinanceUserDataStream(rest, m, events::add));
            uds.start();
            await(uds::isConnected, 10_000, m + " user-data socket");
            BigDecimal px = sim.price(m, "BTCUSDT");
            String id = "it-uds-" + m.name().toLowerCase();
            UserDataParser.OrderResponse resp = rest.newOrder(ins, new BinanceRestClient.NewOrder(Side.BUY,
                    OrderType.MARKET, null, new BigDecimal("0.003"), null, id, px));
            UserDataEvent.OrderUpdate filled = null;
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (filled == null && System.nanoTime() < end) {
                UserDataEvent e = events.poll(200, TimeUnit.MILLISECONDS);
                if (e instanceof UserDataEvent.OrderUpdate u && u.fill() != null && id.equals(u.clientOrderId())) {
                    filled = u;
                }
            }
            assertThat(filled).as(m + " execution event with a fill").isNotNull();
            assertThat(filled.eventType()).isEqualTo(m == Market.SPOT ? "executionReport" : "ORDER_TRADE_UPDATE");
            Fill f = filled.fill();
            assertThat(f.symbol()).isEqualTo("BTCUSDT");
            assertThat(f.side()).isEqualTo(Side.BUY);
            assertThat(f.quantity()).isEqualByComparingTo("0.003");
            // the replay moves between reading the price and the fill: same price within 0.1 %
            assertThat(f.price().subtract(px).abs().divide(px, java.math.MathContext.DECIMAL64))
                    .isLessThan(new BigDecimal("0.001"));
            if (!resp.fills().isEmpty()) assertThat(f.price()).isEqualByComparingTo(resp.fills().getFirst().price());
            if (resp.order() != null && resp.order().averagePrice() != null
                    && resp.order().averagePrice().signum() > 0) {
                assertThat(f.price()).isEqualByComparingTo(resp.order().averagePrice());
            }
            report(m + " user data: " + filled.eventType() + " fill " + f.quantity() + " @ " + f.price()
                    + " (replayed price " + px + "), order response status " + resp.venueStatus());
        }
    }

    // -------------------------------------------------------------------------------------------- 5. market feed

    @Test
    @Timeout(value = 45, unit = TimeUnit.SECONDS)
    void marketFeedLoadsTickersAndKeepsABookThroughADrop() throws Exception {
        start(ExchangeSimulator.builder().speed(1));
        BinanceRestClient rest = later(new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null));
        BinanceMarketFeed feed = later(new BinanceMarketFeed(rest));
        Map<Market, AtomicInteger> batches = new ConcurrentHashMap<>();
        Map<Market, List<Ticker24h>> lastBatch = new ConcurrentHashMap<>();
        List<String> wrongMarket = new CopyOnWriteArrayList<>();
        feed.onTickers(list -> {
            if (list.isEmpty()) return;
            Market m = list.getFirst().market();
            batches.computeIfAbsent(m, k -> new AtomicInteger()).incrementAndGet();
            lastBatch.put(m, list);
            // which market's replay does BTCUSDT's last price belong to? (spot and futures differ by the basis)
            list.stream().filter(t -> t.symbol().equals("BTCUSDT")).findFirst().ifPresent(t -> {
                BigDecimal own = t.lastPrice().subtract(sim.price(m, "BTCUSDT")).abs();
                Market other = m == Market.SPOT ? Market.USDM_FUTURES : Market.SPOT;
                BigDecimal foreign = t.lastPrice().subtract(sim.price(other, "BTCUSDT")).abs();
                if (own.compareTo(foreign) > 0) wrongMarket.add(m + " batch BTCUSDT " + t.lastPrice());
            });
        });
        feed.start();
        await(() -> !feed.instruments(Market.SPOT).isEmpty() && !feed.instruments(Market.USDM_FUTURES).isEmpty(),
                15_000, "instruments of both markets");
        AtomicReference<BookDepth> book = new AtomicReference<>();
        AtomicInteger updates = new AtomicInteger();
        later(feed.subscribeBook(Market.SPOT, "BTCUSDT", 20, d -> {
            book.set(d);
            updates.incrementAndGet();
        }));
        await(() -> batches.containsKey(Market.SPOT) && batches.containsKey(Market.USDM_FUTURES), 10_000,
                "!ticker@arr batches of both markets");
        await(() -> book.get() != null, 10_000, "a synced book");
        assertThat(book.get().bids()).isNotEmpty();
        assertThat(book.get().asks()).isNotEmpty();
        assertThat(book.get().bids().getFirst().price()).isLessThan(book.get().asks().getFirst().price());
        assertThat(lastBatch.get(Market.USDM_FUTURES)).anyMatch(t -> t.symbol().equals("BTCUSDT"));
        // the futures tickers come from the futures stream (futures-only symbols are absent from spot)
        var spotSymbols = feed.instruments(Market.SPOT).stream().map(Instrument::symbol).collect(Collectors.toSet());
        var futSymbols = feed.instruments(Market.USDM_FUTURES).stream().map(Instrument::symbol).collect(Collectors.toSet());
        assertThat(lastBatch.get(Market.USDM_FUTURES)).allMatch(t -> futSymbols.contains(t.symbol()));
        assertThat(lastBatch.get(Market.SPOT)).allMatch(t -> spotSymbols.contains(t.symbol()));
        assertThat(wrongMarket).as("ticker batches carrying the other market's prices").isEmpty();

        SyncHealth h0 = feed.bookHealth(Market.SPOT, "BTCUSDT");
        long connsBefore = sim.counters().wsConnections();
        sim.dropStreams();
        await(() -> sim.counters().wsConnections() >= connsBefore + 2, 15_000, "both market connections reopened");
        await(() -> {
            SyncHealth h = feed.bookHealth(Market.SPOT, "BTCUSDT");
            return h.snapshotsFetched() > h0.snapshotsFetched() && h.state() == SyncState.LIVE;
        }, 20_000, "book resynced and LIVE again");
        int u = updates.get();
        await(() -> updates.get() > u + 3, 10_000, "book updates after the resync");
        BookDepth after = book.get();
        assertThat(after.bids().getFirst().price()).isLessThan(after.asks().getFirst().price());
        assertThat(after.lastUpdateId()).isGreaterThan(0);
        SyncHealth h1 = feed.bookHealth(Market.SPOT, "BTCUSDT");
        report(String.format("feed: %d spot / %d futures instruments, ticker batches spot %d futures %d, "
                        + "book snapshots %d -> %d, resyncs %d, events applied %d, ws connections %d -> %d",
                feed.instruments(Market.SPOT).size(), feed.instruments(Market.USDM_FUTURES).size(),
                batches.get(Market.SPOT).get(), batches.get(Market.USDM_FUTURES).get(), h0.snapshotsFetched(),
                h1.snapshotsFetched(), h1.resyncs(), h1.eventsApplied(), connsBefore, sim.counters().wsConnections()));
    }
}
