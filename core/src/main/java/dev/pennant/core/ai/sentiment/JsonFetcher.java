package dev.pennant.core.ai.sentiment;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Reads a JSON document by path: over HTTP from a base URL, or from recorded files (tests, offline replays). */
@FunctionalInterface
public interface JsonFetcher {

    /**
     * The body at {@code pathAndQuery}, e.g. {@code /futures/data/takerlongshortRatio?symbol=BTCUSDT&period=5m}.
     *
     * @throws IOException when it cannot be read (the message names the path)
     */
    String get(String pathAndQuery) throws IOException;

    /** GET {@code baseUrl + pathAndQuery} with the JDK client (10 s timeout); non-200 is an error. */
    static JsonFetcher http(String baseUrl) {
        HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        return p -> {
            try {
                HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(baseUrl + p))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode() + " for " + p.split("\\?")[0]);
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        };
    }

    /** Recorded files: path (without query) → file. */
    static JsonFetcher files(Map<String, Path> byPath) {
        return p -> {
            Path f = byPath.get(p.split("\\?")[0]);
            if (f == null) throw new IOException("no recorded response for " + p.split("\\?")[0]);
            return Files.readString(f, StandardCharsets.UTF_8);
        };
    }
}
