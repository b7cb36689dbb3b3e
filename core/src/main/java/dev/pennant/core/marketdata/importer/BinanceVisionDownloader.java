package dev.pennant.core.marketdata.importer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Downloads data.binance.vision files ({@link DumpFile}) with the JDK HTTP client and verifies each against its
 * published {@code .CHECKSUM} ({@code <sha256-hex>  <file name>}). A file is written to {@code <dir>/<path>.part}
 * and moved into place only when its SHA-256 matches; a mismatch deletes it and throws
 * {@link ChecksumMismatchException}. A file already in place whose hash matches the published one is not fetched
 * again. Thread-safe.
 */
public final class BinanceVisionDownloader {

    /** data.binance.vision's site root. */
    public static final URI BINANCE_VISION = URI.create("https://data.binance.vision/");

    private final HttpClient http;
    private final URI base;
    private final Path dir;

    /**
     * @param base site root, e.g. {@link #BINANCE_VISION} or a loopback server in tests ({@code http://127.0.0.1:P/})
     * @param dir  where downloads go (their data.binance.vision paths below it)
     */
    public BinanceVisionDownloader(URI base, Path dir) {
        this.base = Objects.requireNonNull(base, "base").toString().endsWith("/") ? base : URI.create(base + "/");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * The outcome of one download.
     *
     * @param file   the verified local file
     * @param sha256 its SHA-256 (hex), equal to the published one
     * @param cached true when the file was already there and verified, so nothing was downloaded
     * @param bytes  size in bytes
     */
    public record Download(Path file, String sha256, boolean cached, long bytes) {
    }

    /**
     * Fetches {@code f} and its checksum, verifies, and returns the local file.
     *
     * @throws ChecksumMismatchException when the bytes do not hash to the published SHA-256
     * @throws IOException               naming the URL and HTTP status when either file is not published (404) or
     *                                   the server fails, or when the connection or the disk fails
     * @throws InterruptedException      when interrupted while waiting for the server
     */
    public Download fetch(DumpFile f) throws IOException, InterruptedException {
        URI url = base.resolve(f.path());
        String expected = expectedSha(URI.create(url + ".CHECKSUM"), f.fileName());
        Path target = dir.resolve(f.path());
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target) && DumpImporter.sha256(target).equals(expected)) {
            return new Download(target, expected, true, Files.size(target));
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        HttpResponse<Path> r = http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofFile(part));
        if (r.statusCode() != 200) {
            Files.deleteIfExists(part);
            throw new IOException(notPublished(url, r.statusCode()));
        }
        String actual = DumpImporter.sha256(part);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(part);
            throw new ChecksumMismatchException(f.fileName(), expected, actual);
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Download(target, actual, false, Files.size(target));
    }

    private String expectedSha(URI url, String fileName) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        if (r.statusCode() != 200) {
            throw new IOException(notPublished(url, r.statusCode()));
        }
        String body = r.body().strip();
        String[] parts = body.split("\\s+");
        String sha = parts.length > 0 ? parts[0].toLowerCase(Locale.ROOT) : "";
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new IOException(url + ": not a checksum file (expected '<sha256>  " + fileName + "')");
        }
        if (parts.length > 1 && !parts[parts.length - 1].equals(fileName)) {
            throw new IOException(url + ": checksum is for " + parts[parts.length - 1] + ", not " + fileName);
        }
        return sha;
    }

    private static String notPublished(URI url, int status) {
        return url + ": HTTP " + status + (status == 404 ? " (not published: check symbol, interval and date)" : "");
    }
}
