package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.ChartOrders;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import javafx.geometry.Point2D;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.ContextMenuEvent;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Orders from the price chart: a right-click at a price opens a menu of the orders that make sense there
 * ({@link ChartOrders#at}: BUY LIMIT / SELL stop below the last price, SELL LIMIT / BUY stop above it); choosing one
 * pre-fills the order ticket at that price (rounded to the tick) and opens the ticket's confirmation, exactly as the
 * ticket's Review button would. The ticket's quantity is used; when the ticket is not complete (no quantity yet) its
 * validation line says what is missing and no confirmation opens.
 */
final class ChartTrading {

    private final ChartOrders orders;
    private final Runnable reviewAndConfirm;
    private final ContextMenu menu = new ContextMenu();

    /**
     * @param orders           which orders a price allows, and the ticket they pre-fill
     * @param reviewAndConfirm reviews the ticket and opens its confirmation dialog
     */
    ChartTrading(ChartOrders orders, Runnable reviewAndConfirm) {
        this.orders = orders;
        this.reviewAndConfirm = reviewAndConfirm;
        menu.setId("chartOrderMenu");
    }

    /** Right-clicks on {@code chart} within the range of its price axis {@code priceAxis} open the order menu. */
    void install(XYChart chart, Axis priceAxis) {
        chart.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            Optional<BigDecimal> price = priceAt(chart, priceAxis, e.getSceneX(), e.getSceneY());
            List<ChartOrders.Choice> choices = price.map(orders::at).orElse(List.of());
            if (choices.isEmpty()) {
                return;
            }
            MenuItem head = new MenuItem("Order here with the ticket's quantity");
            head.setDisable(true);
            menu.getItems().setAll(head, new SeparatorMenuItem());
            for (ChartOrders.Choice c : choices) {
                MenuItem item = new MenuItem(c.label());
                item.setMnemonicParsing(false); // STOP_LOSS_LIMIT, not a mnemonic
                item.setId(c.id());
                item.setOnAction(a -> {
                    if (orders.prefill(c)) {
                        reviewAndConfirm.run();
                    }
                });
                menu.getItems().add(item);
            }
            menu.show(chart, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        chart.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> menu.hide());
    }

    /**
     * The price under a scene point: the price axis' value at the point's height in the plot area (ChartFX draws on
     * the plot canvas in the axes' display coordinates); empty outside the plot area (axes, title, legend) or when the
     * axis has no range yet.
     */
    static Optional<BigDecimal> priceAt(XYChart chart, Axis axis, double sceneX, double sceneY) {
        javafx.scene.canvas.Canvas plot = chart.getCanvas();
        Point2D p = plot.sceneToLocal(sceneX, sceneY);
        if (p == null || p.getX() < 0 || p.getX() > plot.getWidth() || p.getY() < 0 || p.getY() > plot.getHeight()) {
            return Optional.empty();
        }
        double v = axis.getValueForDisplay(p.getY());
        return Double.isFinite(v) && v > 0 ? Optional.of(BigDecimal.valueOf(v)) : Optional.empty();
    }
}
