package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.Ladder;
import dev.pennant.ui.viewmodel.OrderBookViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import dev.pennant.ui.viewmodel.LadderTradingViewModel;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

import java.util.List;

/**
 * The order book of the selected symbol: a ladder (asks above, best ask next to the spread row, bids below; price /
 * size / cumulative with depth bars behind the rows) and a depth chart of cumulative bid and ask sizes, drawn on a
 * plain {@link Canvas} at most once per view-model update.
 */
public final class OrderBookView {

    /** Ladder rows per side. */
    public static final int ROWS = 8;
    private static final double ROW_HEIGHT = 18;
    private static final Color BID = Color.web("#22c55e");
    private static final Color ASK = Color.web("#ef4444");

    private final OrderBookViewModel vm;
    private final VBox root = new VBox(4);
    private final Row[] askRows = new Row[ROWS];
    private final Row[] bidRows = new Row[ROWS];
    private final Label spread = new Label("—");
    private final Canvas canvas = new Canvas();
    private int drawnPoints;

    private static final class Row {
        final StackPane pane = new StackPane();
        final Region bar = new Region();
        final Label price = cell("ob-price");
        final Label size = cell("ob-size");
        final Label total = cell("ob-total");
        Ladder.Level level; // the level shown, or null

        Row(boolean bid) {
            bar.getStyleClass().add(bid ? "depth-bar-bid" : "depth-bar-ask");
            bar.setMaxWidth(0);
            StackPane.setAlignment(bar, Pos.CENTER_RIGHT);
            price.getStyleClass().add(bid ? "bid-price" : "ask-price");
            HBox cells = new HBox(price, size, total);
            cells.setAlignment(Pos.CENTER_LEFT);
            pane.getChildren().addAll(bar, cells);
            pane.setMinHeight(ROW_HEIGHT);
            pane.setPrefHeight(ROW_HEIGHT);
            pane.setMaxHeight(ROW_HEIGHT);
            pane.getStyleClass().add("ob-row");
        }

        static Label cell(String style) {
            Label l = new Label();
            l.getStyleClass().addAll("ob-cell", style);
            l.setMaxWidth(Double.MAX_VALUE);
            l.setAlignment(Pos.CENTER_RIGHT);
            HBox.setHgrow(l, Priority.ALWAYS);
            l.setMinWidth(0);
            l.setPrefWidth(10);
            return l;
        }

        void set(Ladder.Level l, double max, double width, int priceScale) {
            level = l;
            if (l == null) {
                price.setText("");
                size.setText("");
                total.setText("");
                bar.setMaxWidth(0);
                return;
            }
            price.setText(l.price().setScale(Math.max(priceScale, l.price().stripTrailingZeros().scale()),
                    java.math.RoundingMode.UNNECESSARY).toPlainString());
            size.setText(MarketFormat.compact(l.quantity()));
            total.setText(MarketFormat.compact(l.cumulative()));
            bar.setMaxWidth(max <= 0 ? 0 : width * l.cumulative().doubleValue() / max);
        }
    }

    /** Builds the view for {@code vm}, without trading from the ladder. */
    public OrderBookView(OrderBookViewModel vm) {
        this(vm, null);
    }

    /**
     * Builds the view for {@code vm}; with {@code trading} a click on a level places (one-click on) or pre-fills
     * (one-click off, the default) a LIMIT order at its price: bids BUY, asks SELL.
     */
    public OrderBookView(OrderBookViewModel vm, LadderTradingViewModel trading) {
        this.vm = vm;
        Label title = new Label();
        title.getStyleClass().add("panel-title");
        title.textProperty().bind(vm.titleProperty());
        Label sync = new Label();
        sync.setId("bookSyncState");
        sync.getStyleClass().add("muted");
        sync.textProperty().bind(vm.syncStateProperty());
        sync.setWrapText(true);

        HBox head = new HBox(header("Price"), header("Size"), header("Total"));
        VBox ladder = new VBox();
        ladder.setId("bookLadder");
        ladder.getChildren().add(head);
        for (int i = ROWS - 1; i >= 0; i--) {
            askRows[i] = new Row(false);
            askRows[i].pane.setId("bookAsk-" + i);
            ladder.getChildren().add(askRows[i].pane);
        }
        spread.setId("bookSpread");
        spread.getStyleClass().add("ob-spread");
        spread.setMaxWidth(Double.MAX_VALUE);
        spread.setAlignment(Pos.CENTER);
        ladder.getChildren().add(spread);
        for (int i = 0; i < ROWS; i++) {
            bidRows[i] = new Row(true);
            bidRows[i].pane.setId("bookBid-" + i);
            ladder.getChildren().add(bidRows[i].pane);
        }
        ladder.getStyleClass().add("ob-ladder");

        canvas.setId("depthChart");
        Pane chartPane = new Pane(canvas);
        chartPane.getStyleClass().add("depth-chart");
        chartPane.setMinHeight(110);
        chartPane.setPrefHeight(150);
        canvas.widthProperty().bind(chartPane.widthProperty());
        canvas.heightProperty().bind(chartPane.heightProperty());
        canvas.widthProperty().addListener(o -> draw(vm.ladderProperty().get()));
        canvas.heightProperty().addListener(o -> draw(vm.ladderProperty().get()));
        VBox.setVgrow(chartPane, Priority.ALWAYS);

        ladder.setMinHeight(Region.USE_PREF_SIZE);
        root.getChildren().addAll(title, sync);
        if (trading != null) {
            root.getChildren().add(tradingBar(trading));
        }
        root.getChildren().addAll(ladder, chartPane);
        root.setPadding(new Insets(8));
        root.setMinWidth(0);
        root.getStyleClass().add("order-book");
        vm.ladderProperty().addListener((o, a, l) -> update(l));
        ladder.widthProperty().addListener(o -> update(vm.ladderProperty().get()));
        update(vm.ladderProperty().get());
    }

    /** The one-click toggle and the last click's message; level clicks go to {@code trading}. */
    private VBox tradingBar(LadderTradingViewModel trading) {
        CheckBox oneClick = new CheckBox("One-click trading");
        oneClick.setId("oneClickTrading");
        oneClick.selectedProperty().bindBidirectional(trading.oneClickProperty());
        oneClick.setTooltip(new Tooltip("On: a click on a bid sends a BUY LIMIT, on an ask a SELL LIMIT at that price with "
                + "the ticket's quantity, without confirmation. Off: the click only fills in the ticket."));
        Label msg = new Label();
        msg.setId("ladderMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(trading.messageProperty());
        trading.messageIsErrorProperty().addListener((o, a, err) -> {
            msg.getStyleClass().removeAll("ticket-error", "ticket-ok");
            msg.getStyleClass().add(err ? "ticket-error" : "ticket-ok");
        });
        for (Row[] side : List.of(askRows, bidRows)) {
            for (Row r : side) {
                boolean bid = side == bidRows;
                r.pane.setOnMouseClicked(e -> {
                    Ladder l = vm.ladderProperty().get();
                    if (e.getButton() == MouseButton.PRIMARY && r.level != null && l != null) {
                        trading.click(l, bid, r.level.price());
                    }
                });
            }
        }
        msg.managedProperty().bind(msg.textProperty().isNotEmpty());
        msg.visibleProperty().bind(msg.managedProperty());
        msg.setMinHeight(Region.USE_PREF_SIZE);
        return new VBox(2, oneClick, msg);
    }

    /** The view. */
    public Parent root() {
        return root;
    }

    /** Points (levels of both sides) drawn on the depth chart by the last redraw (tests). */
    public int depthChartPoints() {
        return drawnPoints;
    }

    private static Label header(String s) {
        Label l = Row.cell("ob-header");
        l.setText(s);
        return l;
    }

    private void update(Ladder l) {
        double width = askRows[0].pane.getWidth();
        double max = l == null ? 0 : l.maxCumulative();
        int scale = 0; // one number of decimals for all prices shown, so the column lines up
        if (l != null) {
            for (List<Ladder.Level> side : List.of(l.bids(), l.asks())) {
                for (int i = 0; i < Math.min(ROWS, side.size()); i++) {
                    scale = Math.max(scale, side.get(i).price().stripTrailingZeros().scale());
                }
            }
        }
        for (int i = 0; i < ROWS; i++) {
            askRows[i].set(l != null && i < l.asks().size() ? l.asks().get(i) : null, max, width, scale);
            bidRows[i].set(l != null && i < l.bids().size() ? l.bids().get(i) : null, max, width, scale);
        }
        if (l == null || l.spread() == null) {
            spread.setText(l == null ? "—" : "one side empty");
        } else {
            double pct = l.mid().signum() == 0 ? 0 : l.spread().doubleValue() / l.mid().doubleValue() * 100;
            spread.setText(String.format(java.util.Locale.ROOT, "spread %s (%.3f %%) · mid %s",
                    MarketFormat.price(l.spread()), pct, MarketFormat.price(l.mid())));
        }
        draw(l);
    }

    private void draw(Ladder l) {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        drawnPoints = 0;
        if (w < 20 || h < 20 || l == null || l.bids().isEmpty() || l.asks().isEmpty() || l.maxCumulative() <= 0) {
            g.setFill(Color.gray(0.55));
            g.setTextAlign(TextAlignment.CENTER);
            g.setTextBaseline(VPos.CENTER);
            g.fillText(l == null ? "no book" : "depth chart needs both sides", w / 2, h / 2);
            return;
        }
        double bottom = h - 16;
        double lo = l.bids().getLast().price().doubleValue();
        double hi = l.asks().getLast().price().doubleValue();
        double range = hi - lo;
        if (range <= 0) {
            return;
        }
        double max = l.maxCumulative() * 1.05;
        drawSide(g, l.bids(), lo, range, w, bottom, max, BID, true);
        drawSide(g, l.asks(), lo, range, w, bottom, max, ASK, false);
        drawnPoints = l.bids().size() + l.asks().size();
        g.setFill(Color.gray(0.6));
        g.setFont(Font.font(10.5));
        g.setTextBaseline(VPos.BOTTOM);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(MarketFormat.price(l.bids().getLast().price()), 2, h - 1);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(MarketFormat.price(l.asks().getLast().price()), w - 2, h - 1);
        g.setTextAlign(TextAlignment.CENTER);
        g.fillText(MarketFormat.price(l.mid()), x(l.mid().doubleValue(), lo, range, w), h - 1);
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(MarketFormat.compact(l.maxCumulative()), 2, 2);
    }

    private static double x(double price, double lo, double range, double w) {
        return (price - lo) / range * w;
    }

    /** A cumulative step area from the best level outwards. */
    private static void drawSide(GraphicsContext g, List<Ladder.Level> side, double lo, double range, double w,
                                 double bottom, double max, Color c, boolean bid) {
        g.beginPath();
        double x0 = x(side.getFirst().price().doubleValue(), lo, range, w);
        g.moveTo(x0, bottom);
        double prevY = bottom;
        for (Ladder.Level lv : side) {
            double x = x(lv.price().doubleValue(), lo, range, w);
            double y = bottom - lv.cumulative().doubleValue() / max * (bottom - 4);
            g.lineTo(x, prevY);
            g.lineTo(x, y);
            prevY = y;
        }
        g.lineTo(bid ? 0 : w, prevY);
        g.lineTo(bid ? 0 : w, bottom);
        g.closePath();
        g.setFill(c.deriveColor(0, 1, 1, 0.28));
        g.fill();
        g.setStroke(c);
        g.setLineWidth(1.5);
        g.stroke();
    }
}
