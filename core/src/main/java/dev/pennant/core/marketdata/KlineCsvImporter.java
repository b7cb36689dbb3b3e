package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Imports recorded Binance klines from CSV files, plain, gzip-compressed or zipped as data.binance.vision publishes
 * them (detected by the magic bytes, not by the name; see {@link CsvInput}).
 *
 * <p>Recognised layouts (columns are mapped by normalised header name: lower-case, spaces and underscores
 * removed; only the headerless layout is positional):
 * <ul>
 *   <li>{@code binance-12col}: data.binance.vision {@code open_time,open,high,low,close,volume,close_time,
 *       quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore}; {@code binance-12col-headerless}: the
 *       same 12 columns without a header; {@code binance-12col-camel}: {@code openTime,...,closeTime,quoteVolume,
 *       trades,takerBuyBase,takerBuyQuote,ignore}; {@code binance-12col-iso}: the same with ISO date-time
 *       strings; {@code ...-symbol}: with an extra {@code symbol} column.</li>
 *   <li>{@code python-binance}: {@code timestamp,open,high,low,close,volume,close_time,quote_av,trades,tb_base_av,
 *       tb_quote_av,ignore}.</li>
 *   <li>{@code binance-12col-date}: {@code Date,Open Time,Open,...} ({@code Open Time} is used, not {@code Date});
 *       {@code binance-datetime}: {@code open_time,datetime,open,...} ({@code open_time} is used).</li>
 *   <li>{@code ohlcv}: {@code timestamp|time|Date,open,high,low,close,volume}; bars get
 *       {@code closeTime = openTime + interval - 1}, no quote/taker volumes, {@code trades = -1}.</li>
 * </ul>
 * Times are epoch numbers (seconds, milliseconds or microseconds, told apart by magnitude: above 1e14 µs, above
 * 1e11 ms, else s) or UTC strings {@code YYYY-MM-DD}, {@code YYYY-MM-DD HH:MM[:SS[.fff]]} or with {@code T},
 * optionally followed by {@code Z}, {@code +hh:mm}, {@code +hhmm} or {@code +hh}; strings without a zone are UTC.
 * All times in the result are epoch milliseconds UTC. Prices and volumes are {@link BigDecimal}s parsed from the
 * text (plain decimals, exponents such as {@code 1.5e-05}, pandas float artefacts). Blank lines are skipped,
 * fields may be wrapped in double quotes.
 *
 * <p>Rows are sorted by open time; rows repeating an open time are dropped except the LAST one in the file.
 * A malformed row (wrong column count, unparsable number or time, OHLC or volume violation) makes the whole import
 * fail with a {@link KlineFormatException} naming the file, line and reason: nothing partial is returned.
 *
 * <p>The class holds no state and is thread-safe.
 */
public final class KlineCsvImporter {

    /** Layout name of the data.binance.vision file without a header line. */
    private static final String HEADERLESS = "binance-12col-headerless";
    /** Canonical column names used in messages about headerless files. */
    private static final String[] HEADERLESS_NAMES = {"open_time", "open", "high", "low", "close", "volume",
            "close_time", "quote_volume", "count", "taker_buy_volume", "taker_buy_quote_volume", "ignore"};

    private static final int OPEN_TIME = 0;
    private static final int OPEN = 1;
    private static final int HIGH = 2;
    private static final int LOW = 3;
    private static final int CLOSE = 4;
    private static final int VOLUME = 5;
    private static final int CLOSE_TIME = 6;
    private static final int QUOTE_VOLUME = 7;
    private static final int TRADES = 8;
    private static final int TAKER_BASE = 9;
    private static final int TAKER_QUOTE = 10;
    private static final int SYMBOL = 11;
    private static final int FIELD_COUNT = 12;

    /** Normalised header names per field, in order of preference. */
    private static final String[][] ALIASES = {
            {"opentime", "timestamp", "time", "datetime", "date"},
            {"open"},
            {"high"},
            {"low"},
            {"close"},
            {"volume"},
            {"closetime"},
            {"quotevolume", "quoteav", "qav", "quoteassetvolume"},
            {"count", "trades", "numtrades", "numberoftrades", "tradecount"},
            {"takerbuyvolume", "takerbuybase", "tbbaseav", "takerbase", "takerbuybaseassetvolume",
                    "takerbuybasevolume"},
            {"takerbuyquotevolume", "takerbuyquote", "tbquoteav", "takerquote", "takerbuyquoteassetvolume"},
            {"symbol"},
    };

    /** Creates an importer (stateless; one instance can be shared between threads). */
    public KlineCsvImporter() {
    }

    /**
     * Imports one file, inferring symbol and interval.
     *
     * <p>The symbol comes from a {@code symbol} column, else from the file name prefix before the first {@code -}
     * ({@code BTCUSDT-1m-2021...csv.gz} → {@code BTCUSDT}). The interval comes from a file name token
     * ({@code -1m-}, {@code -1h-}, {@code -4h-}, {@code -1d-}, any Binance code), else from the most common spacing
     * of the open times.
     *
     * @param file a {@code .csv}, {@code .csv.gz} or data.binance.vision {@code .zip} file (packing detected by content)
     * @return the bars, ascending by open time (epoch ms UTC), with duplicates dropped and gaps listed
     * @throws KlineFormatException when the layout is not recognised, a row is malformed, or the symbol or interval
     *                              cannot be inferred
     * @throws IOException          when the file cannot be read
     */
    public KlineImport read(Path file) throws IOException {
        return read(file, null, null);
    }

    /**
     * Imports one file with a caller-given symbol and/or interval.
     *
     * @param file     a {@code .csv}, {@code .csv.gz} or {@code .zip} file (packing detected by content)
     * @param symbol   the symbol to stamp on the bars, or {@code null} to infer it as {@link #read(Path)} does
     * @param interval the bar interval, or {@code null} to infer it as {@link #read(Path)} does
     * @return the bars, ascending by open time (epoch ms UTC), with duplicates dropped and gaps listed
     * @throws KlineFormatException when the layout is not recognised, a row is malformed, the symbol column holds
     *                              more than one symbol, or a {@code null} symbol or interval cannot be inferred
     * @throws IOException          when the file cannot be read
     */
    public KlineImport read(Path file, String symbol, Interval interval) throws IOException {
        Objects.requireNonNull(file, "file");
        Parsed p = parse(file, symbol, interval);
        List<Bar> bars = p.bars;
        return new KlineImport(file, p.symbol, p.interval, p.layout, bars, p.rowsRead, p.duplicatesDropped,
                gaps(bars, p.interval));
    }

    /**
     * Imports every {@code *.csv} / {@code *.csv.gz} / {@code *.zip} file below {@code dir} (recursively) whose inferred symbol and
     * interval match, merged into one series.
     *
     * <p>Files are visited in lexicographic path order. A {@code null} symbol or interval is taken from the first
     * file visited that can be imported; files with another symbol or interval are skipped (when the file name
     * alone shows the mismatch, without reading them). Rows repeating an open time across files keep the row of the
     * LAST file in path order. Gaps are recomputed on the merged series.
     *
     * @param dir      folder to search
     * @param symbol   symbol to import, or {@code null} for that of the first file
     * @param interval interval to import, or {@code null} for that of the first file
     * @return the merged import; {@code source} is {@code dir}, {@code rowsRead} and {@code duplicatesDropped} add
     *         up the files' counts plus the rows dropped as cross-file duplicates
     * @throws KlineFormatException naming the folder when no file matched, or naming a file that failed to parse
     * @throws IOException          when the folder or a file cannot be read
     */
    public KlineImport readFolder(Path dir, String symbol, Interval interval) throws IOException {
        Objects.requireNonNull(dir, "dir");
        if (!Files.isDirectory(dir)) {
            throw new KlineFormatException(dir, 0, "not a folder");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(KlineCsvImporter::isCsvName)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        String wantSymbol = symbol == null ? null : symbol.trim();
        Interval wantInterval = interval;
        List<KlineImport> matched = new ArrayList<>();
        for (Path f : files) {
            if (mismatchByName(f, wantSymbol, wantInterval)) {
                continue;
            }
            KlineImport imp = read(f);
            if (wantSymbol != null && !wantSymbol.equals(imp.symbol())
                    || wantInterval != null && wantInterval != imp.interval()) {
                continue;
            }
            wantSymbol = imp.symbol();
            wantInterval = imp.interval();
            matched.add(imp);
        }
        if (matched.isEmpty()) {
            throw new KlineFormatException(dir, 0, "no *.csv or *.csv.gz file in folder " + dir + " matches symbol "
                    + (symbol == null ? "(any)" : symbol) + " and interval " + (interval == null ? "(any)" : interval)
                    + " (" + files.size() + " CSV file(s) looked at)");
        }
        List<Bar> all = new ArrayList<>();
        int rows = 0;
        int dups = 0;
        Set<String> layouts = new LinkedHashSet<>();
        for (KlineImport imp : matched) {
            all.addAll(imp.bars());
            rows += imp.rowsRead();
            dups += imp.duplicatesDropped();
            layouts.add(imp.layout());
        }
        List<Bar> merged = sortKeepLast(all);
        dups += all.size() - merged.size();
        return new KlineImport(dir, wantSymbol, wantInterval, String.join("+", layouts), merged, rows, dups,
                gaps(merged, wantInterval));
    }

    /**
     * The intervals of {@code symbol} that the {@code *.csv} / {@code *.csv.gz} files below {@code dir} name
     * (recursively, e.g. {@code BTCUSDT-1h-2024....csv.gz}), from the file names alone: no file is read, so files
     * whose name shows no symbol or interval are not counted. For messages that say what a folder holds.
     *
     * @param dir    folder to search
     * @param symbol symbol as in the file names, e.g. {@code BTCUSDT}
     * @return the intervals, shortest first; empty when no file names that symbol
     * @throws IOException when the folder cannot be listed
     */
    public static java.util.SortedSet<Interval> namedIntervals(Path dir, String symbol) throws IOException {
        Objects.requireNonNull(symbol, "symbol");
        java.util.SortedSet<Interval> out = new java.util.TreeSet<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(Files::isRegularFile).filter(KlineCsvImporter::isCsvName)
                    .filter(f -> symbol.trim().equals(symbolFromName(f)))
                    .map(KlineCsvImporter::intervalFromName).filter(Objects::nonNull).forEach(out::add);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Parsing

    /** Result of parsing one file, before gap detection. */
    private record Parsed(String symbol, Interval interval, String layout, List<Bar> bars, int rowsRead,
                          int duplicatesDropped) {
    }

    /** A bad field value; turned into a {@link KlineFormatException} carrying the line. */
    private static final class BadRow extends Exception {
        private static final long serialVersionUID = 1L;

        BadRow(String reason) {
            super(reason, null, false, false);
        }
    }

    private Parsed parse(Path file, String givenSymbol, Interval givenInterval) throws IOException {
        Interval interval = givenInterval != null ? givenInterval : intervalFromName(file);
        String symbol = givenSymbol != null && !givenSymbol.isBlank() ? givenSymbol.trim() : null;
        String nameSymbol = symbolFromName(file);

        List<Bar> bars = new ArrayList<>();
        int rows = 0;
        int lineNo = 0;
        int[] col = null;           // field -> column index, -1 when absent
        String[] names = null;      // column index -> name for messages
        int width = 0;
        String layout = null;
        String[] fields = null;
        String columnSymbol = null;
        // Until the interval is known, bars are built with a placeholder (validation does not depend on it).
        Interval buildInterval = interval != null ? interval : Interval.M1;
        String buildSymbol = symbol;

        try (BufferedReader in = open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (col == null) {
                    String[] head = line.split(",", -1);
                    for (int i = 0; i < head.length; i++) {
                        head[i] = clean(head[i]);
                    }
                    if (looksLikeData(head[0])) {
                        if (head.length != HEADERLESS_NAMES.length) {
                            throw new KlineFormatException(file, lineNo, "no header line, and the first row has "
                                    + head.length + " columns; a headerless file must have the 12 data.binance.vision"
                                    + " kline columns");
                        }
                        col = new int[FIELD_COUNT];
                        for (int f = 0; f < FIELD_COUNT; f++) {
                            col[f] = f == SYMBOL ? -1 : f;   // positions 0..10 match the field order
                        }
                        names = HEADERLESS_NAMES;
                        width = HEADERLESS_NAMES.length;
                        layout = HEADERLESS;
                        // fall through: this line is data
                    } else {
                        col = mapHeader(file, lineNo, head);
                        names = head;
                        width = head.length;
                        layout = layoutName(head, col);
                        fields = new String[width];
                        continue;
                    }
                    fields = new String[width];
                }
                int found = split(line, fields);
                if (found != width) {
                    throw new KlineFormatException(file, lineNo, "expected " + width + " columns, found " + found);
                }
                rows++;
                try {
                    if (col[SYMBOL] >= 0) {
                        String s = fields[col[SYMBOL]];
                        if (columnSymbol == null) {
                            if (s.isEmpty()) {
                                throw new BadRow("column '" + names[col[SYMBOL]] + "' is empty");
                            }
                            columnSymbol = s;
                        } else if (!columnSymbol.equals(s)) {
                            throw new BadRow("column '" + names[col[SYMBOL]] + "' changes from '" + columnSymbol
                                    + "' to '" + shorten(s) + "'; import one symbol per file");
                        }
                    }
                    if (buildSymbol == null) {
                        buildSymbol = columnSymbol != null ? columnSymbol : nameSymbol;
                        if (buildSymbol == null) {
                            throw new KlineFormatException(file, 0, "cannot infer the symbol: no 'symbol' column"
                                    + " and the file name does not start with '<SYMBOL>-'; pass the symbol");
                        }
                    }
                    if (rows == 1 && layout.startsWith("binance-12col") && !layout.equals(HEADERLESS)
                            && isDateText(fields[col[OPEN_TIME]])) {
                        layout = layout.replace("binance-12col", "binance-12col-iso");
                    }
                    bars.add(toBar(fields, col, names, buildSymbol, buildInterval));
                } catch (BadRow e) {
                    throw new KlineFormatException(file, lineNo, e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw new KlineFormatException(file, lineNo, e.getMessage());
                }
            }
        }
        if (col == null || rows == 0) {
            throw new KlineFormatException(file, 0, "no kline rows");
        }
        List<Bar> unique = sortKeepLast(bars);
        if (interval == null) {
            interval = intervalFromSpacing(unique);
            if (interval == null) {
                throw new KlineFormatException(file, 0, "cannot infer the interval: the file name has no interval"
                        + " token such as '-1h-' and the open times have no regular Binance spacing; pass the"
                        + " interval");
            }
            boolean hasCloseTime = col[CLOSE_TIME] >= 0;
            List<Bar> rebuilt = new ArrayList<>(unique.size());
            for (Bar b : unique) {
                long closeTime = hasCloseTime ? b.closeTime() : b.openTime() + interval.millis() - 1;
                rebuilt.add(new Bar(b.symbol(), interval, b.openTime(), closeTime, b.open(), b.high(), b.low(),
                        b.close(), b.volume(), b.quoteVolume(), b.trades(), b.takerBuyBaseVolume(),
                        b.takerBuyQuoteVolume(), true));
            }
            unique = rebuilt;
        }
        return new Parsed(buildSymbol, interval, layout, unique, rows, bars.size() - unique.size());
    }

    private static Bar toBar(String[] f, int[] col, String[] names, String symbol, Interval interval) throws BadRow {
        long openTime = time(f, col[OPEN_TIME], names);
        BigDecimal open = decimal(f, col[OPEN], names);
        BigDecimal high = decimal(f, col[HIGH], names);
        BigDecimal low = decimal(f, col[LOW], names);
        BigDecimal close = decimal(f, col[CLOSE], names);
        BigDecimal volume = decimal(f, col[VOLUME], names);
        long closeTime = col[CLOSE_TIME] >= 0 ? time(f, col[CLOSE_TIME], names) : openTime + interval.millis() - 1;
        BigDecimal quoteVolume = optionalDecimal(f, col[QUOTE_VOLUME], names);
        long trades = col[TRADES] >= 0 ? wholeNumber(f, col[TRADES], names) : -1;
        BigDecimal takerBase = optionalDecimal(f, col[TAKER_BASE], names);
        BigDecimal takerQuote = optionalDecimal(f, col[TAKER_QUOTE], names);
        return new Bar(symbol, interval, openTime, closeTime, open, high, low, close, volume, quoteVolume, trades,
                takerBase, takerQuote, true);
    }

    private static int[] mapHeader(Path file, int lineNo, String[] head) throws KlineFormatException {
        String[] norm = new String[head.length];
        for (int i = 0; i < head.length; i++) {
            norm[i] = normalise(head[i]);
        }
        int[] col = new int[FIELD_COUNT];
        for (int f = 0; f < FIELD_COUNT; f++) {
            col[f] = -1;
            search:
            for (String alias : ALIASES[f]) {
                for (int i = 0; i < norm.length; i++) {
                    if (norm[i].equals(alias)) {
                        col[f] = i;
                        break search;
                    }
                }
            }
        }
        String[] required = {"open time", "open", "high", "low", "close", "volume"};
        for (int f = OPEN_TIME; f <= VOLUME; f++) {
            if (col[f] < 0) {
                throw new KlineFormatException(file, lineNo, "not a kline CSV: header has no " + required[f]
                        + " column (header: " + shorten(String.join(",", head)) + ")");
            }
        }
        return col;
    }

    private static String layoutName(String[] head, int[] col) {
        Set<String> norm = new LinkedHashSet<>();
        for (String h : head) {
            norm.add(normalise(h));
        }
        String base;
        if (norm.contains("quoteav") || norm.contains("tbbaseav")) {
            base = "python-binance";
        } else if (col[CLOSE_TIME] < 0 && col[QUOTE_VOLUME] < 0 && col[TRADES] < 0) {
            base = "ohlcv";
        } else if (norm.contains("opentime") && norm.contains("date")) {
            base = "binance-12col-date";
        } else if (norm.contains("opentime") && norm.contains("datetime")) {
            base = "binance-datetime";
        } else {
            String raw = head[col[OPEN_TIME]];
            boolean camel = raw.indexOf('_') < 0 && raw.indexOf(' ') < 0 && !raw.equals(raw.toLowerCase(Locale.ROOT));
            base = camel ? "binance-12col-camel" : "binance-12col";
        }
        return col[SYMBOL] >= 0 ? base + "-symbol" : base;
    }

    private static String normalise(String header) {
        StringBuilder b = new StringBuilder(header.length());
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c != ' ' && c != '_' && c != '"') {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static boolean looksLikeData(String first) {
        if (first.isEmpty()) {
            return false;
        }
        char c = first.charAt(0);
        return c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.';
    }

    /**
     * Splits on commas into {@code out}, cleaning each field.
     *
     * @return the number of fields in the line (may differ from {@code out.length}; then {@code out} is partial)
     */
    private static int split(String line, String[] out) {
        int n = 0;
        int start = 0;
        int len = line.length();
        for (int i = 0; i <= len; i++) {
            if (i == len || line.charAt(i) == ',') {
                if (n < out.length) {
                    out[n] = clean(line.substring(start, i));
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    /** Strips surrounding spaces and double quotes. */
    private static String clean(String s) {
        int len = s.length();
        if (len == 0) {
            return s;
        }
        char a = s.charAt(0);
        char z = s.charAt(len - 1);
        if (a != ' ' && a != '"' && a != '\t' && z != ' ' && z != '"' && z != '\t') {
            return s;
        }
        String t = s.strip();
        if (t.length() >= 2 && t.charAt(0) == '"' && t.charAt(t.length() - 1) == '"') {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    private static BigDecimal decimal(String[] f, int i, String[] names) throws BadRow {
        String s = f[i];
        try {
            if (!s.isEmpty()) {
                return new BigDecimal(s);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadRow("column '" + names[i] + "' is not a number: '" + shorten(s) + "'");
    }

    private static BigDecimal optionalDecimal(String[] f, int i, String[] names) throws BadRow {
        return i < 0 || f[i].isEmpty() ? null : decimal(f, i, names);
    }

    private static long wholeNumber(String[] f, int i, String[] names) throws BadRow {
        String s = f[i];
        if (s.isEmpty()) {
            return -1;
        }
        if (allDigits(s)) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                // too long: reported below
            }
        }
        try {
            return new BigDecimal(s).longValueExact();   // pandas writes counts as e.g. 171.0
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRow("column '" + names[i] + "' is not a whole number: '" + shorten(s) + "'");
        }
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Times

    private static long time(String[] f, int i, String[] names) throws BadRow {
        String s = f[i];
        long t = parseTime(s);
        if (t == Long.MIN_VALUE) {
            throw new BadRow("column '" + names[i] + "' is not a time: '" + shorten(s) + "'");
        }
        return t;
    }

    private static boolean isDateText(String s) {
        return s.length() >= 10 && s.charAt(4) == '-' && s.charAt(7) == '-';
    }

    /**
     * Parses a recorded time as this importer does: epoch s, ms or µs told apart by magnitude (above 1e14 µs, above
     * 1e11 ms, else s), or a UTC date-time string (see the class comment).
     *
     * @return epoch ms UTC, or {@link Long#MIN_VALUE} when {@code s} is not a time
     */
    public static long parseTime(String s) {
        if (s.isEmpty()) {
            return Long.MIN_VALUE;
        }
        if (isDateText(s)) {
            return parseDateTime(s);
        }
        long v;
        if (allDigits(s) && s.length() <= 18) {
            v = Long.parseLong(s);
        } else {
            BigDecimal d;
            try {
                d = new BigDecimal(s);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
            if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(1e18)) > 0) {
                return Long.MIN_VALUE;
            }
            if (d.compareTo(BigDecimal.valueOf(1e11)) <= 0) {
                return d.movePointRight(3).longValue();   // seconds with a fraction
            }
            v = d.longValue();
        }
        return scaleEpoch(v);
    }

    /** Epoch number in s, ms or µs (by magnitude) → ms. */
    private static long scaleEpoch(long v) {
        if (v > 100_000_000_000_000L) {
            return Math.floorDiv(v, 1000L);          // microseconds
        }
        if (v > 100_000_000_000L) {
            return v;                                 // milliseconds
        }
        return v * 1000L;                             // seconds
    }

    /**
     * Parses {@code YYYY-MM-DD[( |T)HH:MM[:SS[.f…]]][Z|±hh[[:]mm]]}, UTC when there is no zone.
     *
     * @return epoch ms, or {@link Long#MIN_VALUE} when malformed
     */
    private static long parseDateTime(String s) {
        int len = s.length();
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        if (year < 0 || month < 0 || day < 0) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long ms = epochDay * 86_400_000L;
        if (len == 10) {
            return ms;
        }
        char sep = s.charAt(10);
        if (sep != ' ' && sep != 'T' && sep != 't' || len < 16 || s.charAt(13) != ':') {
            return Long.MIN_VALUE;
        }
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
            return Long.MIN_VALUE;
        }
        int second = 0;
        int millis = 0;
        int pos = 16;
        if (pos < len && s.charAt(pos) == ':') {
            second = digits(s, pos + 1, 2);
            if (second < 0 || second > 59) {
                return Long.MIN_VALUE;
            }
            pos += 3;
            if (pos < len && (s.charAt(pos) == '.' || s.charAt(pos) == ',')) {
                pos++;
                int start = pos;
                int scale = 100;
                while (pos < len && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    millis += (s.charAt(pos) - '0') * scale;   // digits beyond ms are truncated
                    scale /= 10;
                    pos++;
                }
                if (pos == start) {
                    return Long.MIN_VALUE;
                }
            }
        }
        ms += hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
        if (pos == len) {
            return ms;
        }
        char z = s.charAt(pos);
        if ((z == 'Z' || z == 'z') && pos + 1 == len) {
            return ms;
        }
        if (z == ' ' && s.regionMatches(true, pos, " UTC", 0, len - pos) && len - pos == 4) {
            return ms;
        }
        if (z != '+' && z != '-') {
            return Long.MIN_VALUE;
        }
        int zh = digits(s, pos + 1, 2);
        int zm;
        int rest = len - pos - 3;
        if (rest == 0) {
            zm = 0;
        } else if (rest == 2) {
            zm = digits(s, pos + 3, 2);
        } else if (rest == 3 && s.charAt(pos + 3) == ':') {
            zm = digits(s, pos + 4, 2);
        } else {
            return Long.MIN_VALUE;
        }
        if (zh < 0 || zh > 18 || zm < 0 || zm > 59) {
            return Long.MIN_VALUE;
        }
        long offset = (zh * 3_600_000L + zm * 60_000L) * (z == '+' ? 1 : -1);
        return ms - offset;
    }

    /** The non-negative number in {@code s[from, from+n)}, or -1 when out of range or not all digits. */
    private static int digits(String s, int from, int n) {
        if (from < 0 || from + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Series

    /** Stable sort by open time, keeping the last bar of each run of equal open times. */
    private static List<Bar> sortKeepLast(List<Bar> bars) {
        List<Bar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparingLong(Bar::openTime));   // List.sort is stable
        List<Bar> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            Bar b = sorted.get(i);
            if (i + 1 < sorted.size() && sorted.get(i + 1).openTime() == b.openTime()) {
                continue;
            }
            out.add(b);
        }
        return out;
    }

    /**
     * The holes of a bar series on its interval grid.
     *
     * @param bars     ascending by open time, unique open times
     * @param interval their interval
     * @return ascending; empty for {@code 1M} (calendar months are not equally spaced)
     */
    public static List<Gap> gaps(List<Bar> bars, Interval interval) {
        List<Gap> gaps = new ArrayList<>();
        if (interval.isCalendarMonth()) {
            return gaps;
        }
        long step = interval.millis();
        for (int i = 1; i < bars.size(); i++) {
            long from = bars.get(i - 1).openTime();
            long to = bars.get(i).openTime();
            long missing = (to - from) / step - 1;
            if (missing >= 1) {
                gaps.add(new Gap(from, to, missing));
            }
        }
        return gaps;
    }

    /** The most common spacing of the (sorted, unique) open times as an interval, or null. */
    private static Interval intervalFromSpacing(List<Bar> bars) {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < bars.size(); i++) {
            counts.merge(bars.get(i).openTime() - bars.get(i - 1).openTime(), 1, Integer::sum);
        }
        long best = 0;
        int bestCount = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        if (bestCount == 0) {
            return null;
        }
        Interval i = Interval.ofMillis(best);
        if (i == null && best >= 28 * 86_400_000L && best <= 31 * 86_400_000L) {
            return Interval.MO1;   // calendar months are 28..31 days apart
        }
        return i;
    }

    // ---------------------------------------------------------------------------------------------------------
    // File names and I/O

    private static BufferedReader open(Path file) throws IOException {
        return CsvInput.open(file);
    }

    private static boolean isCsvName(Path p) {
        return CsvInput.isCsvName(p);
    }

    /** File name without {@code .zip}, {@code .gz} and {@code .csv}. */
    private static String stem(Path file) {
        return CsvInput.stem(file);
    }

    /** {@code BTCUSDT} from {@code BTCUSDT-1m-...}; null when there is no {@code -} or the prefix is not a symbol. */
    static String symbolFromName(Path file) {
        return CsvInput.symbolFromName(file);
    }

    /** The interval of the first {@code -}-separated token after the symbol that is a Binance code, or null. */
    static Interval intervalFromName(Path file) {
        String[] tokens = stem(file).split("-");
        for (int i = 1; i < tokens.length; i++) {
            String t = tokens[i];
            int dot = t.indexOf('.');
            if (dot >= 0) {
                t = t.substring(0, dot);      // BTCUSDT-1h.binance.csv
            }
            if (t.length() < 2 || t.length() > 3 || t.charAt(0) < '0' || t.charAt(0) > '9') {
                continue;
            }
            try {
                return Interval.parse(t);
            } catch (IllegalArgumentException e) {
                // not an interval token
            }
        }
        return null;
    }

    /** True when the file name alone shows the file is for another symbol or interval. */
    private static boolean mismatchByName(Path file, String symbol, Interval interval) throws IOException {
        if (interval != null) {
            Interval named = intervalFromName(file);
            if (named != null && named != interval) {
                return true;
            }
        }
        if (symbol != null) {
            String named = symbolFromName(file);
            return named != null && !named.equals(symbol) && !hasSymbolColumn(file);
        }
        return false;
    }

    private static boolean hasSymbolColumn(Path file) throws IOException {
        try (BufferedReader in = open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    for (String h : line.split(",", -1)) {
                        if (normalise(clean(h.replace("\uFEFF", ""))).equals("symbol")) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        }
        return false;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
