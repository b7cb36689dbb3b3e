package dev.pennant.ui.viewmodel;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Objects;

/**
 * The price chart panel's state: candles (bounded to {@link #CAPACITY}), the still-forming bar, fill markers, the
 * strategy's indicator specs, and which market / symbol / interval the chart (and the session behind it) shows.
 *
 * <p>Everything is read and changed on the FX thread. Switching symbol or interval is a request
 * ({@link #openChart(Market, String, Interval)}) that the terminal works on off the FX thread; when the new session
 * runs, {@link TerminalViewModel} calls {@link #showSession} and the chart starts empty on the new instrument.
 */
public final class ChartViewModel {

    /** Candles kept on the chart. */
    public static final int CAPACITY = 300;

    /** Where {@link #openChart} requests go (the terminal: its io thread starts the new session). */
    @FunctionalInterface
    interface Opener {
        /** Asks for {@code symbol} of {@code market} in {@code interval} ({@code null}: keep the chart's interval). */
        void open(Market market, String symbol, Interval interval);
    }

    private final Opener opener;
    private final ObservableList<ChartPoint> points = FXCollections.observableArrayList();
    private final ObservableList<TradeMarker> markers = FXCollections.observableArrayList();
    // One read-only wrapper each, kept: wrappers hold their listeners weakly, a fresh one per call would lose them.
    private final ObservableList<ChartPoint> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ObservableList<TradeMarker> markersView = FXCollections.unmodifiableObservableList(markers);
    private final ReadOnlyObjectWrapper<ChartPoint> formingBar = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<List<IndicatorSpec>> indicatorSpecs = new ReadOnlyObjectWrapper<>(List.of());
    private final ReadOnlyObjectWrapper<Market> market = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper symbol = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Interval> interval = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper switching = new ReadOnlyBooleanWrapper(false);

    ChartViewModel(Market market, String symbol, Interval interval, Opener opener) {
        this.opener = Objects.requireNonNull(opener, "opener");
        this.market.set(market);
        this.symbol.set(symbol);
        this.interval.set(interval);
        this.title.set(title(symbol, interval, market));
    }

    // ------------------------------------------------------------------ commands (FX thread)

    /**
     * Asks to switch the chart and the session to {@code symbol} of {@code market} in {@code interval}; returns at
     * once (see {@link TerminalViewModel#openChart(Market, String, Interval)} for what happens and what is refused).
     *
     * @throws NullPointerException when an argument is null
     */
    public void openChart(Market market, String symbol, Interval interval) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        opener.open(market, symbol, interval);
    }

    // ------------------------------------------------------------------ updates from the terminal (FX thread)

    /** A new session runs: empty chart on {@code market}/{@code symbol}/{@code interval} with its indicators. */
    void showSession(Market market, String symbol, Interval interval, List<IndicatorSpec> specs) {
        points.clear();
        markers.clear();
        formingBar.set(null);
        indicatorSpecs.set(specs);
        this.market.set(market);
        this.symbol.set(symbol);
        this.interval.set(interval);
        title.set(title(symbol, interval, market));
    }

    /** Appends closed bars (oldest first), keeping the newest {@link #CAPACITY} and the markers in range. */
    void appendBars(List<ChartPoint> bars) {
        if (bars.isEmpty()) {
            return;
        }
        int overflow = points.size() + bars.size() - CAPACITY;
        if (overflow > 0) {
            points.remove(0, Math.min(overflow, points.size()));
        }
        points.addAll(bars.size() > CAPACITY ? bars.subList(bars.size() - CAPACITY, bars.size()) : bars);
        double firstX = points.getFirst().x();
        markers.removeIf(m -> m.x() < firstX);
    }

    /** The still-forming bar, or null once it closed. */
    void setForming(ChartPoint forming) {
        formingBar.set(forming);
    }

    /** Marks {@code fill} on the chart. */
    void addFill(Fill fill) {
        markers.add(new TradeMarker(fill.time() / 1000.0, fill.price().doubleValue(), fill.side()));
    }

    void setSwitching(boolean busy) {
        switching.set(busy);
    }

    /** Chart heading, e.g. {@code ETHUSDT · 1h · spot}. */
    static String title(String symbol, Interval interval, Market market) {
        return symbol + " · " + interval + " · " + ChartSwitch.label(market);
    }

    // ------------------------------------------------------------------ read-only views

    /** Candles on the chart (bounded to {@link #CAPACITY}), oldest first. */
    public ObservableList<ChartPoint> points() { return pointsView; }
    /** Fills to mark on the chart (those within the chart's range). */
    public ObservableList<TradeMarker> markers() { return markersView; }
    /** The still-forming live bar, or null. */
    public ReadOnlyObjectProperty<ChartPoint> formingBarProperty() { return formingBar.getReadOnlyProperty(); }
    /** The strategy's indicators (overlays and sub-pane oscillators). */
    public ReadOnlyObjectProperty<List<IndicatorSpec>> indicatorSpecsProperty() { return indicatorSpecs.getReadOnlyProperty(); }
    /** Market of the chart and session (the start-up options' until a session starts). */
    public ReadOnlyObjectProperty<Market> marketProperty() { return market.getReadOnlyProperty(); }
    /** Symbol of the chart and session, e.g. {@code ETHUSDT}. */
    public ReadOnlyStringProperty symbolProperty() { return symbol.getReadOnlyProperty(); }
    /** Bar interval actually running (a replay may fall back to another interval than the one asked for). */
    public ReadOnlyObjectProperty<Interval> intervalProperty() { return interval.getReadOnlyProperty(); }
    /** Chart heading: {@code ETHUSDT · 1h · spot}. */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** True while a chart switch is being worked on; false once the new session runs or the request was refused. */
    public ReadOnlyBooleanProperty switchingProperty() { return switching.getReadOnlyProperty(); }
}
