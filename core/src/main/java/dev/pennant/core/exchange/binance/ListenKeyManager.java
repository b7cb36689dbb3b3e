package dev.pennant.core.exchange.binance;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Keeps a user-data stream {@code listenKey} alive.
 *
 * <p>Source: Binance spot "User Data Stream endpoints" ({@code POST/PUT/DELETE /api/v3/userDataStream}) and USDⓈ-M
 * "Start/Keepalive/Close User Data Stream" ({@code /fapi/v1/listenKey}): a key lives 60 minutes unless kept alive;
 * Binance recommends a keep-alive every 30 minutes; a keep-alive for an unknown key answers -1125; the stream sends
 * {@code listenKeyExpired} when a key lapses.
 *
 * <p>{@link #tick()} (called every minute by {@link #start(ScheduledExecutorService)}, or by tests with a fake clock)
 * sends a keep-alive once 30 minutes have passed since the last success. A keep-alive answered with -1125, a key older
 * than 60 minutes without a successful keep-alive, or {@link #onListenKeyExpired()} makes it create a new key and hand
 * it to the listener, whose job is to reconnect the stream. A failed keep-alive (network) is retried at the next tick.
 * Thread-safe (instance lock). The key is a bearer credential for the stream: it is never logged.
 */
public final class ListenKeyManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenKeyManager.class);

    /** Binance's recommended keep-alive period, ms. */
    public static final long KEEP_ALIVE_MS = 30 * 60_000L;
    /** How long a key lives without keep-alive, ms. */
    public static final long VALIDITY_MS = 60 * 60_000L;
    /** Binance's code for "This listenKey does not exist." */
    public static final int UNKNOWN_KEY_CODE = -1125;

    /** The three REST calls, injected (production: the connector's user-data endpoints through the governor). */
    public interface ListenKeyApi {
        /** Creates (or returns the active) key. */
        String create() throws Exception;

        /** Extends {@code key} by 60 minutes. @throws BinanceApiException with code -1125 for an unknown key */
        void keepAlive(String key) throws Exception;

        /** Closes {@code key}. */
        void close(String key) throws Exception;
    }

    private final ListenKeyApi api;
    private final LongSupplier clock;
    private final Consumer<String> onNewKey;
    private String key;
    private long lastAlive;
    private int created;
    private int keepAlives;
    private ScheduledFuture<?> task;

    /**
     * @param api      REST calls
     * @param clock    epoch ms
     * @param onNewKey called (under no lock of the caller's) with each new key after the first, so the stream
     *                 reconnects with it
     */
    public ListenKeyManager(ListenKeyApi api, LongSupplier clock, Consumer<String> onNewKey) {
        this.api = Objects.requireNonNull(api, "api");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onNewKey = Objects.requireNonNull(onNewKey, "onNewKey");
    }

    /**
     * Creates the first key.
     *
     * @return the key to open the stream with
     * @throws Exception when Binance refuses (e.g. -2015 key without permission)
     */
    public synchronized String open() throws Exception {
        key = api.create();
        lastAlive = clock.getAsLong();
        created++;
        return key;
    }

    /** Calls {@link #tick()} every minute on {@code scheduler} (after {@link #open()}). */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (task != null) task.cancel(false);
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.warn("listenKey maintenance failed: {}", e.getClass().getSimpleName());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    /** Keeps the key alive or replaces it when due (see class comment). Safe to call often. */
    public void tick() {
        String fresh = null;
        synchronized (this) {
            if (key == null) return;
            long now = clock.getAsLong();
            if (now - lastAlive >= VALIDITY_MS) {
                fresh = recreate("no successful keep-alive for " + (now - lastAlive) / 60_000 + " min");
            } else if (now - lastAlive >= KEEP_ALIVE_MS) {
                try {
                    api.keepAlive(key);
                    lastAlive = now;
                    keepAlives++;
                } catch (BinanceApiException e) {
                    if (e.code() == UNKNOWN_KEY_CODE) {
                        fresh = recreate("Binance no longer knows the key (-1125)");
                    } else {
                        LOG.warn("listenKey keep-alive refused ({}), retrying next minute", e.code());
                    }
                } catch (Exception e) {
                    LOG.warn("listenKey keep-alive failed ({}), retrying next minute", e.getClass().getSimpleName());
                }
            }
        }
        if (fresh != null) onNewKey.accept(fresh);
    }

    /** The stream reported {@code listenKeyExpired}: create a new key and hand it to the listener. */
    public void onListenKeyExpired() {
        String fresh;
        synchronized (this) {
            if (key == null) return;
            fresh = recreate("stream reported listenKeyExpired");
        }
        if (fresh != null) onNewKey.accept(fresh);
    }

    private String recreate(String why) {
        try {
            key = api.create();
            lastAlive = clock.getAsLong();
            created++;
            LOG.info("new listenKey created: {}", why);
            return key;
        } catch (Exception e) {
            LOG.warn("listenKey re-create failed ({}): {}; retrying next minute", why, e.getClass().getSimpleName());
            return null;
        }
    }

    /** The current key, or {@code null} before {@link #open()} / after {@link #close()}. */
    public synchronized String currentKey() {
        return key;
    }

    /** Keys created so far (1 after open; +1 per re-create). */
    public synchronized int createdCount() {
        return created;
    }

    /** Successful keep-alives so far. */
    public synchronized int keepAliveCount() {
        return keepAlives;
    }

    /** Stops the schedule and closes the key at Binance (errors are logged, not thrown). */
    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        if (key != null) {
            try {
                api.close(key);
            } catch (Exception e) {
                LOG.warn("listenKey close failed: {}", e.getClass().getSimpleName());
            }
            key = null;
        }
    }

    @Override
    public String toString() {
        return "ListenKeyManager[created=" + createdCount() + ", keepAlives=" + keepAliveCount() + "]";
    }
}
