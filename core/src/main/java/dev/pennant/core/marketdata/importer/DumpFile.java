package dev.pennant.core.marketdata.importer;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One file published on data.binance.vision, e.g. {@code data/spot/monthly/klines/BTCUSDT/1m/BTCUSDT-1m-2024-01.zip}
 * or {@code data/futures/um/daily/aggTrades/BTCUSDT/BTCUSDT-aggTrades-2024-01-15.zip}; its checksum is the same path
 * plus {@code .CHECKSUM}.
 *
 * @param market   spot ({@code data/spot}) or USDⓈ-M ({@code data/futures/um})
 * @param kind     klines, aggTrades or trades
 * @param symbol   e.g. {@code BTCUSDT}
 * @param interval kline interval; {@code null} for trades
 * @param date     {@code yyyy-MM} for a monthly file, {@code yyyy-MM-dd} for a daily one (UTC)
 */
public record DumpFile(Market market, DataKind kind, String symbol, Interval interval, String date) {

    /**
     * Validates the fields.
     *
     * @throws IllegalArgumentException naming the field: klines without interval, a date that is neither
     *                                  {@code yyyy-MM} nor {@code yyyy-MM-dd}, a symbol not in upper-case letters
     *                                  and digits
     */
    public DumpFile {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(date, "date");
        if (!symbol.matches("[A-Z0-9]{2,30}")) {
            throw new IllegalArgumentException("symbol must be upper-case letters and digits, was '" + symbol + "'");
        }
        if (kind == DataKind.KLINES && interval == null) {
            throw new IllegalArgumentException("interval is required for klines");
        }
        if (!date.matches("\\d{4}-\\d{2}(-\\d{2})?")) {
            throw new IllegalArgumentException("date must be yyyy-MM (monthly) or yyyy-MM-dd (daily), was '" + date + "'");
        }
    }

    /** True for a daily file. */
    public boolean daily() {
        return date.length() == 10;
    }

    /** The file name: {@code BTCUSDT-1m-2024-01.zip}, {@code BTCUSDT-trades-2024-01-15.zip}. */
    public String fileName() {
        String token = kind == DataKind.KLINES ? interval.code() : kind.pathSegment();
        return symbol + "-" + token + "-" + date + ".zip";
    }

    /** The path below the site root, without a leading slash (see the record comment). */
    public String path() {
        String m = market == Market.SPOT ? "spot" : "futures/um";
        String sub = kind == DataKind.KLINES ? symbol + "/" + interval.code() : symbol;
        return "data/" + m + "/" + (daily() ? "daily" : "monthly") + "/" + kind.pathSegment() + "/" + sub + "/" + fileName();
    }

    /** Every monthly file from {@code from} to {@code to} (inclusive). */
    public static List<DumpFile> monthly(Market market, DataKind kind, String symbol, Interval interval, YearMonth from,
                                         YearMonth to) {
        List<DumpFile> out = new ArrayList<>();
        for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
            out.add(new DumpFile(market, kind, symbol, interval, m.toString()));
        }
        return out;
    }

    /** Every daily file from {@code from} to {@code to} (inclusive). */
    public static List<DumpFile> daily(Market market, DataKind kind, String symbol, Interval interval, LocalDate from,
                                       LocalDate to) {
        List<DumpFile> out = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            out.add(new DumpFile(market, kind, symbol, interval, d.toString()));
        }
        return out;
    }
}
