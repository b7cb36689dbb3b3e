package dev.pennant.core.testkit;

import dev.pennant.core.model.Bar;
import okhttp3.HttpUrl;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fakes the Binance kline market data a live source reads, as the request handler of a {@link LoopbackServer}
 * (127.0.0.1 only): {@code <rest>/ping}, {@code <rest>/klines} answered from a recorded bar history up to the
 * "forming" bar {@link #now}, and the kline stream WebSocket, whose server sides are handed to the test through
 * {@link #sockets} so it can push {@link KlineJson#streamEvent events}. Anything else gets Binance's 404 error body.
 */
public final class FakeKlineExchange {

    /** Index of the forming bar on the "exchange": bars before it are closed. */
    public final AtomicInteger now = new AtomicInteger();
    /** Server side of each kline stream the client opened, in order. */
    public final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
    /** Paths of the kline streams the client opened. */
    public final List<String> streamPaths = new CopyOnWriteArrayList<>();
    /** URLs of the klines REST requests. */
    public final List<HttpUrl> klineCalls = new CopyOnWriteArrayList<>();
    /** When set, the klines request answers an empty array. */
    public volatile boolean emptyKlines;

    private final String restPrefix;
    private final String streamPathPrefix;
    private final List<Bar> history;

    /**
     * @param restPrefix       "/api/v3" (spot) or "/fapi/v1" (USDⓈ-M futures)
     * @param streamPathPrefix the kline stream paths accepted, e.g. "/ws/btcusdt@kline_1m"
     * @param history          consecutive closed bars; index {@link #now} is the one forming
     */
    public FakeKlineExchange(String restPrefix, String streamPathPrefix, List<Bar> history) {
        this.restPrefix = restPrefix;
        this.streamPathPrefix = streamPathPrefix;
        this.history = history;
    }

    /** The request handler: pass as {@code exchange::dispatch} to {@link LoopbackServer}. */
    public MockResponse dispatch(RecordedRequest request) {
        HttpUrl url = request.getRequestUrl();
        String path = url == null ? "" : url.encodedPath();
        if (path.equals(restPrefix + "/ping")) {
            return new MockResponse().setBody("{}");
        }
        if (path.equals(restPrefix + "/klines")) {
            klineCalls.add(url);
            return new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(emptyKlines ? "[]" : KlineJson.restRows(klines(url)));
        }
        if (path.startsWith(streamPathPrefix)) {
            streamPaths.add(path);
            return LoopbackServer.webSocket(sockets::add);
        }
        return new MockResponse().setResponseCode(404).setBody("{\"code\":-1,\"msg\":\"no " + path + "\"}");
    }

    /** The next kline stream the client opened, waiting up to {@code timeout}; fails "{@code as}" when none came. */
    public WebSocket nextSocket(Duration timeout, String as) throws InterruptedException {
        WebSocket ws = sockets.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ws).as(as).isNotNull();
        return ws;
    }

    /** The bars Binance answers: the latest {@code limit} up to the forming one, or from startTime (to endTime). */
    private List<Bar> klines(HttpUrl url) {
        int limit = Integer.parseInt(url.queryParameter("limit"));
        String start = url.queryParameter("startTime");
        String end = url.queryParameter("endTime");
        int forming = now.get();
        List<Bar> rows = new ArrayList<>();
        if (start == null) {
            for (int i = Math.max(0, forming + 1 - limit); i <= forming; i++) {
                rows.add(history.get(i));
            }
        } else {
            long from = Long.parseLong(start);
            long to = end == null ? Long.MAX_VALUE : Long.parseLong(end);
            for (int i = 0; i <= forming && rows.size() < limit; i++) {
                Bar b = history.get(i);
                if (b.openTime() >= from && b.openTime() <= to) {
                    rows.add(b);
                }
            }
        }
        return rows;
    }
}
