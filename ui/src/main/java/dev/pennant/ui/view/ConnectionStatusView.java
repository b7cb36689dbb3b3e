package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.ConnectionStatusViewModel;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Status-bar segment for market data: "recorded data · streams 9 ok" / "Binance mainnet · weight 123/6000 · 85 ms ·
 * streams 12 ok, 1 lagging", coloured by the worst stream state; a tooltip lists every stream.
 */
public final class ConnectionStatusView {

    private final Label label = new Label();

    /** Builds the segment for {@code vm}. */
    public ConnectionStatusView(ConnectionStatusViewModel vm) {
        label.setId("connectionStatus");
        label.setGraphic(new FontIcon("fth-activity"));
        label.textProperty().bind(vm.textProperty());
        label.setMinWidth(Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip();
        tip.textProperty().bind(vm.detailProperty());
        label.setTooltip(tip);
        vm.severityProperty().addListener((o, a, s) -> style(s));
        style(vm.severityProperty().get());
    }

    private void style(ConnectionStatusViewModel.Severity s) {
        label.getStyleClass().removeAll("conn-none", "conn-ok", "conn-warning", "conn-error");
        label.getStyleClass().add("conn-" + s.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The segment. */
    public Label root() {
        return label;
    }
}
