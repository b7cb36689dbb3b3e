package dev.pennant.core.marketdata.importer;

import dev.pennant.core.marketdata.CsvInput;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineFormatException;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Streams the rows of a Binance trades or aggTrades CSV (plain, gzip or zip, see {@link CsvInput}) in file order.
 *
 * <p>Layouts: data.binance.vision spot files have no header — trades {@code id,price,qty,quote_qty,time,
 * is_buyer_maker,is_best_match} (7 columns), aggTrades {@code agg_trade_id,price,quantity,first_trade_id,
 * last_trade_id,transact_time,is_buyer_maker,is_best_match} (8); USDⓈ-M files carry a header and lack
 * {@code is_best_match} (6 and 7 columns). With a header, columns are found by name (lower-case, {@code _} and spaces
 * removed; the REST names {@code quoteQty}, {@code isBuyerMaker}, … match too), so the shared
 * {@code spot/trades} file ({@code id,price,qty,quoteQty,time,isBuyerMaker,isBestMatch}, times as UTC strings) reads
 * as well. Times: epoch s / ms / µs by magnitude or UTC strings, as {@link KlineCsvImporter#parseTime}.
 * Booleans: {@code true}/{@code false} in any case. A malformed row stops the read with a
 * {@link KlineFormatException} naming file, line and column. Not thread-safe; close it.
 */
public final class TradeCsvReader implements AutoCloseable {

    private static final int ID = 0;
    private static final int PRICE = 1;
    private static final int QTY = 2;
    private static final int QUOTE = 3;
    private static final int FIRST = 4;
    private static final int LAST = 5;
    private static final int TIME = 6;
    private static final int MAKER = 7;
    private static final int BEST = 8;
    private static final String[][] ALIASES = {
            {"aggtradeid", "id", "tradeid", "a"},
            {"price", "p"},
            {"qty", "quantity", "q"},
            {"quoteqty", "quotequantity"},
            {"firsttradeid", "f"},
            {"lasttradeid", "l"},
            {"time", "transacttime", "timestamp", "tradetime"},
            {"isbuyermaker", "buyermaker", "m"},
            {"isbestmatch", "bestmatch"},
    };
    private static final String[] NAMES = {"id", "price", "qty", "quote_qty", "first_trade_id", "last_trade_id",
            "time", "is_buyer_maker", "is_best_match"};

    private final Path file;
    private final DataKind kind;
    private final BufferedReader in;
    private int[] col;
    private int width;
    private String[] fields;
    private String pending;
    private int lineNo;
    private String layout;

    private TradeCsvReader(Path file, DataKind kind, BufferedReader in) {
        this.file = file;
        this.kind = kind;
        this.in = in;
    }

    /**
     * Opens {@code file} and reads its layout (header or first row).
     *
     * @param kind {@link DataKind#TRADES} or {@link DataKind#AGG_TRADES}
     * @throws KlineFormatException when the layout is not one of the above (the message names the columns seen)
     * @throws IOException          when the file cannot be read
     * @throws IllegalArgumentException when {@code kind} is {@link DataKind#KLINES}
     */
    public static TradeCsvReader open(Path file, DataKind kind) throws IOException {
        if (kind == DataKind.KLINES) {
            throw new IllegalArgumentException("kind must be trades or aggTrades, was klines");
        }
        TradeCsvReader r = new TradeCsvReader(file, kind, CsvInput.open(file));
        try {
            r.readLayout();
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        }
        return r;
    }

    /** Short name of the layout: {@code binance-<kind>-headerless-<n>col} or {@code header-<n>col}. */
    public String layout() {
        return layout;
    }

    /**
     * The next row, or {@code null} at the end of the file.
     *
     * @throws KlineFormatException naming the line and column when a row is malformed
     */
    public TradeRow next() throws IOException {
        String line;
        if (pending != null) {
            line = pending;
            pending = null;
        } else {
            do {
                line = in.readLine();
                if (line == null) {
                    return null;
                }
                lineNo++;
            } while (line.isBlank());
        }
        int n = split(line);
        if (n != width) {
            throw new KlineFormatException(file, lineNo, "expected " + width + " columns, found " + n);
        }
        long id = whole(ID);
        BigDecimal price = decimal(PRICE);
        BigDecimal qty = decimal(QTY);
        if (price.signum() <= 0) {
            throw new KlineFormatException(file, lineNo, "column 'price' must be > 0, was " + price.toPlainString());
        }
        if (qty.signum() < 0) {
            throw new KlineFormatException(file, lineNo, "column 'qty' must be >= 0, was " + qty.toPlainString());
        }
        BigDecimal quote = col[QUOTE] >= 0 ? decimal(QUOTE) : null;
        long first = col[FIRST] >= 0 ? whole(FIRST) : -1;
        long last = col[LAST] >= 0 ? whole(LAST) : -1;
        String t = fields[col[TIME]];
        long time = KlineCsvImporter.parseTime(t);
        if (time == Long.MIN_VALUE) {
            throw bad(TIME, "is not a time");
        }
        boolean maker = bool(MAKER);
        Boolean best = col[BEST] >= 0 ? bool(BEST) : null;
        return new TradeRow(id, price, qty, quote, first, last, time, maker, best);
    }

    private void readLayout() throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new KlineFormatException(file, 0, "no " + kind.pathSegment() + " rows");
            }
            lineNo++;
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
        } while (line.isBlank());
        String[] head = line.split(",", -1);
        width = head.length;
        fields = new String[width];
        col = new int[NAMES.length];
        java.util.Arrays.fill(col, -1);
        String first = head[0].strip();
        boolean data = !first.isEmpty() && Character.isDigit(first.charAt(0));
        if (data) {
            // data.binance.vision positions: [id, price, qty, (quote_qty | first, last), time, maker, (best)]
            boolean agg = kind == DataKind.AGG_TRADES;
            int base = agg ? 7 : 6;
            if (width != base && width != base + 1) {
                throw new KlineFormatException(file, lineNo, "no header line, and the first row has " + width
                        + " columns; a headerless " + kind.pathSegment() + " file has " + base + " (USD-M) or "
                        + (base + 1) + " (spot) columns");
            }
            col[ID] = 0;
            col[PRICE] = 1;
            col[QTY] = 2;
            if (agg) {
                col[FIRST] = 3;
                col[LAST] = 4;
                col[TIME] = 5;
                col[MAKER] = 6;
                col[BEST] = width == 8 ? 7 : -1;
            } else {
                col[QUOTE] = 3;
                col[TIME] = 4;
                col[MAKER] = 5;
                col[BEST] = width == 7 ? 6 : -1;
            }
            layout = "binance-" + kind.pathSegment() + "-headerless-" + width + "col";
            pending = line;
            return;
        }
        String[] norm = new String[width];
        for (int i = 0; i < width; i++) {
            norm[i] = head[i].strip().replace("\"", "").replace("_", "").replace(" ", "").toLowerCase(Locale.ROOT);
        }
        for (int f = 0; f < ALIASES.length; f++) {
            search:
            for (String a : ALIASES[f]) {
                for (int i = 0; i < width; i++) {
                    if (norm[i].equals(a)) {
                        col[f] = i;
                        break search;
                    }
                }
            }
        }
        int[] required = kind == DataKind.AGG_TRADES ? new int[] {ID, PRICE, QTY, FIRST, LAST, TIME, MAKER}
                : new int[] {ID, PRICE, QTY, TIME, MAKER};
        for (int f : required) {
            if (col[f] < 0) {
                throw new KlineFormatException(file, lineNo, "not a " + kind.pathSegment() + " CSV: header has no "
                        + NAMES[f] + " column (header: " + line + ")");
            }
        }
        if (kind == DataKind.TRADES && col[FIRST] >= 0) {
            throw new KlineFormatException(file, lineNo, "header has first_trade_id: this is an aggTrades file,"
                    + " not trades (header: " + line + ")");
        }
        layout = "header-" + kind.pathSegment() + "-" + width + "col";
    }

    private int split(String line) {
        int n = 0;
        int start = 0;
        for (int i = 0; i <= line.length(); i++) {
            if (i == line.length() || line.charAt(i) == ',') {
                if (n < width) {
                    fields[n] = line.substring(start, i).strip().replace("\"", "");
                }
                n++;
                start = i + 1;
            }
        }
        return n;
    }

    private KlineFormatException bad(int f, String rule) {
        String v = fields[col[f]];
        return new KlineFormatException(file, lineNo, "column '" + NAMES[f] + "' " + rule + ": '"
                + (v.length() > 60 ? v.substring(0, 57) + "..." : v) + "'");
    }

    private long whole(int f) throws KlineFormatException {
        try {
            return Long.parseLong(fields[col[f]]);
        } catch (NumberFormatException e) {
            throw bad(f, "is not a whole number");
        }
    }

    private BigDecimal decimal(int f) throws KlineFormatException {
        try {
            return new BigDecimal(fields[col[f]]);
        } catch (NumberFormatException e) {
            throw bad(f, "is not a number");
        }
    }

    private boolean bool(int f) throws KlineFormatException {
        String v = fields[col[f]];
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(f, "is not true or false");
    }

    /** Closes the file. */
    @Override
    public void close() throws IOException {
        in.close();
    }
}
