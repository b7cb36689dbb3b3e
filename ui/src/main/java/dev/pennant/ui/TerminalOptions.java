package dev.pennant.ui;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

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
 *                    {@code http://127.0.0.1:18080}; WebSocket at the same host with ws/wss), or {@code null} for Binance;
 *                    overrides the profile's URLs
 * @param profile     Binance environment, {@code mainnet} or {@code testnet} ({@code BinanceEndpoints.forProfile})
 * @param market      the market of the live chart: SPOT or USDM_FUTURES
 */
public record TerminalOptions(Path dataDir, Path replay, double speed, String symbol, Interval interval,
                              String exchangeUrl, String profile, Market market) {

    /** Without an exchange URL (Binance's defaults). */
    public TerminalOptions(Path dataDir, Path replay, double speed, String symbol, Interval interval) {
        this(dataDir, replay, speed, symbol, interval, null);
    }

    /** Mainnet spot. */
    public TerminalOptions(Path dataDir, Path replay, double speed, String symbol, Interval interval,
                           String exchangeUrl) {
        this(dataDir, replay, speed, symbol, interval, exchangeUrl, "mainnet", Market.SPOT);
    }

    /** @throws NullPointerException naming the missing field; IllegalArgumentException for a negative speed */
    public TerminalOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(market, "market");
        if (!profile.equals("mainnet") && !profile.equals("testnet")) {
            throw new IllegalArgumentException("profile must be mainnet or testnet, was " + profile);
        }
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = max), was " + speed);
        }
    }
}
