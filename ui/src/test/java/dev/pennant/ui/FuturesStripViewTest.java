package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.marketdata.feed.RecordedMarketFeed;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.FuturesStripView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.FuturesStripViewModel;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The futures strip in a real window over the {@link RecordedMarketFeed}: for BTCUSDT (USDⓈ-M) the recorded funding
 * rate, signed and coloured, with a countdown; mark, index and open interest "—" with "not in the recording" as
 * tooltip; hidden for a spot symbol.
 */
class FuturesStripViewTest {

    private final FxRobot robot = new FxRobot();
    private RecordedMarketFeed feed;
    private FuturesStripViewModel vm;
    private Node strip;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage stage = FxToolkit.registerPrimaryStage();
        feed = new RecordedMarketFeed(SharedData.binance(), 1.0);
        vm = new FuturesStripViewModel();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            strip = new FuturesStripView(vm).root();
            Scene scene = new Scene(new VBox(strip), 420, 160);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
        vm.attach(feed);
        feed.start();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !feed.instruments(Market.USDM_FUTURES).isEmpty());
        assertThat(stage).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        feed.close();
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
    }

    private Label label(String id) {
        return robot.lookup("#" + id).queryAs(Label.class);
    }

    @Test
    void recordedFundingWithCountdownAndDashesForWhatWasNotRecorded() throws Exception {
        assertThat(strip.isVisible()).isFalse();
        robot.interact(() -> vm.show(Market.USDM_FUTURES, "BTCUSDT", "BTC", "USDT"));
        assertThat(strip.isVisible()).isTrue();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !label("futuresFunding").getText().equals("—"));

        Label funding = label("futuresFunding");
        String[] text = new String[1];
        List<String> classes = new ArrayList<>();
        robot.interact(() -> { // text and colour read together on the FX thread (the replay moves on)
            text[0] = funding.getText();
            classes.addAll(funding.getStyleClass());
        });
        assertThat(text[0]).matches("[+-]?\\d\\.\\d{4}%");
        if (text[0].startsWith("+")) assertThat(classes).contains("gain").doesNotContain("loss");
        else if (text[0].startsWith("-")) assertThat(classes).contains("loss").doesNotContain("gain");
        else assertThat(classes).doesNotContain("gain", "loss");
        assertThat(label("futuresCountdown").getText()).matches("in \\d{2}:\\d{2}:\\d{2}");
        assertThat(funding.getTooltip().getText()).contains("recorded funding history");

        for (String id : new String[] {"futuresMark", "futuresIndex", "futuresOpenInterest"}) {
            Label l = label(id);
            assertThat(l.getText()).as(id).isEqualTo("—");
            assertThat(l.getTooltip().getText()).as(id).startsWith("not in the recording");
        }

        robot.interact(() -> vm.show(Market.SPOT, "BTCUSDT", "BTC", "USDT"));
        assertThat(strip.isVisible()).isFalse();
        assertThat(strip.isManaged()).isFalse();
    }
}
