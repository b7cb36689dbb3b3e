package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Market;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One market's user-data stream: spot {@code executionReport} / {@code outboundAccountPosition} /
 * {@code balanceUpdate}, futures {@code ORDER_TRADE_UPDATE} / {@code ACCOUNT_UPDATE} / {@code MARGIN_CALL} /
 * {@code TRADE_LITE}, parsed by {@link UserDataParser} and handed to the listener.
 *
 * <p>The key is managed by a {@link ListenKeyManager} over the injected REST calls (normally
 * {@link BinanceRestClient#listenKeyApi}): created at {@link #start()}, kept alive every 30 minutes (checked every
 * minute), re-created on -1125, on a lapsed key and when the stream reports {@code listenKeyExpired} — and the stream
 * then reconnects to {@code <wsBase>/ws/<newKey>}. Any close or failure of the socket reconnects after a jittered
 * exponential backoff (initial → max, reset by the first frame). Frames are parsed and delivered in order on one
 * reader thread {@code user-data-<market>}. The listenKey is a bearer credential: never logged.
 */
public final class BinanceUserDataStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceUserDataStream.class);

    private final Market market;
    private final String wsBase;
    private final Consumer<UserDataEvent> listener;
    private final ListenKeyManager keys;
    private final UserDataParser parser = new UserDataParser();
    private final OkHttpClient client;
    private final ScheduledThreadPoolExecutor timer;
    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final long initialBackoffMs;
    private final long maxBackoffMs;

    private WebSocket ws;
    private String key;
    private int generation;
    private long backoffMs;
    private boolean gotMessage;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile long eventsDelivered;
    private volatile long connects;
    private volatile java.util.function.LongConsumer onConnected = n -> { };

    /**
     * @param market   SPOT or USDM_FUTURES (decides the event formats)
     * @param wsBase   stream base URL, e.g. {@code wss://stream.binance.com:9443} or {@code ws://127.0.0.1:18080}
     * @param api      listenKey REST calls
     * @param clock    epoch ms (listenKey ages)
     * @param listener receives each event on the reader thread
     */
    public BinanceUserDataStream(Market market, String wsBase, ListenKeyManager.ListenKeyApi api, LongSupplier clock,
                                 Consumer<UserDataEvent> listener, Duration initialBackoff, Duration maxBackoff) {
        this.market = Objects.requireNonNull(market, "market");
        this.wsBase = Objects.requireNonNull(wsBase, "wsBase").replaceAll("/+$", "");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.keys = new ListenKeyManager(api, clock, this::onNewKey);
        this.initialBackoffMs = Math.max(1, initialBackoff.toMillis());
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoff.toMillis());
        this.backoffMs = initialBackoffMs;
        this.client = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS)
                .pingInterval(Duration.ofSeconds(20)).build();
        this.timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("user-data-" + market + "-timer").factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.reader = Thread.ofPlatform().daemon().name("user-data-" + market).unstarted(this::readLoop);
    }

    /** With the REST client's listenKey calls, the system clock and a 1 s → 30 s backoff. */
    public BinanceUserDataStream(BinanceRestClient rest, Market market, Consumer<UserDataEvent> listener) {
        this(market, market == Market.SPOT ? rest.endpoints().spotWs() : rest.endpoints().futuresWs(),
                rest.listenKeyApi(market), System::currentTimeMillis, listener, Duration.ofSeconds(1),
                Duration.ofSeconds(30));
    }

    /**
     * Creates the listenKey (on the calling thread) and connects; returns once the key exists.
     *
     * @throws Exception when Binance refuses the key (e.g. -2015: the API key lacks the permission)
     */
    public synchronized void start() throws Exception {
        if (closed) throw new IllegalStateException("user-data stream closed");
        if (key != null) return;
        key = keys.open();
        reader.start();
        keys.start(timer);
        connect();
    }

    /**
     * Called on the reader thread, in order with the frames, each time a socket opens, with the number of connections
     * opened so far: 1 for the first, more after a reconnect — when events may have been missed and the execution
     * client reconciles. Set it before {@link #start()}.
     */
    public void onConnected(java.util.function.LongConsumer callback) {
        this.onConnected = Objects.requireNonNull(callback, "callback");
    }

    /** True while the socket is open. */
    public boolean isConnected() {
        return connected;
    }

    /** Events handed to the listener so far. */
    public long eventsDelivered() {
        return eventsDelivered;
    }

    /** Socket connections opened so far (1 + reconnects). */
    public long connects() {
        return connects;
    }

    /** The key manager (keep-alive counters; tests drive {@link ListenKeyManager#tick()}). */
    public ListenKeyManager keys() {
        return keys;
    }

    @Override
    public void close() {
        WebSocket w;
        synchronized (this) {
            if (closed) return;
            closed = true;
            generation++;
            w = ws;
            ws = null;
        }
        connected = false;
        if (w != null) {
            w.close(1000, "closing");
            w.cancel();
        }
        timer.shutdownNow();
        keys.close();
        reader.interrupt();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private void onNewKey(String fresh) {
        WebSocket old;
        synchronized (this) {
            if (closed) return;
            key = fresh;
            generation++;
            old = ws;
            ws = null;
            connected = false;
        }
        if (old != null) old.cancel();
        LOG.info("user-data {} stream reconnecting with a new listenKey", market);
        submitConnect(0);
    }

    private synchronized void connect() {
        if (closed || ws != null || key == null) return;
        int gen = ++generation;
        gotMessage = false;
        connects++;
        ws = client.newWebSocket(new Request.Builder().url(wsBase + "/ws/" + key).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                if (gen != generation) return;
                connected = true;
                long n = connects;
                inbox.add(() -> onConnected.accept(n)); // in frame order, on the reader thread
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                if (gen != generation) return;
                inbox.add(() -> deliver(gen, text));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                dropped(gen, "closed by server (" + code + ")");
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                dropped(gen, "closed (" + code + ")");
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                dropped(gen, "failed: " + t.getClass().getSimpleName());
            }
        });
    }

    private void dropped(int gen, String why) {
        long delay;
        synchronized (this) {
            if (gen != generation || closed) return;
            generation++;
            WebSocket w = ws;
            ws = null;
            connected = false;
            if (w != null) w.cancel();
            delay = Math.max(1, (long) (backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
            backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
        }
        LOG.info("user-data {} stream {}; reconnecting in {} ms", market, why, delay);
        submitConnect(delay);
    }

    private void submitConnect(long delayMs) {
        try {
            timer.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void readLoop() {
        while (!closed) {
            try {
                inbox.take().run();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("user-data {} frame failed: {}", market, e.toString());
            }
        }
    }

    private void deliver(int gen, String text) {
        synchronized (this) {
            if (gen != generation || closed) return;
            if (!gotMessage) {
                gotMessage = true;
                backoffMs = initialBackoffMs;
            }
        }
        UserDataEvent event = parser.parse(market, text);
        if ("listenKeyExpired".equals(event.eventType())) {
            timer.execute(keys::onListenKeyExpired); // re-create off the reader thread; onNewKey reconnects
        }
        eventsDelivered++;
        listener.accept(event);
    }
}
