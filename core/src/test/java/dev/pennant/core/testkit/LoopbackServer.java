package dev.pennant.core.testkit;

import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A fake exchange endpoint for tests: an OkHttp {@link MockWebServer} bound to the loopback address 127.0.0.1 only
 * (never a public interface), answering every request with the test's own {@code handler}. Also: a port nobody
 * listens on, and a WebSocket upgrade that hands the server side of each socket to the test.
 */
public final class LoopbackServer {

    private LoopbackServer() {
    }

    /** Starts a server on 127.0.0.1 on any free port, each request answered by {@code handler}. */
    public static MockWebServer start(Function<RecordedRequest, MockResponse> handler) throws IOException {
        MockWebServer server = withHandler(handler);
        server.start(InetAddress.getByName("127.0.0.1"), 0);
        return server;
    }

    /**
     * Starts a server on 127.0.0.1:{@code port} (0 = a free one), retrying for up to 10 s while the port is still
     * taken, so a test can stop a server and start a new one on the same port. An explicit port makes MockWebServer
     * set SO_REUSEADDR, which lets a restarted server bind the same port (on Linux both the old and the new socket
     * need it to reuse a port with connections in TIME_WAIT).
     */
    public static MockWebServer startOnPort(Function<RecordedRequest, MockResponse> handler, int port)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            // a new server per attempt: MockWebServer.start() marks the server started before binding, so a second
            // start() of one that failed to bind throws "start() already called" instead of retrying
            MockWebServer server = withHandler(handler);
            int p = port == 0 ? closedPort() : port; // port 0: another free port if someone took the last one
            try {
                server.start(InetAddress.getByName("127.0.0.1"), p);
                return server;
            } catch (BindException e) {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // never bound: nothing to release
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A loopback port that was free a moment ago and has no listener now (connections to it are refused). */
    public static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    /**
     * Upgrades the request to a WebSocket: {@code onOpen} gets the server side of each socket (to push frames from
     * the test), and a close from the client is answered, completing the close handshake as Binance does.
     */
    public static MockResponse webSocket(Consumer<WebSocket> onOpen) {
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                onOpen.accept(webSocket);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                webSocket.close(1000, null);
            }
        });
    }

    private static MockWebServer withHandler(Function<RecordedRequest, MockResponse> handler) {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return handler.apply(request);
            }
        });
        return server;
    }
}
