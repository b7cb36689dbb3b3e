package dev.pennant.core.marketdata.importer;

import com.sun.net.httpserver.HttpServer;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Downloads from a loopback stand-in for data.binance.vision serving zips built from the real shared data. */
class BinanceVisionDownloaderTest {

    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger zipRequests = new AtomicInteger();
    private URI base;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath().substring(1);
            byte[] body = files.get(path);
            if (path.endsWith(".zip")) {
                zipRequests.incrementAndGet();
            }
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** Publishes {@code f} with the bytes of a zip of {@code lines} and a checksum of {@code checksumOf} bytes. */
    private void publish(DumpFile f, List<String> lines, boolean badChecksum) throws IOException {
        Path z = DumpFiles.zip(dir.resolve("build"), f.fileName().replace(".zip", ""), lines);
        byte[] bytes = Files.readAllBytes(z);
        String sha = DumpImporter.sha256(z);
        if (badChecksum) {
            sha = (sha.charAt(0) == '0' ? "1" : "0") + sha.substring(1);
        }
        files.put(f.path(), bytes);
        files.put(f.path() + ".CHECKSUM", (sha + "  " + f.fileName() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void verifiedMonthlyFilesDownloadOnceAndImportAndABadChecksumIsRefused() throws Exception {
        List<DumpFile> months = DumpFile.monthly(Market.SPOT, DataKind.KLINES, "BTCUSDT", Interval.H1,
                YearMonth.of(2023, 1), YearMonth.of(2023, 2));
        assertThat(months.get(0).path()).isEqualTo("data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2023-01.zip");
        for (DumpFile f : months) {
            List<String> lines = DumpFiles.lines("spot/klines/BTCUSDT/monthly/" + f.fileName().replace(".zip", ".csv.gz"));
            publish(f, lines.subList(1, lines.size()), false); // official spot files: no header
        }
        BinanceVisionDownloader dl = new BinanceVisionDownloader(base, dir.resolve("downloads"));
        BinanceVisionDownloader.Download d1 = dl.fetch(months.get(0));
        assertThat(d1.cached()).isFalse();
        assertThat(d1.file()).isEqualTo(dir.resolve("downloads").resolve(months.get(0).path()));
        assertThat(DumpImporter.sha256(d1.file())).isEqualTo(d1.sha256());
        assertThat(dl.fetch(months.get(0)).cached()).isTrue();  // verified against the CHECKSUM, not fetched again
        BinanceVisionDownloader.Download d2 = dl.fetch(months.get(1));
        assertThat(zipRequests.get()).isEqualTo(2);

        try (HistoryStore store = HistoryStore.open(dir.resolve("db"))) {
            DumpImporter imp = new DumpImporter(store.dataSource(), () -> 0L, 1000);
            long rows = 0;
            for (Path f : List.of(d1.file(), d2.file())) {
                rows += imp.importFile(f, DumpImporter.Options.infer(), new ImportListener() { }).newRows();
            }
            assertThat(rows).isEqualTo(744 + 672);
        }

        DumpFile bad = new DumpFile(Market.USDM_FUTURES, DataKind.KLINES, "BTCUSDT", Interval.H1, "2023-03");
        List<String> mar = DumpFiles.lines("spot/klines/BTCUSDT/monthly/BTCUSDT-1h-2023-03.csv.gz");
        publish(bad, mar, true);
        assertThatThrownBy(() -> dl.fetch(bad)).isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("BTCUSDT-1h-2023-03.zip: checksum mismatch");
        Path target = dir.resolve("downloads").resolve(bad.path());
        assertThat(target).doesNotExist();
        assertThat(target.resolveSibling(target.getFileName() + ".part")).doesNotExist();

        DumpFile missing = new DumpFile(Market.SPOT, DataKind.AGG_TRADES, "BTCUSDT", null, "2023-04-01");
        assertThat(missing.path()).isEqualTo("data/spot/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2023-04-01.zip");
        assertThatThrownBy(() -> dl.fetch(missing)).isInstanceOf(IOException.class)
                .hasMessageContaining("BTCUSDT-aggTrades-2023-04-01.zip.CHECKSUM: HTTP 404 (not published");
    }
}
