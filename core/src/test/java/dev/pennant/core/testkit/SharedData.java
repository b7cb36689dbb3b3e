package dev.pennant.core.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real Binance data in {@code ../shared/data/binance} (never committed to the repo).
 *
 * <p>Order: system property {@code pennant.shared.dir} (set by the Maven build), then the first
 * {@code shared/} folder found beside the working directory or one of its parents.
 */
public final class SharedData {
    private SharedData() {
    }

    /** The {@code shared/data/binance} folder. @throws IllegalStateException when it cannot be found */
    public static Path binance() {
        String prop = System.getProperty("pennant.shared.dir");
        if (prop != null) {
            Path p = Path.of(prop).resolve("data/binance").normalize();
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve("shared/data/binance");
            if (Files.isDirectory(p)) {
                return p;
            }
            p = dir.resolveSibling("shared").resolve("data/binance");
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        throw new IllegalStateException("shared/data/binance not found: set -Dpennant.shared.dir=<path to shared>");
    }

    /** A file below {@code shared/data/binance}, e.g. {@code spot/klines/BTCUSDT/...}. */
    public static Path file(String relative) {
        Path p = binance().resolve(relative);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("missing shared data file " + p);
        }
        return p;
    }

    /** The 1m BTCUSDT file (2021-05-15 → 05-22, 12-column python-binance layout) most engine tests use. */
    public static Path btc1m() {
        return file("spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz");
    }
}
