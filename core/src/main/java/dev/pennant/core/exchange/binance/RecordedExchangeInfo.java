package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Instruments from the recorded Binance exchangeInfo responses in {@code shared/data/binance/exchangeInfo}: spot files
 * in {@code spot/}, USDⓈ-M files in {@code futures-um/}, named {@code exchangeInfo-…-yyyyMMdd….json[.gz]} where
 * {@code yyyyMMdd} is the UTC date of the response (its {@code serverTime}; see {@code SOURCES.md}). Used by replay,
 * backtest and paper sessions.
 *
 * <p><b>Which file.</b> Only the market's folder counts. Files are ranked by how far their date lies from the traded
 * data, {@code [first bar, last bar]} by UTC day: 0 days when the date falls inside it, else the days to the nearer
 * end; on a tie the newer file wins (its filters are closer to today's). The first file in that order that lists the
 * symbol gives the instrument — a file without it (e.g. a single-symbol response) is skipped. When none lists it, the
 * choice is {@link InstrumentChoice#defaults} naming the files read. Files whose name has no date rank last; unreadable
 * files are skipped and logged.
 *
 * <p>Each file is parsed once (by {@link ExchangeInfoParser}) and kept. Thread-safe.
 */
public final class RecordedExchangeInfo implements InstrumentSource {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedExchangeInfo.class);
    private static final Pattern NAME = Pattern.compile("exchangeInfo-.*\\.json(\\.gz)?");
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(\\d{8})(?!\\d)");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path binanceDir;
    private final ExchangeInfoParser parser = new ExchangeInfoParser();
    private final Map<Path, ExchangeInfo> parsed = new ConcurrentHashMap<>();

    /** @param binanceDir the {@code shared/data/binance} folder (need not exist: every answer is then the defaults) */
    public RecordedExchangeInfo(Path binanceDir) {
        this.binanceDir = Objects.requireNonNull(binanceDir, "binanceDir");
    }

    /** {@inheritDoc} See the class comment for the file rule. */
    @Override
    public InstrumentChoice choose(Market market, String symbol, long fromMillis, long toMillis) {
        String sym = symbol.trim().toUpperCase(Locale.ROOT);
        List<Path> ranked = ranked(market, fromMillis, toMillis);
        if (ranked.isEmpty()) {
            return InstrumentChoice.defaults(market, sym, "no recorded " + InstrumentChoice.label(market)
                    + " exchangeInfo in " + folder(market));
        }
        List<String> looked = new ArrayList<>();
        for (Path file : ranked) {
            String name = file.getFileName().toString();
            Optional<ExchangeInfo> info = load(market, file);
            if (info.isEmpty()) {
                looked.add(name + " (unreadable)");
                continue;
            }
            Optional<Instrument> ins = info.get().instrument(sym);
            if (ins.isPresent()) {
                return InstrumentChoice.exchangeInfo(ins.get(), name);
            }
            looked.add(name);
        }
        return InstrumentChoice.defaults(market, sym, sym + " not in " + String.join(", ", looked));
    }

    /** The market's exchangeInfo files in the order {@link #choose} tries them for data spanning the two times. */
    List<Path> ranked(Market market, long fromMillis, long toMillis) {
        LocalDate from = day(Math.min(fromMillis, toMillis));
        LocalDate to = day(Math.max(fromMillis, toMillis));
        Comparator<Path> byDistance = Comparator.comparingLong(p -> fileDate(p)
                .map(d -> d.isBefore(from) ? ChronoUnit.DAYS.between(d, from)
                        : d.isAfter(to) ? ChronoUnit.DAYS.between(to, d) : 0L)
                .orElse(Long.MAX_VALUE));
        Comparator<Path> newerFirst = Comparator.comparing((Path p) -> fileDate(p).orElse(LocalDate.MIN)).reversed();
        return files(market).stream().sorted(byDistance.thenComparing(newerFirst)
                .thenComparing(p -> p.getFileName().toString())).toList();
    }

    /** The {@code yyyyMMdd} date in a file name, if any. */
    static Optional<LocalDate> fileDate(Path file) {
        Matcher m = DATE.matcher(file.getFileName().toString());
        while (m.find()) {
            try {
                return Optional.of(LocalDate.parse(m.group(1), YYYYMMDD));
            } catch (DateTimeParseException e) {
                // eight digits that are not a date: look further
            }
        }
        return Optional.empty();
    }

    private List<Path> files(Market market) {
        Path dir = folder(market);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)).toList();
        } catch (IOException e) {
            LOG.warn("cannot list recorded exchangeInfo in {}: {}", dir, e.toString());
            return List.of();
        }
    }

    private Path folder(Market market) {
        return binanceDir.resolve("exchangeInfo").resolve(market == Market.SPOT ? "spot" : "futures-um");
    }

    private Optional<ExchangeInfo> load(Market market, Path file) {
        ExchangeInfo info = parsed.get(file);
        if (info == null) {
            try {
                info = parser.parse(market, file);
            } catch (RuntimeException e) {
                LOG.warn("skipping unreadable recorded exchangeInfo {}: {}", file, e.toString());
                return Optional.empty();
            }
            parsed.put(file, info);
        }
        return Optional.of(info);
    }

    private static LocalDate day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
