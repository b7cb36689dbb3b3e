package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.marketdata.feed.RecordedMarketFeed;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.ConnectionStatusView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.view.MarketWatchView;
import dev.pennant.ui.view.OrderBookView;
import dev.pennant.ui.viewmodel.ConnectionStatusViewModel;
import dev.pennant.ui.viewmodel.Ladder;
import dev.pennant.ui.viewmodel.MarketRow;
import dev.pennant.ui.viewmodel.MarketWatchViewModel;
import dev.pennant.ui.viewmodel.OrderBookViewModel;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Market Watch, order book and connection segment in a real window over the {@link RecordedMarketFeed} (real
 * recorded Binance data): thousands of instruments of both markets, search, favourites persisted, the NKNUSDT spot
 * book as a ladder and depth chart, and "recorded data" in the status segment.
 */
class MarketWatchViewTest {

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private RecordedMarketFeed feed;
    private MarketWatchViewModel watch;
    private OrderBookViewModel book;
    private OrderBookView bookView;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage stage = FxToolkit.registerPrimaryStage();
        feed = new RecordedMarketFeed(SharedData.binance(), 1.0);
        watch = new MarketWatchViewModel(dataDir);
        book = new OrderBookViewModel();
        ConnectionStatusViewModel conn = new ConnectionStatusViewModel();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            bookView = new OrderBookView(book);
            BorderPane root = new BorderPane();
            root.setLeft(new MarketWatchView(watch).root());
            root.setCenter(bookView.root());
            root.setBottom(new ConnectionStatusView(conn).root());
            Scene scene = new Scene(root, 900, 760);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
        watch.selectedProperty().addListener((o, a, r) -> book.show(r == null ? null : r.market(), r == null ? null : r.symbol()));
        watch.attach(feed);
        book.attach(feed);
        conn.attach(feed);
        feed.start();
        assertThat(stage).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (watch != null) {
            watch.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void listsThousandsOfInstrumentsOfBothMarketsAndTheSearchNarrowsToBtcusdt() throws Exception {
        TableView<MarketRow> table = robot.lookup("#marketTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() > 2000));
        List<MarketRow> all = WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get();
        assertThat(all).anyMatch(r -> r.market() == Market.SPOT).anyMatch(r -> r.market() == Market.USDM_FUTURES);
        // tickers derived from the recorded klines arrive
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> {
            MarketRow btc = watch.row(Market.SPOT, "BTCUSDT");
            return btc != null && btc.lastPriceProperty().get() != null;
        }));

        robot.clickOn("#marketSearch").write("btcusdt");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() < 20));
        List<MarketRow> hits = WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get();
        assertThat(hits).isNotEmpty().allMatch(r -> r.symbol().contains("BTCUSDT"));
        assertThat(hits).anyMatch(r -> r.symbol().equals("BTCUSDT") && r.market() == Market.SPOT)
                .anyMatch(r -> r.symbol().equals("BTCUSDT") && r.market() == Market.USDM_FUTURES);
        // the price is on screen
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup(".table-cell").queryAll().stream()
                .anyMatch(n -> n instanceof TableCell<?, ?> c && c.getText() != null && c.getText().matches("[+-]\\d+\\.\\d\\d%"))));
    }

    @Test
    void starringPersistsToFavouritesTxtAndSurvivesANewViewModel() throws Exception {
        TableView<MarketRow> table = robot.lookup("#marketTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() > 2000));
        robot.clickOn("#marketSearch").write("ETHUSDT");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() < 20));
        MarketRow eth = onFx(() -> watch.row(Market.SPOT, "ETHUSDT"));
        assertThat(eth).as("spot ETHUSDT row").isNotNull();
        WaitForAsyncUtils.waitForFxEvents();
        Node star = robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && c.getTableColumn() != null && "starColumn".equals(c.getTableColumn().getId())
                && c.getTableRow() != null && c.getTableRow().getItem() == eth).query();
        robot.clickOn(star);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(eth::isFavourite));
        Path file = dataDir.resolve("favourites.txt");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> Files.isRegularFile(file)
                && Files.readAllLines(file).contains("SPOT:ETHUSDT"));

        robot.clickOn("#favouritesOnly");
        robot.doubleClickOn("#marketSearch").eraseText(7);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() == 1));

        MarketWatchViewModel again = new MarketWatchViewModel(dataDir);
        try {
            again.attach(feed);
            // the rows' state belongs to the FX thread: read it there (a HashMap read off-thread once saw a row vanish)
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> {
                MarketRow r = again.row(Market.SPOT, "ETHUSDT");
                return r != null && r.isFavourite() && again.row(Market.USDM_FUTURES, "ETHUSDT") != null;
            }));
            assertThat(onFx(() -> again.row(Market.USDM_FUTURES, "ETHUSDT").isFavourite())).isFalse();
        } finally {
            again.close();
        }
    }

    @Test
    void selectingNknusdtSpotShowsALadderAndADepthChart() throws Exception {
        TableView<MarketRow> table = robot.lookup("#marketTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() > 2000));
        robot.clickOn("#marketSearch").write("NKNUSDT");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() <= 2));
        robot.clickOn(robot.lookup(".table-cell").match(n -> n instanceof TableCell<?, ?> c
                && "NKNUSDT".equals(c.getText()) && c.getTableRow().getItem() != null
                && ((MarketRow) c.getTableRow().getItem()).market() == Market.SPOT).<Node>query());
        assertThat(onFx(() -> watch.selectedSymbolProperty().get())).isEqualTo("NKNUSDT");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> book.ladderProperty().get() != null);
        Ladder l = book.ladderProperty().get();
        assertThat(l.symbol()).isEqualTo("NKNUSDT");
        assertThat(l.bids()).hasSize(OrderBookViewModel.LEVELS);
        assertThat(l.bids().getFirst().price()).isLessThan(l.asks().getFirst().price());
        assertThat(l.spread().signum()).isPositive();
        WaitForAsyncUtils.waitForFxEvents();
        // the recorded book keeps moving: bids, asks, spread and depth chart read in one FX turn, from one update
        List<List<String>> shown = onFx(() -> List.of(
                robot.lookup(".bid-price").queryAllAs(Label.class).stream().map(Label::getText).toList(),
                robot.lookup(".ask-price").queryAllAs(Label.class).stream().map(Label::getText).toList(),
                List.of(robot.lookup("#bookSpread").queryAs(Label.class).getText(),
                        Integer.toString(bookView.depthChartPoints()))));
        List<String> bidPrices = shown.get(0);
        List<String> askPrices = shown.get(1);
        assertThat(bidPrices).hasSize(OrderBookView.ROWS).allMatch(s -> !s.isBlank());
        assertThat(askPrices).hasSize(OrderBookView.ROWS).allMatch(s -> !s.isBlank());
        assertThat(Double.parseDouble(bidPrices.getFirst())).isLessThan(Double.parseDouble(askPrices.getLast()));
        assertThat(shown.get(2).get(0)).startsWith("spread ");

        assertThat(Integer.parseInt(shown.get(2).get(1))).isGreaterThan(20);
        Canvas canvas = robot.lookup("#depthChart").queryAs(Canvas.class);
        int[] greenRed = WaitForAsyncUtils.asyncFx(() -> {
            WritableImage img = canvas.snapshot(null, null);
            PixelReader px = img.getPixelReader();
            int green = 0;
            int red = 0;
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    javafx.scene.paint.Color c = px.getColor(x, y);
                    if (c.getGreen() > 0.5 && c.getRed() < 0.4) green++;
                    if (c.getRed() > 0.6 && c.getGreen() < 0.4) red++;
                }
            }
            return new int[] {green, red};
        }).get();
        assertThat(greenRed[0]).as("bid area pixels").isGreaterThan(50);
        assertThat(greenRed[1]).as("ask area pixels").isGreaterThan(50);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "in sync".equals(book.syncStateProperty().get()));
    }

    @Test
    void connectionSegmentSaysRecordedData() throws Exception {
        Label seg = robot.lookup("#connectionStatus").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> seg.getText().startsWith("recorded data")
                && seg.getText().contains(" ok"));
        assertThat(seg.getText()).contains("streams");
    }

}
