package dev.pennant.core.engine;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link PaperSession#live(EngineConfig, dev.pennant.core.marketdata.MarketDataSource, HistoryStore, java.util.function.Function, String)}: another venue behind the same engine. */
class LiveSessionTest {

    @TempDir
    Path dataDir;

    /** A venue that records what reaches it and on which thread. */
    static final class RecordingVenue implements ExecutionClient, AutoCloseable {
        final List<Order> submitted = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override public void setEventHandler(ExecutionEventHandler handler) { }
        @Override public void submit(Order order) { submitted.add(order); threads.add(Thread.currentThread().getName()); }
        @Override public void cancel(String clientOrderId, long time) { }
        @Override public void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time) { }
        @Override public String venue() { return "binance-local"; }
        @Override public void close() { closed = true; }
    }

    /** One bar; the source is never started (nothing here needs market data). */
    private static dev.pennant.core.model.Bar bar() {
        BigDecimal p = new BigDecimal("30000");
        return new dev.pennant.core.model.Bar("BTCUSDT", Interval.M1, 0, 59_999, p, p, p, p, BigDecimal.ONE, null, -1,
                null, null, true);
    }

    private static ReplaySource source() {
        return new ReplaySource(List.of(bar()), "loopback test", 0, 0);
    }

    @Test
    void aLiveSessionRecordsItsModeAndVenueSendsOrdersToItOnTheEngineThreadAndClosesIt() throws Exception {
        RecordingVenue venue = new RecordingVenue();
        AtomicReference<Consumer<Runnable>> executor = new AtomicReference<>();
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            PaperSession s = PaperSession.live(config, source(), store,
                    post -> {
                        executor.set(post);
                        return venue;
                    }, "LIVE");
            assertThat(s.mode()).isEqualTo("LIVE");
            assertThat(s.engine().strategiesHalted()).as("LIVE sends only the trader's orders").isTrue();
            assertThat(s.venue()).isSameAs(venue);
            SessionInfo info = store.latestSession().orElseThrow();
            assertThat(info.id()).isEqualTo(s.id());
            assertThat(info.mode()).isEqualTo("LIVE");
            assertThat(info.venue()).isEqualTo("binance-local");

            Order o = s.submit(new TradingCommand.SubmitOrder(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY,
                    new BigDecimal("0.001"), new BigDecimal("30000")))).get(5, TimeUnit.SECONDS);
            assertThat(venue.submitted).extracting(Order::clientOrderId).containsExactly(o.clientOrderId());
            assertThat(venue.threads).containsExactly("engine-" + s.id());

            // the executor handed to the factory runs a task posted from another thread on the engine thread
            AtomicReference<String> ranOn = new AtomicReference<>();
            CountDownLatch ran = new CountDownLatch(1);
            Thread.ofPlatform().start(() -> executor.get().accept(() -> {
                ranOn.set(Thread.currentThread().getName());
                ran.countDown();
            })).join();
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ranOn.get()).isEqualTo("engine-" + s.id());

            s.close();
            assertThat(venue.closed).isTrue();
            assertThat(store.latestSession().orElseThrow().endedAt()).isNotNull();
        }
    }

    @Test
    void aPaperSessionStaysPaperAndAnUnknownModeIsRefused() {
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
        try (PaperSession p = PaperSession.replay(config, List.of(bar()), "r", 0, 0, null)) {
            assertThat(p.mode()).isEqualTo("PAPER");
            assertThat(p.engine().strategiesHalted()).isFalse();
            assertThat(p.venue()).isNull();
        }
        assertThatThrownBy(() -> PaperSession.live(config, source(), null,
                post -> new RecordingVenue(), "REAL")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mode must be PAPER or LIVE, was REAL");
    }
}
