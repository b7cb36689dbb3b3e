package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.marketdata.feed.Ticker24h;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The Market Watch: every instrument of both markets as a {@link MarketRow}, with 24 h tickers, a search filter,
 * favourites (persisted to {@code <dataDir>/favourites.txt}, one {@code MARKET:SYMBOL} per line) and the selection.
 *
 * <p>Threading: ticker batches arrive on the feed's threads into an inbox keeping the latest ticker per symbol
 * (bounded by the number of symbols); at most one FX drain is pending and each applies at most
 * {@link #MAX_TICKERS_PER_DRAIN} tickers (the rest wait for the next drain). Rows are updated in place through a
 * key → row map, so the list, its filter and the table's sort order stay put while prices move; rows are re-ordered
 * only when symbols get their first ticker (rows with data first, by quote volume). Favourites are read and written on
 * a background thread.
 */
public final class MarketWatchViewModel implements AutoCloseable {

    /** Ticker updates applied per FX drain at most. */
    public static final int MAX_TICKERS_PER_DRAIN = 3000;
    private static final Logger log = LoggerFactory.getLogger(MarketWatchViewModel.class);

    private final Path favouritesFile;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("pennant-favourites").unstarted(r));
    private final FxCoalescer coalescer = new FxCoalescer(this::drain);

    // FX thread
    private final ObservableList<MarketRow> rows = FXCollections.observableArrayList();
    private final FilteredList<MarketRow> filtered = new FilteredList<>(rows);
    private final ObservableList<MarketRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    // written on the FX thread only; concurrent so that row() may be called from any thread (tests poll it)
    private final Map<String, MarketRow> byKey = new ConcurrentHashMap<>();
    private final Set<String> favourites = new TreeSet<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final BooleanProperty favouritesOnly = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<MarketRow> selected = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper instrumentCount = new ReadOnlyIntegerWrapper();
    private final javafx.beans.property.ReadOnlyStringWrapper selectedSymbol = new javafx.beans.property.ReadOnlyStringWrapper("");
    private String pendingSelection;
    private BiConsumer<Market, String> onOpenChart = (m, s) -> { };

    // inbox (guarded by lock)
    private final Object lock = new Object();
    private final LinkedHashMap<String, Ticker24h> pendingTickers = new LinkedHashMap<>();
    private List<Instrument> pendingInstruments;
    private Set<String> pendingFavourites;
    private volatile MarketFeed feed;
    private volatile int knownInstruments;

    /** A Market Watch keeping favourites in {@code <dataDir>/favourites.txt}; loads them at once (off the FX thread). */
    public MarketWatchViewModel(Path dataDir) {
        this.favouritesFile = dataDir.resolve("favourites.txt");
        search.addListener((o, a, b) -> refilter());
        favouritesOnly.addListener((o, a, b) -> refilter());
        selected.addListener((o, a, r) -> selectedSymbol.set(r == null ? "" : r.symbol()));
        io.execute(this::loadFavourites);
    }

    /** Connects to a feed (any thread, once): listens for tickers and picks up instruments as they load. */
    public void attach(MarketFeed f) {
        this.feed = f;
        f.onTickers(batch -> {
            synchronized (lock) {
                for (Ticker24h t : batch) {
                    pendingTickers.remove(MarketRow.key(t.market(), t.symbol()));
                    pendingTickers.put(MarketRow.key(t.market(), t.symbol()), t);
                }
            }
            checkInstruments();
            coalescer.schedule();
        });
        f.onStatus(s -> checkInstruments());
        checkInstruments();
    }

    /** Feed thread: queues the instrument list when more are known than the rows hold. */
    private void checkInstruments() {
        MarketFeed f = feed;
        if (f == null) {
            return;
        }
        List<Instrument> spot = f.instruments(Market.SPOT);
        List<Instrument> fut = f.instruments(Market.USDM_FUTURES);
        int n = spot.size() + fut.size();
        if (n > knownInstruments) {
            knownInstruments = n;
            List<Instrument> all = new ArrayList<>(n);
            all.addAll(spot);
            all.addAll(fut);
            synchronized (lock) {
                pendingInstruments = all;
            }
            coalescer.schedule();
        }
    }

    // ------------------------------------------------------------------ FX drain

    private void drain() {
        List<Instrument> instruments;
        List<Ticker24h> tickers = new ArrayList<>();
        Set<String> favs;
        boolean more;
        synchronized (lock) {
            instruments = pendingInstruments;
            pendingInstruments = null;
            favs = pendingFavourites;
            pendingFavourites = null;
            Iterator<Ticker24h> it = pendingTickers.values().iterator();
            while (it.hasNext() && tickers.size() < MAX_TICKERS_PER_DRAIN) {
                tickers.add(it.next());
                it.remove();
            }
            more = !pendingTickers.isEmpty();
        }
        if (favs != null) {
            favourites.addAll(favs);
            for (String k : favs) {
                MarketRow r = byKey.get(k);
                if (r != null) {
                    r.setFavourite(true);
                }
            }
        }
        boolean reorder = false;
        if (instruments != null) {
            List<MarketRow> added = new ArrayList<>();
            for (Instrument i : instruments) {
                String k = MarketRow.key(i.market(), i.symbol());
                if (!byKey.containsKey(k)) {
                    MarketRow r = new MarketRow(i.market(), i.symbol(), i.baseAsset(), i.quoteAsset());
                    r.setFavourite(favourites.contains(k));
                    byKey.put(k, r);
                    added.add(r);
                }
            }
            added.sort(Comparator.comparing(MarketRow::market).thenComparing(MarketRow::symbol));
            rows.addAll(added);
            instrumentCount.set(rows.size());
            reorder = true;
        }
        for (Ticker24h t : tickers) {
            String k = MarketRow.key(t.market(), t.symbol());
            MarketRow r = byKey.get(k);
            if (r == null) {
                continue; // a symbol not in exchangeInfo (delisted since): not listed
            }
            if (!r.hasTicker()) {
                reorder = true;
            }
            r.update(t.lastPrice(), t.priceChangePercent(), t.quoteVolume());
        }
        if (reorder) {
            reorder();
        }
        if (pendingSelection != null && byKey.containsKey(pendingSelection)) {
            selected.set(byKey.get(pendingSelection));
            pendingSelection = null;
        }
        if (more) {
            coalescer.schedule();
        }
    }

    /** Rows with data first (favourites first among all), by quote volume, then by market and symbol. */
    private void reorder() {
        Comparator<MarketRow> c = Comparator.comparing((MarketRow r) -> !r.isFavourite())
                .thenComparing(r -> !r.hasTicker())
                .thenComparing((MarketRow r) -> r.quoteVolumeProperty().get() == null ? BigDecimal.ZERO
                        : r.quoteVolumeProperty().get(), Comparator.reverseOrder())
                .thenComparing(MarketRow::market).thenComparing(MarketRow::symbol);
        List<MarketRow> sorted = new ArrayList<>(rows);
        sorted.sort(c);
        if (!sorted.equals(rows)) {
            rows.setAll(sorted);
        }
    }

    private void refilter() {
        String q = search.get() == null ? "" : search.get().trim().toUpperCase(Locale.ROOT);
        boolean favOnly = favouritesOnly.get();
        filtered.setPredicate(r -> (!favOnly || r.isFavourite()) && r.matches(q));
    }

    // ------------------------------------------------------------------ commands (FX thread)

    /** Stars or un-stars a row and saves the favourites (in the background). */
    public void toggleFavourite(MarketRow row) {
        boolean now = !row.isFavourite();
        row.setFavourite(now);
        if (now) {
            favourites.add(row.key());
        } else {
            favourites.remove(row.key());
        }
        if (favouritesOnly.get()) {
            refilter();
        }
        List<String> snapshot = List.copyOf(favourites);
        io.execute(() -> saveFavourites(snapshot));
    }

    /** Selects a row (null clears the selection). */
    public void select(MarketRow row) {
        selected.set(row);
    }

    /** Selects {@code symbol} of {@code market} now, or as soon as its row exists. */
    public void select(Market market, String symbol) {
        MarketRow r = byKey.get(MarketRow.key(market, symbol));
        if (r != null) {
            selected.set(r);
        } else {
            pendingSelection = MarketRow.key(market, symbol);
        }
    }

    /**
     * "Open chart" on a row (double-click, Enter, context menu): selects it and hands its market and symbol to the
     * handler set with {@link #setOnOpenChart} (the terminal, which switches its chart and paper session). A plain
     * selection ({@link #select(MarketRow)}) only selects. Null is ignored. FX thread.
     */
    public void openChart(MarketRow row) {
        if (row == null) {
            return;
        }
        selected.set(row);
        onOpenChart.accept(row.market(), row.symbol());
    }

    /**
     * Sets what {@link #openChart} does with a market and symbol; by default nothing.
     *
     * @throws NullPointerException when {@code handler} is null
     */
    public void setOnOpenChart(BiConsumer<Market, String> handler) {
        this.onOpenChart = java.util.Objects.requireNonNull(handler, "handler");
    }

    /**
     * The row of {@code symbol} in {@code market}, or null while its instrument has not been listed yet. Any thread
     * (the row's properties themselves belong to the FX thread).
     */
    public MarketRow row(Market market, String symbol) {
        return byKey.get(MarketRow.key(market, symbol));
    }

    // ------------------------------------------------------------------ favourites file (io thread)

    private void loadFavourites() {
        Set<String> loaded = new HashSet<>();
        try {
            if (Files.isRegularFile(favouritesFile)) {
                for (String line : Files.readAllLines(favouritesFile, StandardCharsets.UTF_8)) {
                    String s = line.trim();
                    if (!s.isEmpty() && !s.startsWith("#")) {
                        loaded.add(s);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("favourites not readable: {}", favouritesFile, e);
        }
        if (!loaded.isEmpty()) {
            synchronized (lock) {
                pendingFavourites = loaded;
            }
            coalescer.schedule();
        }
    }

    private void saveFavourites(List<String> keys) {
        try {
            Files.createDirectories(favouritesFile.getParent());
            Path tmp = favouritesFile.resolveSibling("favourites.txt.tmp");
            List<String> lines = new ArrayList<>();
            lines.add("# Pennant Market Watch favourites: MARKET:SYMBOL per line");
            lines.addAll(keys);
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, favouritesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("favourites not saved to {}", favouritesFile, e);
        }
    }

    /** Waits (briefly) for pending favourites writes and stops the background thread. */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ state for the view

    /** All rows (FX thread), in display order. */
    public ObservableList<MarketRow> allRows() { return rowsView; }
    /** The rows passing the search filter and "favourites only" (wrap in a SortedList for column sorting). */
    public ObservableList<MarketRow> rows() { return filtered; }
    /** Search text: matches symbol, base or quote asset, case-insensitive. */
    public StringProperty searchProperty() { return search; }
    /** Show only starred rows. */
    public BooleanProperty favouritesOnlyProperty() { return favouritesOnly; }
    /** The selected row, or null. */
    public ReadOnlyObjectProperty<MarketRow> selectedProperty() { return selected.getReadOnlyProperty(); }
    /** Symbol of the selected row, or empty. */
    public javafx.beans.property.ReadOnlyStringProperty selectedSymbolProperty() { return selectedSymbol.getReadOnlyProperty(); }
    /** Number of instruments listed. */
    public ReadOnlyIntegerProperty instrumentCountProperty() { return instrumentCount.getReadOnlyProperty(); }
    /** The favourites file. */
    public Path favouritesFile() { return favouritesFile; }
}
