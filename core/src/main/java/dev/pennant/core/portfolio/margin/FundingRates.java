package dev.pennant.core.portfolio.margin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Funding-rate history of one USDⓈ-M perpetual symbol: an immutable table of funding events sorted by time.
 * Thread-safe.
 *
 * <p>Reads the data.binance.vision {@code fundingRate} layout with a camelCase header,
 * {@code fundingTime,fundingIntervalHours,fundingRate} (e.g. {@code shared/data/binance/futures-um/fundingRate/
 * BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz}), plain or gzip ({@code .gz}). Binance stamps some
 * events a few milliseconds after the hour (e.g. {@code 1735689600015}), so each event is keyed by its
 * {@linkplain FundingEvent#nominalTime() nominal time}, the recorded time rounded to the nearest second; lookups take
 * and return nominal times.
 *
 * <p>Funding payment (Binance, "Introduction to Binance Futures Funding Rates", Binance support FAQ):
 * Funding Amount = Nominal Value of Positions × Funding Rate, with nominal value = mark price × position size; when the
 * rate is positive longs pay shorts, when negative shorts pay longs. See {@link #payment}.
 */
public final class FundingRates {

    /** Header the loader requires. */
    public static final String HEADER = "fundingTime,fundingIntervalHours,fundingRate";

    /**
     * One funding event.
     *
     * @param fundingTime          time as recorded, epoch ms UTC (may carry a few ms of jitter)
     * @param fundingIntervalHours hours between fundings at that time (8 for BTCUSDT in 2025-2026)
     * @param fundingRate          the rate, a fraction per interval (0.0001 = 0.01 %), signed
     */
    public record FundingEvent(long fundingTime, int fundingIntervalHours, BigDecimal fundingRate) {
        /** @throws IllegalArgumentException when the interval is not positive or the rate is null */
        public FundingEvent {
            Objects.requireNonNull(fundingRate, "fundingRate");
            if (fundingIntervalHours <= 0) {
                throw new IllegalArgumentException("fundingIntervalHours must be > 0, was " + fundingIntervalHours);
            }
        }

        /** {@code fundingTime} rounded to the nearest second (half up), epoch ms UTC: the scheduled funding instant. */
        public long nominalTime() {
            return nominal(fundingTime);
        }
    }

    private final String symbol;
    private final List<FundingEvent> events;
    private final long[] nominalTimes;

    private FundingRates(String symbol, List<FundingEvent> events) {
        this.symbol = symbol;
        this.events = events;
        this.nominalTimes = events.stream().mapToLong(FundingEvent::nominalTime).toArray();
    }

    /**
     * A table from events already in memory.
     *
     * @throws IllegalArgumentException when the symbol is blank or the nominal times are not strictly increasing
     */
    public static FundingRates of(String symbol, List<FundingEvent> events) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).nominalTime() <= events.get(i - 1).nominalTime()) {
                throw new IllegalArgumentException(symbol + ": event " + i + " fundingTime " + events.get(i).fundingTime()
                        + " is not after the previous " + events.get(i - 1).fundingTime());
            }
        }
        return new FundingRates(symbol, List.copyOf(events));
    }

    /**
     * Loads every {@code <symbol>-fundingRate-*.csv} / {@code .csv.gz} file in {@code directory} (not recursive) into one
     * table; files may overlap only if they agree on the rate of every shared event.
     *
     * @throws IllegalArgumentException when no file matches, a file is malformed ({@link FundingRateFormatException}),
     *                                  or two files give different rates for one event
     * @throws UncheckedIOException     when the directory or a file cannot be read
     */
    public static FundingRates load(Path directory, String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(directory, symbol + "-fundingRate-*.csv*")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && (name.endsWith(".csv") || name.endsWith(".csv.gz"))) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no " + symbol + "-fundingRate-*.csv[.gz] file in " + directory);
        }
        files.sort(null);
        List<FundingEvent> all = new ArrayList<>();
        for (Path f : files) {
            all.addAll(readFile(f));
        }
        all.sort((a, b) -> Long.compare(a.nominalTime(), b.nominalTime()));
        List<FundingEvent> merged = new ArrayList<>(all.size());
        for (FundingEvent e : all) {
            if (!merged.isEmpty() && merged.getLast().nominalTime() == e.nominalTime()) {
                if (merged.getLast().fundingRate().compareTo(e.fundingRate()) != 0) {
                    throw new IllegalArgumentException(symbol + ": files disagree at fundingTime " + e.nominalTime()
                            + ": " + merged.getLast().fundingRate() + " vs " + e.fundingRate());
                }
                continue;
            }
            merged.add(e);
        }
        return new FundingRates(symbol, List.copyOf(merged));
    }

    /**
     * Reads one file; the symbol is the part of the file name before {@code -fundingRate-}.
     *
     * @throws FundingRateFormatException naming file, line and column when the header or a value is wrong, or times do
     *                                    not increase
     * @throws UncheckedIOException       when the file cannot be read
     */
    public static FundingRates loadFile(Path file) {
        String name = file.getFileName().toString();
        int cut = name.indexOf("-fundingRate-");
        if (cut <= 0) {
            throw new IllegalArgumentException(file + ": name must be <SYMBOL>-fundingRate-….csv[.gz]");
        }
        return new FundingRates(name.substring(0, cut), List.copyOf(readFile(file)));
    }

    private static List<FundingEvent> readFile(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(file.toString(), r);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<FundingEvent> read(String file, BufferedReader r) throws IOException {
        String header = r.readLine();
        if (header == null) {
            throw new FundingRateFormatException(file, 1, 1, "file is empty, expected header " + HEADER);
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (!header.strip().equals(HEADER)) {
            throw new FundingRateFormatException(file, 1, 1, "header must be '" + HEADER + "', was '" + header + "'");
        }
        List<FundingEvent> out = new ArrayList<>();
        String line;
        int lineNo = 1;
        while ((line = r.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 3) {
                throw new FundingRateFormatException(file, lineNo, Math.min(f.length, 3) + 1,
                        "expected 3 fields (" + HEADER + "), found " + f.length);
            }
            long time;
            try {
                time = Long.parseLong(f[0].strip());
            } catch (NumberFormatException e) {
                throw new FundingRateFormatException(file, lineNo, 1, "fundingTime '" + f[0] + "' is not epoch ms");
            }
            if (time <= 0) {
                throw new FundingRateFormatException(file, lineNo, 1, "fundingTime must be > 0, was " + time);
            }
            int hours;
            try {
                hours = Integer.parseInt(f[1].strip());
            } catch (NumberFormatException e) {
                throw new FundingRateFormatException(file, lineNo, 2, "fundingIntervalHours '" + f[1] + "' is not an integer");
            }
            if (hours <= 0) {
                throw new FundingRateFormatException(file, lineNo, 2, "fundingIntervalHours must be > 0, was " + hours);
            }
            BigDecimal rate;
            try {
                rate = new BigDecimal(f[2].strip());
            } catch (NumberFormatException e) {
                throw new FundingRateFormatException(file, lineNo, 3, "fundingRate '" + f[2] + "' is not a number");
            }
            FundingEvent ev = new FundingEvent(time, hours, rate);
            if (!out.isEmpty() && ev.nominalTime() <= out.getLast().nominalTime()) {
                throw new FundingRateFormatException(file, lineNo, 1, "fundingTime " + time
                        + " is not after the previous line's " + out.getLast().fundingTime());
            }
            out.add(ev);
        }
        return out;
    }

    /** The symbol, e.g. {@code BTCUSDT}. */
    public String symbol() {
        return symbol;
    }

    /** Every event, oldest first; unmodifiable. */
    public List<FundingEvent> events() {
        return events;
    }

    /** Number of events. */
    public int size() {
        return events.size();
    }

    /**
     * The rate of the funding at {@code fundingTime} (epoch ms UTC), matched on nominal time: {@code fundingTime} is
     * rounded to the nearest second first, so both {@code 1735689600000} and the recorded {@code 1735689600015} find the
     * 2025-01-01 00:00 event.
     *
     * @return empty when no funding took place at that time
     */
    public Optional<BigDecimal> rateAt(long fundingTime) {
        int i = Arrays.binarySearch(nominalTimes, nominal(fundingTime));
        return i >= 0 ? Optional.of(events.get(i).fundingRate()) : Optional.empty();
    }

    /**
     * Nominal times of the fundings in {@code [fromMs, toMs)}: from inclusive, to exclusive, epoch ms UTC. A position
     * held from {@code fromMs} until it is closed at {@code toMs} is charged at exactly these times.
     *
     * @return ascending times; empty when {@code toMs ≤ fromMs}
     */
    public long[] fundingTimesBetween(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return new long[0];
        }
        return Arrays.copyOfRange(nominalTimes, lowerBound(fromMs), lowerBound(toMs));
    }

    /** The events whose nominal time lies in {@code [fromMs, toMs)}, as {@link #fundingTimesBetween}. */
    public List<FundingEvent> eventsBetween(long fromMs, long toMs) {
        if (toMs <= fromMs) {
            return List.of();
        }
        return events.subList(lowerBound(fromMs), lowerBound(toMs));
    }

    /**
     * Funding paid or received by a position at one funding, USDT, from the position holder's side:
     * {@code −positionQty × markPrice × rate}. Positive = received, negative = paid: with a positive rate a long
     * (positionQty &gt; 0) pays and a short receives; with a negative rate the reverse.
     *
     * @param positionQty signed position size in base asset (&gt; 0 long, &lt; 0 short)
     * @param markPrice   mark price at the funding time, USDT
     * @param rate        funding rate, a fraction
     */
    public static BigDecimal payment(BigDecimal positionQty, BigDecimal markPrice, BigDecimal rate) {
        return positionQty.multiply(markPrice).multiply(rate).negate();
    }

    private int lowerBound(long t) {
        int lo = 0;
        int hi = nominalTimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nominalTimes[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long nominal(long t) {
        return Math.floorDiv(t + 500, 1000) * 1000;
    }

    /** A malformed funding-rate file; the message names file, line (1 = header) and column (1-based). */
    public static final class FundingRateFormatException extends IllegalArgumentException {
        private final String file;
        private final int line;
        private final int column;

        FundingRateFormatException(String file, int line, int column, String problem) {
            super(file + ":" + line + ":" + column + ": " + problem);
            this.file = file;
            this.line = line;
            this.column = column;
        }

        /** The file. */
        public String file() {
            return file;
        }

        /** 1-based line number; 1 is the header. */
        public int line() {
            return line;
        }

        /** 1-based column (field) number. */
        public int column() {
            return column;
        }
    }
}
