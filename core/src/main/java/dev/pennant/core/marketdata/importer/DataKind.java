package dev.pennant.core.marketdata.importer;

import java.nio.file.Path;
import java.util.Locale;

/** What a Binance public data file holds, as data.binance.vision names it ({@code klines}, {@code aggTrades}, {@code trades}). */
public enum DataKind {
    /** Candlesticks: table {@code market_bar}. */
    KLINES("klines", "market_bar"),
    /** Aggregate trades: table {@code market_agg_trade}. */
    AGG_TRADES("aggTrades", "market_agg_trade"),
    /** Individual trades: table {@code market_trade}. */
    TRADES("trades", "market_trade");

    private final String path;
    private final String table;

    DataKind(String path, String table) {
        this.path = path;
        this.table = table;
    }

    /** The data.binance.vision path segment and file-name token: {@code klines}, {@code aggTrades}, {@code trades}. */
    public String pathSegment() {
        return path;
    }

    /** The V7 table the rows go to. */
    public String table() {
        return table;
    }

    /**
     * Parses {@code klines}, {@code aggTrades} / {@code agg-trades} / {@code agg_trades}, {@code trades}
     * (case-insensitive).
     *
     * @throws IllegalArgumentException {@code kind must be one of klines, aggTrades, trades; was <value>}
     */
    public static DataKind parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "klines", "kline", "bars" -> KLINES;
            case "aggtrades", "aggtrade" -> AGG_TRADES;
            case "trades", "trade" -> TRADES;
            default -> throw new IllegalArgumentException("kind must be one of klines, aggTrades, trades; was " + value);
        };
    }

    /**
     * The kind a file name shows ({@code BTCUSDT-aggTrades-2024-01-01.zip}, {@code BTCUSDT-trades-...}), else
     * {@link #KLINES} (a kline name carries its interval instead: {@code BTCUSDT-1m-2024-01.zip}).
     */
    public static DataKind fromName(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.contains("-aggtrades-") || n.contains("_aggtrades")) {
            return AGG_TRADES;
        }
        if (n.contains("-trades-") || n.contains("_trades")) {
            return TRADES;
        }
        return KLINES;
    }
}
