package dev.pennant.core.marketdata.parse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the raw recordings made by cryptofeed ({@code shared/data/binance/recordings/cryptofeed/*.txt[.gz]}):
 * WebSocket files hold {@code <receive epoch s>: <frame JSON>} per line after a {@code <url> <-> <time>} header;
 * HTTP files hold {@code <url> -> <receive epoch s>: <body JSON>}.
 */
public final class CryptofeedRecording {

    /** One recorded REST response. @param url request URL @param receivedAt epoch seconds @param body JSON body */
    public record HttpResponse(String url, double receivedAt, String body) {

        /** Value of query parameter {@code name} in {@link #url()}, or null. */
        public String queryParameter(String name) {
            int q = url.indexOf('?');
            if (q < 0) {
                return null;
            }
            for (String kv : url.substring(q + 1).split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0 && kv.substring(0, eq).equals(name)) {
                    return kv.substring(eq + 1);
                }
            }
            return null;
        }
    }

    private CryptofeedRecording() {
    }

    /**
     * The frames of a WebSocket recording, in file order, without receive times.
     *
     * @throws IOException when the file cannot be read or a line is not {@code <time>: <json>}
     */
    public static List<String> wsFrames(Path file) throws IOException {
        List<String> frames = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader r = open(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.contains(" <-> ")) {
                    continue;
                }
                int sep = line.indexOf(": ");
                if (sep < 0 || line.indexOf('{') < sep) {
                    throw new IOException(file.getFileName() + " line " + lineNo + ": expected '<epoch seconds>: <json>'");
                }
                frames.add(line.substring(sep + 2));
            }
        }
        return frames;
    }

    /**
     * The responses of an HTTP recording, in file order.
     *
     * @throws IOException when the file cannot be read or a line is not {@code <url> -> <time>: <json>}
     */
    public static List<HttpResponse> httpResponses(Path file) throws IOException {
        List<HttpResponse> out = new ArrayList<>();
        int lineNo = 0;
        try (BufferedReader r = open(file)) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                int arrow = line.indexOf(" -> ");
                int sep = arrow < 0 ? -1 : line.indexOf(": ", arrow);
                if (sep < 0) {
                    throw new IOException(file.getFileName() + " line " + lineNo + ": expected '<url> -> <epoch seconds>: <json>'");
                }
                double t = Double.parseDouble(line.substring(arrow + 4, sep));
                out.add(new HttpResponse(line.substring(0, arrow), t, line.substring(sep + 2)));
            }
        }
        return out;
    }

    private static BufferedReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }
}
