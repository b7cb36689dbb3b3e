package dev.pennant.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.record.DecisionQuery;
import dev.pennant.core.ai.record.DecisionRecord;
import dev.pennant.core.ai.record.DecisionStatus;
import dev.pennant.core.ai.record.H2DecisionStore;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.testkit.OpenAiStub;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ai analyze} end to end: real recorded bars, a loopback OpenAI-compatible stub, the H2 decision record. */
class AiAnalyzeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FILE = "spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz";
    private static double lastClose;

    @TempDir
    Path dir;
    private OpenAiStub stub;

    private record Run(int code, String out, String err) { }

    @BeforeAll
    static void lastClose() throws Exception {
        lastClose = new KlineCsvImporter().read(SharedData.file(FILE)).bars().getLast().close().doubleValue();
    }

    @BeforeEach
    void start() throws Exception {
        stub = new OpenAiStub();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Run run(String... extra) {
        CommandLine cl = PennantCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("ai", "analyze", "--symbol", "BTCUSDT", "--data",
                SharedData.file(FILE).toString(), "--data-dir", dir.toString()));
        args.addAll(List.of(extra));
        int code = cl.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private String answer(double confidence, int leverage) {
        return String.format(java.util.Locale.ROOT, """
                {"action":"LONG","confidence":%s,"entry":%s,"stop_loss":%s,"take_profit":%s,"leverage":%d,\
                "size_fraction":0.25,"horizon_minutes":60,"reasoning":"Momentum up.","key_factors":["EMA(12) > EMA(26)"]}""",
                confidence, lastClose, lastClose * 0.99, lastClose * 1.02, leverage);
    }

    @Test
    void withoutAProviderTheDeterministicEngineAnswersAndIsRecorded() throws Exception {
        Run r = run();
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().count()).isEqualTo(1);
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.path("source").asText()).isEqualTo("rules");
        assertThat(n.path("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(n.path("action").asText()).isIn("LONG", "HOLD", "CLOSE"); // spot: never SHORT
        assertThat(n.path("leverage").asInt()).isEqualTo(1);
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            assertThat(store.query(DecisionQuery.latest(5))).singleElement()
                    .satisfies(d -> assertThat(d.model()).isEqualTo("rules"));
        }
        assertThat(stub.requestCount()).isZero();
    }

    @Test
    void aValidModelAnswerIsPrintedAsOneJsonObject() throws Exception {
        stub.enqueue(OpenAiStub.completion(answer(0.7, 1), 420, 80));
        Run r = run("--base-url", stub.baseUrl(), "--model", "llama3.1:8b");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode n = JSON.readTree(r.out());
        assertThat(n.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(n.path("source").asText()).isEqualTo("llm");
        assertThat(n.path("model").asText()).isEqualTo("llama3.1:8b");
        assertThat(n.path("action").asText()).isEqualTo("LONG");
        assertThat(n.path("confidence").asDouble()).isEqualTo(0.7);
        assertThat(n.path("entry").asDouble()).isEqualTo(lastClose);
        assertThat(n.path("inputTokens").asInt()).isEqualTo(420);
        assertThat(JSON.readTree(stub.request(0)).path("model").asText()).isEqualTo("llama3.1:8b");
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            DecisionRecord d = store.query(DecisionQuery.latest(5)).getFirst();
            assertThat(d.status()).isEqualTo(DecisionStatus.ACCEPTED);
            assertThat(d.rawOutput()).isEqualTo(answer(0.7, 1));
        }
    }

    @Test
    void anOutOfRangeAnswerPrintsTheReasonAndExitsNonZero() throws Exception {
        stub.enqueue(OpenAiStub.completion(answer(1.5, 3), 420, 80));
        Run r = run("--base-url", stub.baseUrl());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("confidence: must be within 0..1, was 1.5")
                .contains("leverage: must be within 1..1, was 3");
        assertThat(JSON.readTree(r.out()).path("status").asText()).isEqualTo("REJECTED");
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            assertThat(store.query(DecisionQuery.latest(5)).getFirst().status()).isEqualTo(DecisionStatus.REJECTED);
        }
    }

    @Test
    void aRefusalExitsNonZeroWithTheModelsWords() {
        stub.enqueue(OpenAiStub.refusal("I can't provide financial advice."));
        Run r = run("--base-url", stub.baseUrl());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("refused by the model: I can't provide financial advice.");
    }

    @Test
    void theKeyComesFromTheNamedEnvironmentVariableAndAMissingOneIsNamed() {
        stub.always(OpenAiStub.completion(answer(0.6, 1), 420, 80));
        String var = System.getenv().containsKey("HOME") ? "HOME" : "PATH";
        Run ok = run("--base-url", stub.baseUrl(), "--api-key-env", var);
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(stub.authorization(0)).isEqualTo("Bearer " + System.getenv(var));

        // --no-record: a fresh in-memory cache, or the answer above would be replayed from the record's cache
        Run missing = run("--base-url", stub.baseUrl(), "--api-key-env", "PENNANT_TEST_NO_SUCH_VAR", "--no-record");
        assertThat(missing.code()).isEqualTo(4);
        assertThat(missing.err()).contains("environment variable PENNANT_TEST_NO_SUCH_VAR is not set");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void sentimentScoresALocalFeedOfflineAndPrintsOneJsonObject() throws Exception {
        Path feed = dir.resolve("feed.xml");
        String now = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusHours(1));
        java.nio.file.Files.writeString(feed, """
                <?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://example.invalid</link>
                <description>d</description>
                <item><title>Bitcoin soars to a record high as buyers flood in</title><pubDate>%s</pubDate></item>
                <item><title>Exchange collapses and freezes customer withdrawals</title><pubDate>%s</pubDate></item>
                </channel></rss>""".formatted(now, now));
        CommandLine cl = PennantCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute("ai", "sentiment", "--feed", feed.toString());
        assertThat(code).isZero();
        JsonNode n = JSON.readTree(out.toString());
        assertThat(n.path("sources").get(0).asText()).isEqualTo("feed-1");
        assertThat(n.path("items")).hasSize(2);
        assertThat(n.path("items").get(0).path("score").asDouble()).isPositive();
        assertThat(n.path("items").get(1).path("score").asDouble()).isNegative();
    }
}
