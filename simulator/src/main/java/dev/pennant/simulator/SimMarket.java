package dev.pennant.simulator;

import dev.pennant.core.exchange.binance.ExchangeInfo;
import dev.pennant.core.exchange.binance.ExchangeInfoParser;
import dev.pennant.core.exchange.binance.RateLimit;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One simulated market (spot or USDⓈ-M): the recorded exchangeInfo, the recorded klines replayed on the
 * {@link ReplayClock}, simulated order books and trade tapes, tickers and (futures) funding.
 *
 * <p>Replay: every symbol has one cursor, {@code anchor + clock.elapsed()}, clamped to its last bar. The anchor is the
 * configured replay start when the symbol's price series covers it, else {@link #defaultAnchor}. The price series is the finest recorded interval; the current price walks the forming
 * bar's open → low → high → close (bullish bar; high first for a bearish one). Intervals without a recorded file are
 * aggregated from the price series (not 1w / 1M). Kline files are loaded lazily and cached. Thread-safe.
 */
final class SimMarket {

    static final int WARMUP_BARS = 1000;
    private static final Interval[] FINEST_FIRST = {Interval.M1, Interval.M3, Interval.M5, Interval.M15,
            Interval.M30, Interval.H1, Interval.H2, Interval.H4, Interval.H6, Interval.H8, Interval.H12, Interval.D1,
            Interval.D3, Interval.W1, Interval.MO1};

    final Market market;
    final String exchangeInfoJson;
    final ExchangeInfo info;
    final Map<String, Instrument> instruments;
    private final Path klineRoot;
    private final Path fundingRoot;
    private final ReplayClock clock;
    private final Long replayStart;
    private final KlineCsvImporter importer = new KlineCsvImporter();
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, Optional<Series>> priceSeries = new ConcurrentHashMap<>();
    private final Map<String, SimBook> books = new ConcurrentHashMap<>();
    private final Map<String, SimTape> tapes = new ConcurrentHashMap<>();
    private volatile Map<String, List<long[]>> funding; // symbol -> [fundingTime, rate * 1e8]
    private final List<String> replaySymbols;

    /** A loaded series with its open times for binary search. */
    record Series(String symbol, Interval interval, List<Bar> bars, long[] openTimes) {
        static Series of(String symbol, Interval interval, List<Bar> bars) {
            long[] t = new long[bars.size()];
            for (int i = 0; i < t.length; i++) t[i] = bars.get(i).openTime();
            return new Series(symbol, interval, bars, t);
        }

        /** Index of the last bar opening at or before {@code time}, -1 when none. */
        int indexAt(long time) {
            int i = java.util.Arrays.binarySearch(openTimes, time);
            return i >= 0 ? i : -i - 2;
        }

        /** Index of the first bar opening at or after {@code time}. */
        int firstFrom(long time) {
            int i = java.util.Arrays.binarySearch(openTimes, time);
            return i >= 0 ? i : -i - 1;
        }
    }

    SimMarket(Market market, Path dataDir, ReplayClock clock, Long replayStart) throws IOException {
        this.market = market;
        this.clock = clock;
        this.replayStart = replayStart;
        String sub = market == Market.SPOT ? "spot" : "futures-um";
        Path infoDir = dataDir.resolve("exchangeInfo").resolve(sub);
        this.exchangeInfoJson = readText(newestFullExchangeInfo(infoDir));
        this.info = new ExchangeInfoParser().parse(market, exchangeInfoJson);
        this.instruments = info.bySymbol();
        this.klineRoot = dataDir.resolve(sub).resolve("klines");
        this.fundingRoot = dataDir.resolve(sub).resolve("fundingRate");
        List<String> syms = new ArrayList<>();
        if (Files.isDirectory(klineRoot)) {
            try (Stream<Path> s = Files.list(klineRoot)) {
                s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(syms::add);
            }
        }
        this.replaySymbols = List.copyOf(syms);
    }

    /** The newest {@code *-full-*} response in the folder (by the date in its name). */
    private static Path newestFullExchangeInfo(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("no exchangeInfo folder " + dir);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains("-full-"))
                    .filter(p -> !p.getFileName().toString().contains("cryptofeed"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()))
                    .orElseThrow(() -> new IOException("no full exchangeInfo response in " + dir));
        }
    }

    static String readText(Path p) throws IOException {
        try (InputStream in = open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream open(Path p) throws IOException {
        InputStream in = Files.newInputStream(p);
        return p.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** Symbols with recorded klines (the ones that replay, tick and trade). */
    List<String> replaySymbols() {
        return replaySymbols;
    }

    Instrument instrument(String symbol) {
        if (symbol == null || symbol.isBlank()) throw SimException.mandatory("symbol");
        Instrument i = instruments.get(symbol.toUpperCase(Locale.ROOT));
        if (i == null) throw SimException.invalidSymbol();
        return i;
    }

    /** Recorded intervals of {@code symbol}, from the file names (finest first; empty when it has no klines). */
    TreeSet<Interval> recordedIntervals(String symbol) {
        TreeSet<Interval> out = new TreeSet<>();
        Path dir = klineRoot.resolve(symbol);
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String n = p.getFileName().toString();
                for (String t : n.split("[-.]")) {
                    if (t.length() >= 2 && t.length() <= 3 && Character.isDigit(t.charAt(0))) {
                        try {
                            out.add(Interval.parse(t));
                            return;
                        } catch (IllegalArgumentException ignored) {
                            // not an interval token
                        }
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The finest recorded series of the symbol, empty when it has no klines. */
    Optional<Series> priceSeries(String symbol) {
        return priceSeries.computeIfAbsent(symbol, s -> {
            TreeSet<Interval> rec = recordedIntervals(s);
            for (Interval i : FINEST_FIRST) {
                if (rec.contains(i)) return Optional.of(load(s, i));
            }
            return Optional.empty();
        });
    }

    private Series load(String symbol, Interval interval) {
        return series.computeIfAbsent(symbol + "|" + interval.code(), k -> {
            try {
                List<Bar> bars = importer.readFolder(klineRoot.resolve(symbol), symbol, interval).bars();
                return Series.of(symbol, interval, bars);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The series of {@code symbol} at {@code interval}: recorded, or aggregated from the price series. */
    Optional<Series> series(String symbol, Interval interval) {
        String key = symbol + "|" + interval.code();
        Series s = series.get(key);
        if (s != null) return Optional.of(s);
        if (recordedIntervals(symbol).contains(interval)) return Optional.of(load(symbol, interval));
        Optional<Series> price = priceSeries(symbol);
        if (price.isEmpty() || interval == Interval.W1 || interval.isCalendarMonth()
                || interval.millis() % price.get().interval().millis() != 0) {
            return Optional.empty();
        }
        return Optional.of(series.computeIfAbsent(key, k -> Series.of(symbol, interval,
                aggregate(price.get().bars(), interval))));
    }

    static List<Bar> aggregate(List<Bar> src, Interval target) {
        List<Bar> out = new ArrayList<>();
        long step = target.millis();
        int i = 0;
        while (i < src.size()) {
            Bar f = src.get(i);
            long open = f.openTime() - Math.floorMod(f.openTime(), step);
            BigDecimal hi = f.high();
            BigDecimal lo = f.low();
            BigDecimal close = f.close();
            BigDecimal vol = BigDecimal.ZERO;
            BigDecimal qv = BigDecimal.ZERO;
            BigDecimal tb = BigDecimal.ZERO;
            BigDecimal tq = BigDecimal.ZERO;
            boolean hasQ = true;
            long trades = 0;
            int j = i;
            while (j < src.size() && src.get(j).openTime() < open + step) {
                Bar b = src.get(j);
                hi = hi.max(b.high());
                lo = lo.min(b.low());
                close = b.close();
                vol = vol.add(b.volume());
                if (b.quoteVolume() == null) hasQ = false;
                else qv = qv.add(b.quoteVolume());
                if (b.takerBuyBaseVolume() != null) tb = tb.add(b.takerBuyBaseVolume());
                if (b.takerBuyQuoteVolume() != null) tq = tq.add(b.takerBuyQuoteVolume());
                trades += Math.max(0, b.trades());
                j++;
            }
            out.add(new Bar(f.symbol(), target, open, open + step - 1, f.open(), hi, lo, close, vol,
                    hasQ ? qv : null, trades, tb, tq, true));
            i = j;
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ replay

    /** Replay cursor of {@code symbol} (market time, epoch ms), or -1 when it has no klines. */
    long cursor(String symbol) {
        Optional<Series> p = priceSeries(symbol);
        if (p.isEmpty() || p.get().bars().isEmpty()) return -1;
        Series s = p.get();
        long anchor;
        if (replayStart != null && replayStart >= s.openTimes()[0]
                && replayStart <= s.bars().getLast().closeTime()) {
            anchor = replayStart;
        } else {
            anchor = defaultAnchor(s);
        }
        return Math.min(anchor + clock.elapsed(), s.bars().getLast().closeTime());
    }

    /**
     * Default replay start: in the newest gap-free stretch of the series, {@value #WARMUP_BARS} bars after its start
     * (history for charts) but no earlier than 30 days before its end (recent data, which funding history covers).
     */
    static long defaultAnchor(Series s) {
        long[] t = s.openTimes();
        int n = t.length;
        int segStart = n - 1;
        long step = s.interval().millis();
        while (segStart > 0 && (s.interval().isCalendarMonth() || t[segStart] - t[segStart - 1] <= step)) segStart--;
        long a = t[Math.min(n - 1, segStart + WARMUP_BARS)];
        long recent = s.bars().getLast().closeTime() - 30L * 86_400_000L;
        return Math.max(t[segStart], Math.min(Math.max(a, recent), t[n - 1]));
    }

    /** The bar of {@code s} at {@code time}: the forming bar cut at {@code time}, or the last closed bar. */
    static Bar barAt(Series s, long time) {
        int i = s.indexAt(time);
        if (i < 0) return null;
        Bar b = s.bars().get(i);
        if (time >= b.closeTime()) return b;
        double f = (time - b.openTime()) / (double) (b.closeTime() + 1 - b.openTime());
        return partial(b, f);
    }

    /** {@code b} as seen a fraction {@code f} into the bar (path open → low → high → close, or high first). */
    static Bar partial(Bar b, double f) {
        f = Math.max(0, Math.min(1, f));
        boolean bull = b.close().compareTo(b.open()) >= 0;
        BigDecimal[] pts = {b.open(), bull ? b.low() : b.high(), bull ? b.high() : b.low(), b.close()};
        double seg = f * 3;
        int k = Math.min(2, (int) seg);
        double t = seg - k;
        int scale = Math.max(b.close().scale(), Math.max(b.open().scale(), Math.max(b.high().scale(), b.low().scale())));
        BigDecimal price = pts[k].add(pts[k + 1].subtract(pts[k]).multiply(BigDecimal.valueOf(t)))
                .setScale(scale, RoundingMode.HALF_UP);
        BigDecimal hi = price;
        BigDecimal lo = price;
        for (int i = 0; i <= k; i++) {
            hi = hi.max(pts[i]);
            lo = lo.min(pts[i]);
        }
        BigDecimal frac = BigDecimal.valueOf(f);
        BigDecimal vol = b.volume().multiply(frac).setScale(Math.max(8, b.volume().scale()), RoundingMode.DOWN);
        return new Bar(b.symbol(), b.interval(), b.openTime(), b.closeTime(), b.open(), hi, lo, price, vol,
                b.quoteVolume() == null ? null : b.quoteVolume().multiply(frac).setScale(8, RoundingMode.DOWN),
                b.trades() < 0 ? -1 : Math.round(b.trades() * f),
                b.takerBuyBaseVolume() == null ? null : b.takerBuyBaseVolume().multiply(frac).setScale(8, RoundingMode.DOWN),
                b.takerBuyQuoteVolume() == null ? null : b.takerBuyQuoteVolume().multiply(frac).setScale(8, RoundingMode.DOWN),
                false);
    }

    /**
     * Lowest and highest replayed price of {@code symbol} between recorded times {@code from} and {@code to} (the exact
     * path of {@link #partial}), or null when it has no klines. Lets resting orders fill on prices the replay passed
     * between two ticks.
     */
    BigDecimal[] range(String symbol, long from, long to) {
        Optional<Series> p = priceSeries(symbol);
        if (p.isEmpty()) return null;
        Series s = p.get();
        int i0 = Math.max(0, s.indexAt(from));
        int i1 = s.indexAt(to);
        if (i1 < 0) return null;
        BigDecimal lo = null;
        BigDecimal hi = null;
        for (int i = i0; i <= i1; i++) {
            Bar b = s.bars().get(i);
            double len = b.closeTime() + 1 - b.openTime();
            double f1 = Math.max(0, Math.min(1, (from - b.openTime()) / len));
            double f2 = Math.max(0, Math.min(1, (to - b.openTime()) / len));
            if (f2 < f1) continue;
            for (double f : new double[]{f1, f2, 1 / 3.0, 2 / 3.0}) {
                if (f < f1 || f > f2) continue;
                BigDecimal px = partial(b, f).close();
                lo = lo == null ? px : lo.min(px);
                hi = hi == null ? px : hi.max(px);
            }
        }
        return lo == null ? null : new BigDecimal[]{lo, hi};
    }

    /** Current replayed price of {@code symbol} (rounded to its tick), or {@code null} when it has no klines. */
    BigDecimal price(String symbol) {
        Optional<Series> p = priceSeries(symbol);
        if (p.isEmpty()) return null;
        Bar b = barAt(p.get(), cursor(symbol));
        if (b == null) return null;
        Instrument ins = instruments.get(symbol);
        return ins == null ? b.close() : ins.roundPrice(b.close());
    }

    /** Price, or a -1121-style error when the symbol does not replay. */
    BigDecimal requirePrice(String symbol) {
        instrument(symbol);
        BigDecimal p = price(symbol);
        if (p == null) {
            throw SimException.badRequest(-1121, "Invalid symbol: the simulator has no recorded klines for " + symbol + ".");
        }
        return p;
    }

    /** 24-hour statistics at the symbol's cursor; {@code null} when it has no klines. */
    record Stats24h(String symbol, long openTime, long closeTime, BigDecimal open, BigDecimal high, BigDecimal low,
                    BigDecimal last, BigDecimal prevClose, BigDecimal volume, BigDecimal quoteVolume, long count) {
        BigDecimal change() {
            return last.subtract(open);
        }

        BigDecimal changePercent() {
            return open.signum() == 0 ? BigDecimal.ZERO
                    : change().multiply(BigDecimal.valueOf(100)).divide(open, 3, RoundingMode.HALF_UP);
        }

        BigDecimal weightedAvg() {
            return volume.signum() == 0 ? last : quoteVolume.divide(volume, 8, RoundingMode.HALF_UP);
        }
    }

    Stats24h stats24h(String symbol) {
        Optional<Series> p = priceSeries(symbol);
        if (p.isEmpty()) return null;
        Series s = p.get();
        long now = cursor(symbol);
        long from = now - 86_400_000L;
        int i0 = s.firstFrom(from);
        int i1 = s.indexAt(now);
        if (i1 < 0) return null;
        i0 = Math.min(i0, i1);
        BigDecimal open = s.bars().get(i0).open();
        BigDecimal hi = null;
        BigDecimal lo = null;
        BigDecimal vol = BigDecimal.ZERO;
        BigDecimal qv = BigDecimal.ZERO;
        long n = 0;
        BigDecimal last = open;
        for (int i = i0; i <= i1; i++) {
            Bar b = i == i1 ? barAt(s, now) : s.bars().get(i);
            hi = hi == null ? b.high() : hi.max(b.high());
            lo = lo == null ? b.low() : lo.min(b.low());
            vol = vol.add(b.volume());
            qv = qv.add(b.quoteVolume() != null ? b.quoteVolume()
                    : b.volume().multiply(b.close()).setScale(8, RoundingMode.HALF_UP));
            n += Math.max(0, b.trades());
            last = b.close();
        }
        BigDecimal prev = i0 > 0 ? s.bars().get(i0 - 1).close() : open;
        return new Stats24h(symbol, from, now, open, hi, lo, last, prev, vol, qv, n);
    }

    // ------------------------------------------------------------------------------------------ books and tapes

    SimBook book(String symbol) {
        Instrument ins = instrument(symbol);
        requirePrice(symbol);
        return books.computeIfAbsent(ins.symbol(), s -> new SimBook(s, ins, this));
    }

    Iterable<SimBook> books() {
        return books.values();
    }

    SimTape tape(String symbol) {
        Instrument ins = instrument(symbol);
        requirePrice(symbol);
        return tapes.computeIfAbsent(ins.symbol(), s -> new SimTape(s, ins, this));
    }

    Iterable<SimTape> tapes() {
        return tapes.values();
    }

    // ------------------------------------------------------------------------------------------ funding

    /** Recorded funding events of {@code symbol}: {fundingTime, rate as BigDecimal}. */
    List<Object[]> fundingHistory(String symbol) {
        Map<String, List<long[]>> f = funding;
        if (f == null) {
            f = new ConcurrentHashMap<>();
            if (Files.isDirectory(fundingRoot)) {
                try (Stream<Path> s = Files.list(fundingRoot)) {
                    for (Path p : s.sorted().toList()) {
                        String sym = p.getFileName().toString().split("-")[0];
                        f.computeIfAbsent(sym, k -> new ArrayList<>()).addAll(readFunding(p));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            for (List<long[]> l : f.values()) l.sort(Comparator.comparingLong(a -> a[0]));
            funding = f;
        }
        List<Object[]> out = new ArrayList<>();
        for (long[] e : f.getOrDefault(symbol, List.of())) {
            out.add(new Object[]{e[0], BigDecimal.valueOf(e[1], 8)});
        }
        return out;
    }

    private static List<long[]> readFunding(Path p) throws IOException {
        List<long[]> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(open(p), StandardCharsets.UTF_8))) {
            String head = r.readLine();
            if (head == null) return out;
            List<String> cols = List.of(head.trim().split(","));
            int t = cols.indexOf("fundingTime");
            int rate = cols.indexOf("fundingRate");
            if (t < 0 || rate < 0) return out;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                out.add(new long[]{Long.parseLong(f[t].trim()),
                        new BigDecimal(f[rate].trim()).setScale(8, RoundingMode.HALF_UP).unscaledValue().longValue()});
            }
        }
        return out;
    }

    /**
     * The funding period in progress at recorded time {@code time}: {next funding time (recorded time), the rate that
     * settled then}. From the recorded funding history when it covers {@code time} (an event within 1 s after
     * {@code time} counts as settled: Binance stamps some a few ms late); otherwise the next 00/08/16 UTC boundary and
     * 0.0001 (Binance's rate when the premium is zero: the interest rate alone).
     */
    Object[] fundingPeriod(String symbol, long time) {
        List<Object[]> h = fundingHistory(symbol);
        if (!h.isEmpty() && time >= (long) h.getFirst()[0] - 8 * 3_600_000L) {
            for (Object[] e : h) {
                if ((long) e[0] > time + 999) return e;
            }
        }
        long next = time - Math.floorMod(time, 8 * 3_600_000L) + 8 * 3_600_000L;
        return new Object[]{next, new BigDecimal("0.00010000")};
    }

    /** The first REQUEST_WEIGHT / ORDERS limits announced in exchangeInfo. */
    List<RateLimit> rateLimits() {
        return info.rateLimits();
    }
}
