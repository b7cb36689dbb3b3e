package dev.pennant.ui;

import dev.pennant.core.model.Interval;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the terminal window starts.
 *
 * @param dataDir  user data directory (history database)
 * @param replay   a kline file or folder to replay, or {@code null} for live Binance market data
 * @param speed    replay speed, multiple of real time (0 = max)
 * @param symbol   e.g. {@code BTCUSDT}
 * @param interval bar interval
 * @param exchangeUrl base REST URL of a Binance-compatible exchange (e.g. the local simulator
 *                    {@code http://127.0.0.1:18080}; WebSocket at the same host with ws/wss), or {@code null} for Binance
 */
public record TerminalOptions(Path dataDir, Path replay, double speed, String symbol, Interval interval,
                              String exchangeUrl) {

    /** Without an exchange URL (Binance's defaults). */
    public TerminalOptions(Path dataDir, Path replay, double speed, String symbol, Interval interval) {
        this(dataDir, replay, speed, symbol, interval, null);
    }

    /** @throws NullPointerException naming the missing field; IllegalArgumentException for a negative speed */
    public TerminalOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = max), was " + speed);
        }
    }
}
