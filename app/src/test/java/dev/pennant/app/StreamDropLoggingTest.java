package dev.pennant.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.BinanceLiveSource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.marketdata.feed.BinanceMarketFeed;
import dev.pennant.core.marketdata.feed.StreamHealth;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.EOFException;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production logging config ({@code pennant-logback.xml}) on a dropped stream: the Binance connector's
 * {@code [Connection n] Failure} ERROR with an {@link java.io.IOException} stack trace is gone, Pennant's
 * {@code BinanceLiveSource} logs one WARN line with the reason, and a connector failure that is not an I/O error
 * (a bug) still arrives as an ERROR with its stack trace.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamDropLoggingTest {

    private static final String SPOT_SOCKET = "com.binance.connector.client.utils.WebSocketConnection";
    private static final String FUTURES_SOCKET = "com.binance.connector.futures.client.utils.WebSocketConnection";

    @TempDir
    Path logs;

    private final LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    @BeforeEach
    void productionLogging() throws Exception {
        System.setProperty("pennant.log.dir", logs.toString());
        try {
            ctx.reset();
            JoranConfigurator jc = new JoranConfigurator();
            jc.setContext(ctx);
            jc.doConfigure(StreamDropLoggingTest.class.getResource("/pennant-logback.xml"));
        } finally {
            System.clearProperty("pennant.log.dir");
        }
        events.setContext(ctx);
        events.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender("CONSOLE"); // the test's own ERRORs are expected: keep them out of the build output
        root.addAppender(events);
    }

    @AfterEach
    void restoreTestLogging() throws Exception {
        ctx.reset();
        new ContextInitializer(ctx).autoConfig();
    }

    private List<ILoggingEvent> from(String logger) {
        return events.list.stream().filter(e -> e.getLoggerName().equals(logger)).toList();
    }

    /** WARN and ERROR events of {@code logger} (its INFO lines, e.g. the backfill, are not about the drop). */
    private List<ILoggingEvent> warnings(String logger) {
        return from(logger).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    @Test
    void ioFailuresOfTheConnectorSocketsAreNotErrorsButOtherFailuresAre() {
        ctx.getLogger(FUTURES_SOCKET).error("[Connection {}] Failure", 3, new EOFException());
        ctx.getLogger(SPOT_SOCKET).error("[Connection {}] Failure", 4, new SocketException("Connection reset"));
        assertThat(events.list).as("routine drops").isEmpty();

        IllegalStateException bug = new IllegalStateException("callback failed");
        ctx.getLogger(FUTURES_SOCKET).error("[Connection {}] Failure", 5, bug);
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy()).isNotNull();
            assertThat(e.getThrowableProxy().getClassName()).isEqualTo(IllegalStateException.class.getName());
        });

        // other connector loggers and Pennant's own errors are untouched, I/O or not
        ctx.getLogger("com.binance.connector.client.utils.ResponseHandler").error("[ResponseHandler] OKHTTP Error",
                new EOFException());
        ctx.getLogger("dev.pennant.core.marketdata.feed.StreamManager").error("failed", new EOFException());
        assertThat(events.list).hasSize(3).allMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(ctx.getLogger("dev.pennant.core.marketdata.BinanceLiveSource").isEnabledFor(Level.WARN)).isTrue();
        assertThat(ctx.getLogger("dev.pennant.core.marketdata.feed.StreamManager").isEnabledFor(Level.WARN)).isTrue();
    }

    @Test
    void aDropLogsOneWarnLinePerSourceAndNoConnectorStackTrace() throws Exception {
        List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(Instant.parse("2025-03-01T00:00:00Z")).start();
             BinanceLiveSource source = new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", Interval.H1, // recorded in the simulator
                     sim.baseUrl(), sim.futuresWsBaseUrl(), 5);
             BinanceRestClient rest = new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null);
             BinanceMarketFeed feed = new BinanceMarketFeed(rest)) {
            feed.start();
            source.start(new BarSink() {
                @Override
                public void onBar(Bar bar) {
                }

                @Override
                public void onStatus(SourceStatus status) {
                    statuses.add(status);
                }
            });
            Await.until(() -> !statuses.isEmpty() && statuses.getLast().state() == SourceStatus.State.RUNNING,
                    Duration.ofSeconds(20), "RUNNING on the simulator");
            Await.until(() -> feed.status() != null && !feed.status().streams().isEmpty() && feed.status().streams()
                    .stream().allMatch(h -> h.state() == StreamHealth.State.CONNECTED), Duration.ofSeconds(20),
                    "market feed streams connected");
            Thread.sleep(300); // let the sockets settle before cutting them
            sim.dropStreams();
            Await.until(() -> !warnings("dev.pennant.core.marketdata.BinanceLiveSource").isEmpty()
                    && !from("dev.pennant.core.marketdata.feed.StreamManager").isEmpty(),
                    Duration.ofSeconds(20), "BinanceLiveSource and StreamManager noticed the drop");
            Await.until(() -> statuses.getLast().state() == SourceStatus.State.RUNNING, Duration.ofSeconds(20),
                    "RUNNING again");
        }
        List<ILoggingEvent> live = warnings("dev.pennant.core.marketdata.BinanceLiveSource");
        assertThat(live).first().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("BTCUSDT 1h").contains("stream").contains("reconnecting in");
            assertThat(e.getThrowableProxy()).as("one line, no stack trace").isNull();
        });
        List<ILoggingEvent> streams = from("dev.pennant.core.marketdata.feed.StreamManager");
        assertThat(streams).allSatisfy(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).containsPattern("streams connection \\d+: .+; reconnecting in");
            assertThat(e.getThrowableProxy()).isNull();
        });
        assertThat(events.list).as("no ERROR for a routine drop")
                .noneMatch(e -> e.getLevel() == Level.ERROR);
        assertThat(events.list).as("no stack trace from the connectors")
                .noneMatch(e -> e.getLoggerName().startsWith("com.binance.connector") && e.getThrowableProxy() != null);
    }
}
