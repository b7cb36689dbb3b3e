package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.llm.LlmAnalyst;
import dev.pennant.core.ai.llm.ProviderProfile;
import dev.pennant.core.ai.record.H2DecisionStore;
import dev.pennant.core.ai.sentiment.FearGreedSource;
import dev.pennant.core.ai.sentiment.FeedSentimentSource;
import dev.pennant.core.ai.sentiment.HeadlineScorer;
import dev.pennant.core.ai.sentiment.JsonFetcher;
import dev.pennant.core.ai.sentiment.SentimentMonitor;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.testkit.OpenAiStub;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.AiReasoningView;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.AiReasoningViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI Reasoning panel in a real window: real BTCUSDT bars feed the view-model's engine listener, the analyst talks
 * to a loopback OpenAI-compatible stub, sentiment comes from local feed fixtures; the decision, gauge, factors,
 * usage, history, ask box and the degraded state show. Saves {@code target/ai-reasoning.png}.
 */
class AiReasoningViewTest {

    private static final HeadlineScorer KEYWORDS = new HeadlineScorer() {
        @Override public Score score(String h) {
            return h.contains("jumps") ? new Score(0.8, 0.9) : h.contains("hack") ? new Score(-0.7, 0.8) : new Score(0, 0.6);
        }
        @Override public String name() { return "keywords"; }
    };

    private final FxRobot robot = new FxRobot();
    private OpenAiStub stub;
    private AiReasoningViewModel vm;
    private H2DecisionStore store;
    private Stage primary;
    private List<Bar> bars;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        primary = FxToolkit.registerPrimaryStage();
        stub = new OpenAiStub();
        bars = new KlineCsvImporter().read(
                SharedData.file("futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz")).bars().subList(0, 301);
        vm = new AiReasoningViewModel(Platform::runLater, Executors.newSingleThreadExecutor(),
                Clock.fixed(Instant.parse("2025-01-13T12:00:00Z"), ZoneOffset.UTC));
        store = H2DecisionStore.open(dir);
        vm.useStore(store);
        vm.useAnalyst(LlmAnalyst.builder(ProviderProfile.of("stub", stub.baseUrl(), "gpt-4o-mini", null)
                .withPrices(new java.math.BigDecimal("0.15"), new java.math.BigDecimal("0.60"))).cache(store).recorder(store)
                .retry(new dev.pennant.core.ai.llm.RetryPolicy(1, java.time.Duration.ZERO, java.time.Duration.ZERO)).build());
        Path rss = fixture("news.rss.xml"); // core's test-jar resources, copied out (inside a jar under verify)
        Path fng = fixture("fng.json");
        SentimentMonitor monitor = new SentimentMonitor(List.of(
                FeedSentimentSource.news("example-rss", rss.toUri(), KEYWORDS),
                new FearGreedSource(JsonFetcher.files(Map.of("/fng/", fng)))),
                Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
        vm.useSentiment(monitor);
        monitor.pollNow();
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            Scene scene = new Scene(new AiReasoningView(vm, new Label("strategy signals")).root(), 460, 980);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
        });
        vm.setAnalyzeEveryBars(0); // only the buttons analyse here
        EngineListener l = vm.listener();
        for (Bar b : bars.subList(0, 300)) l.onBar(b, new IndicatorSnapshot(b.openTime(), Map.of()));
    }

    private Path fixture(String name) throws java.io.IOException {
        Path f = dir.resolve(name);
        try (var in = AiReasoningViewTest.class.getResourceAsStream("/ai/sentiment/" + name)) {
            Files.copy(java.util.Objects.requireNonNull(in, name), f);
        }
        return f;
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
        vm.close();
        stub.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private String text(String id) throws Exception {
        return onFx(() -> robot.lookup("#" + id).queryAs(Label.class).getText());
    }

    private String answer(double close) {
        return String.format(java.util.Locale.ROOT, """
                {"action":"LONG","confidence":0.72,"entry":%s,"stop_loss":%s,"take_profit":%s,"leverage":1,\
                "size_fraction":0.5,"horizon_minutes":720,"reasoning":"Trend up on 1h and 4h; RSI leaves room; bids outweigh asks.",\
                "key_factors":["timeframe consensus +0.67","RSI(14) below 70","taker buying above half"]}""",
                close, Math.round(close * 0.985), Math.round(close * 1.03));
    }

    @Test
    void decisionSentimentHistoryAskAndDegradedStateShow() throws Exception {
        double close = bars.get(299).close().doubleValue();
        stub.enqueue(OpenAiStub.completion(answer(close), 412, 96));
        robot.clickOn("#aiAnalyseNow");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !text("aiHeadline").startsWith("No analysis"));
        assertThat(text("aiHeadline")).as(text("aiSource")).startsWith("LONG BTCUSDT");
        assertThat(text("aiHeadline")).contains("confidence 72 %");
        assertThat(onFx(() -> robot.lookup("#aiConfidence").queryAs(ProgressBar.class).getProgress())).isEqualTo(0.72);
        assertThat(text("aiLevels")).contains("1×").contains("size 50 %").contains("720 min");
        assertThat(text("aiSource")).startsWith("LLM gpt-4o-mini").contains("508 tokens");
        assertThat(onFx(() -> robot.lookup("#aiFactors").queryListView().getItems())).hasSize(3);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("aiUsage").contains("508 / 200,000 tokens"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() ->
                ((ListView<?>) robot.lookup("#aiHistory").query()).getItems().size()) == 1);
        assertThat(onFx(() -> ((ListView<?>) robot.lookup("#aiHistory").query()).getItems().getFirst().toString()))
                .contains("AI BTCUSDT LONG 72 %").contains("gpt-4o-mini");
        assertThat(text("aiSentimentNews")).isEqualTo("+0.07 (3)"); // (0.8·0.9 − 0.7·0.8 + 0·0.6) / 2.3 = 0.0696
        assertThat(text("aiSentimentMarket")).isEqualTo("+0.44 (1)");
        assertThat(text("aiSentimentOverall")).contains("sources: example-rss, fear-greed");
        assertThat(onFx(() -> robot.lookup("#aiHeadlines").queryListView().getItems())).hasSize(4);
        String sentMsg = new ObjectMapper().readTree(stub.request(0)).path("messages").get(1).path("content").asText();
        assertThat(sentMsg).contains("\"sentiment\":{\"overall\"");

        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                primary.getScene().snapshot(null), null));
        Files.createDirectories(Path.of("target"));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "ai-reasoning.png").toFile());

        // the ask box: the question reaches the model
        stub.enqueue(OpenAiStub.completion(answer(close), 430, 90));
        robot.clickOn("#aiAsk").write("Is the bid wall real?");
        robot.clickOn("#aiAskButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("aiAnswer").startsWith("Q: Is the bid wall real?"));
        assertThat(new ObjectMapper().readTree(stub.request(1)).path("messages").get(1).path("content").asText())
                .endsWith("Question: Is the bid wall real?");

        // the model fails on the next bar: the deterministic engine answers and the panel says so
        stub.always(OpenAiStub.serverError());
        vm.listener().onBar(bars.get(300), new IndicatorSnapshot(bars.get(300).openTime(), Map.of()));
        robot.clickOn("#aiAnalyseNow");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("aiSource").startsWith("LLM unavailable"));
        assertThat(text("aiSource")).contains("deterministic engine answered");
        assertThat(text("aiReasoning")).contains("deterministic rules");
    }
}
