package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The instruments of both Binance markets (spot and USDⓈ-M), kept current by re-reading exchangeInfo periodically.
 *
 * <p>The fetcher is injected ({@link Fetcher}): production passes a REST call to {@code /api/v3/exchangeInfo} and
 * {@code /fapi/v1/exchangeInfo}; tests pass canned bodies. A failed refresh keeps the previous snapshot and is logged
 * (market and exception message only). Thread-safe: readers see an immutable snapshot per market, swapped atomically.
 */
public final class InstrumentRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentRegistry.class);

    /** Loads the current exchangeInfo of one market. May block; called on the scheduler thread. */
    @FunctionalInterface
    public interface Fetcher {
        /** @throws Exception on any network/parse failure; the registry keeps the previous snapshot */
        ExchangeInfo fetch(Market market) throws Exception;
    }

    private final Fetcher fetcher;
    private final List<Market> markets;
    private final Map<Market, AtomicReference<ExchangeInfo>> snapshots = new EnumMap<>(Market.class);
    private final Object attemptsLock = new Object();
    private final Map<Market, String> attempts = new EnumMap<>(Market.class); // market → "" (ok) or last error
    private volatile Consumer<ExchangeInfo> listener = info -> { };
    private volatile ScheduledFuture<?> task;

    /** @param markets the markets to keep (usually both) */
    public InstrumentRegistry(Fetcher fetcher, List<Market> markets) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.markets = List.copyOf(markets);
        for (Market m : Market.values()) snapshots.put(m, new AtomicReference<>());
    }

    /** Both markets. */
    public InstrumentRegistry(Fetcher fetcher) {
        this(fetcher, List.of(Market.SPOT, Market.USDM_FUTURES));
    }

    /** Called after each successful refresh of a market, on the refreshing thread. */
    public void onRefresh(Consumer<ExchangeInfo> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Fetches every market now, on the calling thread.
     *
     * @return the number of markets refreshed successfully
     */
    public int refreshNow() {
        int ok = 0;
        for (Market m : markets) {
            try {
                ExchangeInfo info = fetcher.fetch(m);
                if (info.market() != m) {
                    throw new IllegalStateException("fetcher returned " + info.market() + " for " + m);
                }
                snapshots.get(m).set(info);
                attempted(m, "");
                listener.accept(info);
                ok++;
            } catch (Exception e) {
                LOG.warn("exchangeInfo refresh for {} failed, keeping the previous instruments: {}", m, e.toString());
                attempted(m, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
            }
        }
        return ok;
    }

    /**
     * Refreshes now and then every {@code period} on {@code scheduler} (Binance changes filters rarely; one hour is
     * plenty). Idempotent per registry: a second call replaces the schedule.
     */
    public synchronized void start(ScheduledExecutorService scheduler, Duration period) {
        stop();
        task = scheduler.scheduleWithFixedDelay(this::refreshNow, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels the periodic refresh (does not shut the scheduler down). */
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The latest exchangeInfo of {@code market}, if loaded. */
    public Optional<ExchangeInfo> exchangeInfo(Market market) {
        return Optional.ofNullable(snapshots.get(market).get());
    }

    /**
     * The exchangeInfo of {@code market}, waiting for the first refresh when none has finished yet: returns as soon as
     * it is loaded, or once a refresh of that market has failed (see {@link #lastFailure}), or after {@code timeout}.
     * Does not fetch itself (the periodic refresh of {@link #start} or a {@link #refreshNow} does). An interrupt ends
     * the wait early (the interrupt flag stays set).
     *
     * @return the snapshot, or empty when none is loaded by then
     */
    public Optional<ExchangeInfo> awaitExchangeInfo(Market market, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (attemptsLock) {
            while (snapshots.get(market).get() == null && !attempts.containsKey(market)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    TimeUnit.NANOSECONDS.timedWait(attemptsLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return exchangeInfo(market);
    }

    /** Why the latest refresh of {@code market} failed; empty when it succeeded or none has finished yet. */
    public Optional<String> lastFailure(Market market) {
        synchronized (attemptsLock) {
            String e = attempts.get(market);
            return e == null || e.isEmpty() ? Optional.empty() : Optional.of(e);
        }
    }

    private void attempted(Market market, String error) {
        synchronized (attemptsLock) {
            attempts.put(market, error);
            attemptsLock.notifyAll();
        }
    }

    /** The instrument {@code symbol} of {@code market}, if loaded. */
    public Optional<Instrument> instrument(Market market, String symbol) {
        return exchangeInfo(market).flatMap(i -> i.instrument(symbol));
    }

    /** All loaded instruments of both markets (spot first). */
    public List<Instrument> all() {
        return markets.stream().flatMap(m -> exchangeInfo(m).stream()).flatMap(i -> i.instruments().stream()).toList();
    }

    /** The rate limits the exchange announced for {@code market}; empty until loaded. */
    public List<RateLimit> rateLimits(Market market) {
        return exchangeInfo(market).map(ExchangeInfo::rateLimits).orElse(List.of());
    }
}
