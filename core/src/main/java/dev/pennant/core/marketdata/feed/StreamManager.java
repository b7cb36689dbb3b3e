package dev.pennant.core.marketdata.feed;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Binance combined-stream WebSocket connections ({@code <base>/stream?streams=a/b/c}) for many streams at once,
 * within Binance's documented limits (spot "WebSocket Streams", USDⓈ-M "Websocket Market Streams"):
 * <ul>
 *   <li>at most 1024 streams per connection ({@link Options#maxStreamsPerConnection}): a new connection is opened
 *       when every connection is full;</li>
 *   <li>at most 5 incoming messages per second per connection — Pennant's {@code SUBSCRIBE}/{@code UNSUBSCRIBE}
 *       messages are paced to {@link Options#maxMessagesPerSecond} per connection (a sliding one-second window plus a
 *       small margin); exceeding it makes Binance close with code 1008;</li>
 *   <li>at most 300 connection attempts per 5 minutes per IP ({@link Options#maxConnectsPerWindow}); beyond that a
 *       (re)connect waits for the window.</li>
 * </ul>
 * The first {@link Options#maxUrlStreams} streams of a connection go in its URL, the rest (and later additions) by
 * {@code SUBSCRIBE}; a reconnect puts the current set back in the URL and subscribes the remainder.
 *
 * <p><b>Threads.</b> Each connection has one reader thread ({@code streams-<name>-<n>}) that receives its frames in
 * order and calls the stream's {@link FrameHandler} — parsing happens there, never on the FX thread. Connect,
 * reconnect, pacing and the watchdog run on one timer thread. Thread-safe.
 *
 * <p><b>Reconnect.</b> On any close or failure — Binance's forced disconnect after 24 h, code 1008, a network error,
 * or the watchdog finding a connection silent for {@link Options#deadAfter} — the connection reconnects after a
 * jittered (±20 %) exponential backoff from {@link Options#initialBackoff} doubling to {@link Options#maxBackoff}; the
 * backoff resets once the new connection delivers a frame. OkHttp pings every {@link Options#pingInterval} and fails
 * the socket when the pong does not come back.
 *
 * <p><b>Health.</b> {@link #health()}: per stream CONNECTING (not yet subscribed, or reconnecting), CONNECTED,
 * LAGGING (subscribed but silent for {@link Options#lagAfter}), RESYNCING (set by the stream's consumer with
 * {@link #setSyncing}, e.g. an order book fetching a new snapshot) and CLOSED (after {@link #close()}).
 *
 * <p>Uses its own OkHttp client (the library the Binance connectors use): the connectors' WebSocket client cannot send
 * SUBSCRIBE/UNSUBSCRIBE messages (see docs/decisions/0008-binance-http-transport.md).
 */
public final class StreamManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamManager.class);
    // Binance counts the 5 messages/s where they arrive: a margin of a quarter second keeps a message delayed on the
    // way (OkHttp's writer queue, a busy machine) from landing six in one second and getting the connection closed.
    private static final long PACE_MARGIN_MS = 250;

    /** Receives the frames of one stream, on the connection's reader thread; must not block for long. */
    @FunctionalInterface
    public interface FrameHandler {
        /**
         * @param stream the stream name as subscribed
         * @param frame  the combined-stream frame {@code {"stream":..,"data":..}}, verbatim
         */
        void onFrame(String stream, String frame);
    }

    /**
     * Limits and timings.
     *
     * @param maxStreamsPerConnection Binance: 1024
     * @param maxMessagesPerSecond    Binance: 5 incoming messages per second per connection
     * @param maxConnectsPerWindow    Binance: 300 connections per 5 minutes per IP
     * @param connectWindow           the window of {@code maxConnectsPerWindow}
     * @param maxUrlStreams           streams put in the connection URL (keeps the URL short); the rest is subscribed
     * @param maxParamsPerMessage     streams per SUBSCRIBE/UNSUBSCRIBE message
     * @param initialBackoff          first reconnect delay
     * @param maxBackoff              largest reconnect delay
     * @param lagAfter                a subscribed stream silent this long is LAGGING
     * @param deadAfter               a connection silent this long is reconnected
     * @param pingInterval            WebSocket ping period (0 = none)
     */
    public record Options(int maxStreamsPerConnection, int maxMessagesPerSecond, int maxConnectsPerWindow,
                          Duration connectWindow, int maxUrlStreams, int maxParamsPerMessage, Duration initialBackoff,
                          Duration maxBackoff, Duration lagAfter, Duration deadAfter, Duration pingInterval) {

        /** Binance's limits; reconnect 1 s → 30 s; LAGGING after 30 s; dead after 90 s; ping every 20 s. */
        public static Options defaults() {
            return new Options(1024, 5, 300, Duration.ofMinutes(5), 100, 200, Duration.ofSeconds(1),
                    Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(20));
        }

        /** These options with other reconnect backoff bounds. */
        public Options withBackoff(Duration initial, Duration max) {
            return new Options(maxStreamsPerConnection, maxMessagesPerSecond, maxConnectsPerWindow, connectWindow,
                    maxUrlStreams, maxParamsPerMessage, initial, max, lagAfter, deadAfter, pingInterval);
        }

        /** These options with other stream/message batching figures. */
        public Options withBatching(int maxUrlStreams, int maxParamsPerMessage) {
            return new Options(maxStreamsPerConnection, maxMessagesPerSecond, maxConnectsPerWindow, connectWindow,
                    maxUrlStreams, maxParamsPerMessage, initialBackoff, maxBackoff, lagAfter, deadAfter, pingInterval);
        }

        /** These options with other silence limits. */
        public Options withSilence(Duration lagAfter, Duration deadAfter) {
            return new Options(maxStreamsPerConnection, maxMessagesPerSecond, maxConnectsPerWindow, connectWindow,
                    maxUrlStreams, maxParamsPerMessage, initialBackoff, maxBackoff, lagAfter, deadAfter, pingInterval);
        }

        /** @throws IllegalArgumentException on a non-positive limit */
        public Options {
            if (maxStreamsPerConnection <= 0 || maxMessagesPerSecond <= 0 || maxConnectsPerWindow <= 0
                    || maxUrlStreams <= 0 || maxParamsPerMessage <= 0) {
                throw new IllegalArgumentException("stream limits must be positive");
            }
        }
    }

    private final class Entry {
        final String name;
        volatile FrameHandler handler;
        final Conn conn;
        final long subscribedAt = System.currentTimeMillis();
        volatile long lastMessage;
        volatile String syncDetail; // non-null: RESYNCING

        Entry(String name, FrameHandler handler, Conn conn) {
            this.name = name;
            this.handler = handler;
            this.conn = conn;
        }
    }

    private final class Conn {
        final int id;
        final LinkedHashSet<String> desired = new LinkedHashSet<>();
        final LinkedHashSet<String> active = new LinkedHashSet<>();
        final ArrayDeque<Long> sent = new ArrayDeque<>();
        final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
        final Thread reader;
        WebSocket ws;
        int generation;
        boolean open;
        boolean connectScheduled;
        boolean pumpScheduled;
        boolean gotMessage;
        volatile boolean retired;
        long backoffMs = initialBackoffMs;
        volatile long lastFrameNanos = System.nanoTime();
        String detail = "connecting";
        int nextMessageId = 1;

        Conn(int id) {
            this.id = id;
            this.reader = Thread.ofPlatform().daemon().name("streams-" + name + "-" + id).start(this::readLoop);
        }

        private void readLoop() {
            while (!closed && !retired) {
                try {
                    inbox.take().run();
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("stream handler failed on {}: {}", name, e.toString());
                }
            }
        }
    }

    private final String baseUrl;
    private final String name;
    private final Options options;
    private final long initialBackoffMs;
    private final OkHttpClient client;
    private final ScheduledThreadPoolExecutor timer;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<Conn> conns = new ArrayList<>();
    private final ArrayDeque<Long> connectTimes = new ArrayDeque<>();
    private int nextConnId = 1;
    private long messagesSent;
    private long connectsMade;
    private volatile boolean closed;

    /**
     * @param wsBaseUrl e.g. {@code wss://stream.binance.com:9443} or {@code ws://127.0.0.1:18080}; {@code /stream} is
     *                  appended
     * @param name      short label for thread names and logs, e.g. {@code spot}
     */
    public StreamManager(String wsBaseUrl, String name, Options options) {
        this.baseUrl = Objects.requireNonNull(wsBaseUrl, "wsBaseUrl").replaceAll("/+$", "");
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.initialBackoffMs = Math.max(1, options.initialBackoff().toMillis());
        OkHttpClient.Builder b = new OkHttpClient.Builder().readTimeout(0, TimeUnit.MILLISECONDS)
                .connectTimeout(10, TimeUnit.SECONDS);
        if (!options.pingInterval().isZero()) b.pingInterval(options.pingInterval());
        this.client = b.build();
        this.timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("streams-" + name + "-timer")
                .factory());
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long period = Math.max(10, Math.min(options.deadAfter().toMillis(), 5_000) / 4);
        timer.scheduleWithFixedDelay(this::watchdog, period, period, TimeUnit.MILLISECONDS);
    }

    /** With {@link Options#defaults()}. */
    public StreamManager(String wsBaseUrl, String name) {
        this(wsBaseUrl, name, Options.defaults());
    }

    /**
     * Subscribes {@code stream} (e.g. {@code btcusdt@depth@100ms}, {@code !ticker@arr}); a second call for the same
     * stream replaces its handler. Returns at once; the connection/subscription follows on the timer thread.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized void subscribe(String stream, FrameHandler handler) {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(handler, "handler");
        if (closed) throw new IllegalStateException("stream manager closed");
        Entry existing = entries.get(stream);
        if (existing != null) {
            existing.handler = handler;
            return;
        }
        Conn conn = null;
        for (Conn c : conns) {
            if (c.desired.size() < options.maxStreamsPerConnection()) {
                conn = c;
                break;
            }
        }
        if (conn == null) {
            conn = new Conn(nextConnId++);
            conns.add(conn);
        }
        conn.desired.add(stream);
        entries.put(stream, new Entry(stream, handler, conn));
        if (conn.open) schedulePump(conn, 0);
        else if (conn.ws == null) scheduleConnect(conn, 0);
    }

    /** Unsubscribes {@code stream}; a connection left without streams is closed. No-op for an unknown stream. */
    public synchronized void unsubscribe(String stream) {
        Entry e = entries.remove(stream);
        if (e == null) return;
        Conn c = e.conn;
        c.desired.remove(stream);
        if (c.desired.isEmpty()) {
            retire(c);
        } else if (c.open) {
            schedulePump(c, 0);
        }
    }

    /**
     * Marks {@code stream} as resyncing (its consumer is rebuilding state, e.g. an order book fetching a snapshot), or
     * clears the mark with {@code detail == null}.
     */
    public void setSyncing(String stream, String detail) {
        Entry e;
        synchronized (this) {
            e = entries.get(stream);
        }
        if (e != null) e.syncDetail = detail;
    }

    /** Health of every subscribed stream, in subscription order. */
    public synchronized List<StreamHealth> health() {
        long now = System.currentTimeMillis();
        long lag = options.lagAfter().toMillis();
        List<StreamHealth> out = new ArrayList<>(entries.size());
        for (Entry e : entries.values()) {
            Conn c = e.conn;
            long last = e.lastMessage;
            StreamHealth.State state;
            String detail = "";
            if (closed) {
                state = StreamHealth.State.CLOSED;
                detail = "closed";
            } else if (!c.open) {
                state = StreamHealth.State.CONNECTING;
                detail = c.detail;
            } else if (!c.active.contains(e.name)) {
                state = StreamHealth.State.CONNECTING;
                detail = "subscribing";
            } else if (e.syncDetail != null) {
                state = StreamHealth.State.RESYNCING;
                detail = e.syncDetail;
            } else if (now - Math.max(last, e.subscribedAt) > lag) {
                state = StreamHealth.State.LAGGING;
                detail = last == 0 ? "no data yet after " + (now - e.subscribedAt) / 1000 + " s"
                        : "no data for " + (now - last) / 1000 + " s";
            } else {
                state = StreamHealth.State.CONNECTED;
            }
            out.add(new StreamHealth(e.name, state, last, detail));
        }
        return out;
    }

    /** Open (or connecting) connections. */
    public synchronized int connectionCount() {
        return conns.size();
    }

    /** Streams per connection, in connection order (for tests and diagnostics). */
    public synchronized List<Integer> streamsPerConnection() {
        return conns.stream().map(c -> c.desired.size()).toList();
    }

    /** SUBSCRIBE/UNSUBSCRIBE messages sent so far. */
    public synchronized long messagesSent() {
        return messagesSent;
    }

    /** Connection attempts made so far (initial and reconnects). */
    public synchronized long connectsMade() {
        return connectsMade;
    }

    /** Closes every connection and thread; idempotent. */
    @Override
    public void close() {
        List<Conn> all;
        synchronized (this) {
            if (closed) return;
            closed = true;
            all = new ArrayList<>(conns);
        }
        for (Conn c : all) {
            WebSocket ws = c.ws;
            if (ws != null) {
                ws.close(1000, "closing");
                ws.cancel();
            }
            c.reader.interrupt();
        }
        timer.shutdownNow();
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    // ---- connection lifecycle (timer thread, under the lock) -------------------------------------------------------

    private void scheduleConnect(Conn c, long delayMs) {
        if (c.connectScheduled || closed || c.retired) return;
        c.connectScheduled = true;
        try {
            timer.schedule(() -> connect(c), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private synchronized void connect(Conn c) {
        c.connectScheduled = false;
        if (closed || c.retired || c.ws != null || c.desired.isEmpty()) return;
        long now = System.currentTimeMillis();
        long window = options.connectWindow().toMillis();
        while (!connectTimes.isEmpty() && connectTimes.peekFirst() <= now - window) connectTimes.pollFirst();
        if (connectTimes.size() >= options.maxConnectsPerWindow()) {
            long wait = connectTimes.peekFirst() + window - now + 1;
            c.detail = "waiting " + wait / 1000 + " s: " + options.maxConnectsPerWindow() + " connections per "
                    + options.connectWindow().toMinutes() + " min reached";
            scheduleConnect(c, wait);
            return;
        }
        connectTimes.addLast(now);
        connectsMade++;
        List<String> urlStreams = c.desired.stream().limit(options.maxUrlStreams()).toList();
        String url = baseUrl + "/stream?streams=" + String.join("/", urlStreams);
        int gen = ++c.generation;
        c.detail = "connecting";
        c.ws = client.newWebSocket(new Request.Builder().url(url).build(), new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                opened(c, gen, urlStreams);
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                if (gen != c.generation) return;
                c.lastFrameNanos = System.nanoTime();
                c.inbox.add(() -> route(c, text));
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
                dropped(c, gen, "closed by server (" + code + (reason == null || reason.isBlank() ? "" : " " + reason)
                        + (code == 1008 ? ": too many messages or a policy violation" : "") + ")");
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                dropped(c, gen, "closed (" + code + ")");
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                dropped(c, gen, "connection failed: " + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : " " + t.getMessage())
                        + (response == null ? "" : " (HTTP " + response.code() + ")"));
            }
        });
    }

    private synchronized void opened(Conn c, int gen, List<String> urlStreams) {
        if (gen != c.generation || closed || c.retired) return;
        c.open = true;
        c.detail = "";
        c.active.clear();
        c.active.addAll(urlStreams);
        c.lastFrameNanos = System.nanoTime();
        c.sent.clear();
        schedulePump(c, 0);
    }

    private synchronized void dropped(Conn c, int gen, String reason) {
        if (gen != c.generation || closed || c.retired) return;
        c.generation++;
        WebSocket ws = c.ws;
        c.ws = null;
        c.open = false;
        c.active.clear();
        c.gotMessage = false;
        if (ws != null) ws.cancel();
        long delay = Math.max(1, (long) (c.backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
        c.backoffMs = Math.min(Math.max(initialBackoffMs, options.maxBackoff().toMillis()), c.backoffMs * 2);
        c.detail = reason + "; reconnecting in " + formatDelay(delay);
        LOG.warn("{} streams connection {}: {}", name, c.id, c.detail); // one line per drop, with the reason
        scheduleConnect(c, delay);
    }

    private void retire(Conn c) {
        c.retired = true;
        c.generation++;
        conns.remove(c);
        WebSocket ws = c.ws;
        c.ws = null;
        if (ws != null) ws.close(1000, "no streams left");
        c.reader.interrupt();
    }

    private void schedulePump(Conn c, long delayMs) {
        if (c.pumpScheduled || closed) return;
        c.pumpScheduled = true;
        try {
            timer.schedule(() -> pump(c), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    /** Sends pending UNSUBSCRIBE then SUBSCRIBE messages, at most {@code maxMessagesPerSecond} per second. */
    private synchronized void pump(Conn c) {
        c.pumpScheduled = false;
        if (closed || c.retired || !c.open || c.ws == null) return;
        while (true) {
            List<String> unsub = new ArrayList<>();
            for (String s : c.active) {
                if (!c.desired.contains(s) && unsub.size() < options.maxParamsPerMessage()) unsub.add(s);
            }
            List<String> sub = new ArrayList<>();
            if (unsub.isEmpty()) {
                for (String s : c.desired) {
                    if (!c.active.contains(s) && sub.size() < options.maxParamsPerMessage()) sub.add(s);
                }
            }
            if (unsub.isEmpty() && sub.isEmpty()) return;
            long now = System.nanoTime();
            long windowNanos = TimeUnit.MILLISECONDS.toNanos(1000 + PACE_MARGIN_MS);
            while (!c.sent.isEmpty() && now - c.sent.peekFirst() >= windowNanos) c.sent.pollFirst();
            if (c.sent.size() >= options.maxMessagesPerSecond()) {
                long waitNanos = c.sent.peekFirst() + windowNanos - now;
                schedulePump(c, Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1));
                return;
            }
            boolean isSub = !sub.isEmpty();
            List<String> params = isSub ? sub : unsub;
            StringBuilder msg = new StringBuilder("{\"method\":\"").append(isSub ? "SUBSCRIBE" : "UNSUBSCRIBE")
                    .append("\",\"params\":[");
            for (int i = 0; i < params.size(); i++) {
                if (i > 0) msg.append(',');
                msg.append('"').append(params.get(i)).append('"');
            }
            msg.append("],\"id\":").append(c.nextMessageId++).append('}');
            if (!c.ws.send(msg.toString())) return; // socket closing: the reconnect resubscribes
            c.sent.addLast(now);
            messagesSent++;
            if (isSub) c.active.addAll(params);
            else params.forEach(c.active::remove);
        }
    }

    // ---- reader threads -------------------------------------------------------------------------------------------

    private void route(Conn c, String frame) {
        if (!c.gotMessage) {
            synchronized (this) {
                c.gotMessage = true;
                c.backoffMs = initialBackoffMs;
            }
        }
        String stream = streamName(frame);
        if (stream == null) {
            if (frame.contains("\"error\"")) LOG.warn("{} stream control answer: {}", name, frame);
            return;
        }
        Entry e;
        synchronized (this) {
            e = entries.get(stream);
            if (e == null) {
                // a server may echo the name in another case (e.g. "!markprice@arr@1s" for "!markPrice@arr@1s")
                for (Entry x : entries.values()) {
                    if (x.conn == c && x.name.equalsIgnoreCase(stream)) {
                        e = x;
                        break;
                    }
                }
            }
        }
        if (e == null || e.conn != c) return; // unsubscribed meanwhile
        e.lastMessage = System.currentTimeMillis();
        e.handler.onFrame(stream, frame);
    }

    /** The {@code stream} of a combined frame (Binance writes it first), or null for control answers. */
    static String streamName(String frame) {
        String key = "\"stream\":\"";
        int i = frame.indexOf(key);
        if (i < 0 || i > 16) return null;
        int start = i + key.length();
        int end = frame.indexOf('"', start);
        return end < 0 ? null : frame.substring(start, end);
    }

    private void watchdog() {
        List<Conn> silent = new ArrayList<>();
        synchronized (this) {
            if (closed) return;
            long now = System.nanoTime();
            for (Conn c : conns) {
                if (c.open && now - c.lastFrameNanos > options.deadAfter().toNanos()) silent.add(c);
            }
        }
        for (Conn c : silent) {
            int gen;
            synchronized (this) {
                gen = c.generation;
            }
            dropped(c, gen, "no data for " + formatDelay(options.deadAfter().toMillis()));
        }
    }

    private static String formatDelay(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    @Override
    public String toString() {
        return "StreamManager[" + name + " " + baseUrl + "]";
    }
}
