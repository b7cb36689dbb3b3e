package dev.pennant.core.vault;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Loopback stand-in for {@code /sapi/v1/account/apiRestrictions}: checks key header, HMAC signature and timestamp. */
final class FakeBinance implements AutoCloseable {
    final HttpServer server;
    final String apiKey;
    final String secret;
    final String body;
    final List<String> queries = new CopyOnWriteArrayList<>();
    volatile boolean echoKeyInErrors;

    FakeBinance(String apiKey, String secret, String body) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        this.body = body;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(ApiRestrictionsClient.PATH, ex -> {
            String q = ex.getRequestURI().getRawQuery();
            queries.add(q);
            int status = 200;
            String out = body;
            String key = ex.getRequestHeaders().getFirst("X-MBX-APIKEY");
            int sig = q == null ? -1 : q.lastIndexOf("&signature=");
            if (!"GET".equals(ex.getRequestMethod())) {
                status = 405;
                out = "{}";
            } else if (!apiKey.equals(key)) {
                status = 401;
                out = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action"
                        + (echoKeyInErrors ? " " + key : "") + ".\"}";
            } else if (sig < 0 || !ApiRestrictionsClient.sign(q.substring(0, sig), secret.toCharArray())
                    .equals(q.substring(sig + "&signature=".length()))) {
                status = 400;
                out = "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}";
            } else {
                long ts = -1;
                long window = 5000;
                for (String kv : q.substring(0, sig).split("&")) {
                    if (kv.startsWith("timestamp=")) ts = Long.parseLong(kv.substring(10));
                    if (kv.startsWith("recvWindow=")) window = Long.parseLong(kv.substring(11));
                }
                long now = System.currentTimeMillis();
                if (ts < 0 || ts > now + 1000 || now - ts > window) {
                    status = 400;
                    out = "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}";
                }
            }
            byte[] b = out.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, b.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(b);
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
