package dev.pennant.app;

import dev.pennant.core.ai.DeterministicAnalysis;
import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.context.MarketContextBuilder;
import dev.pennant.core.ai.llm.AnalysisResult;
import dev.pennant.core.ai.llm.DecisionCache;
import dev.pennant.core.ai.llm.LlmAnalyst;
import dev.pennant.core.ai.llm.ProviderProfile;
import dev.pennant.core.ai.record.DecisionRecorder;
import dev.pennant.core.ai.record.H2DecisionStore;
import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ai analyze --symbol SYM --data FILE [--base-url URL] [--model NAME] [--api-key-env VAR]}: builds the market
 * context from the bars in FILE, asks the model, prints the validated decision as one JSON object on standard output.
 * Exit codes: 0 a valid decision (model, or the deterministic engine when no provider is configured); 2 the answer
 * was invalid or out of range; 3 the model refused; 4 the model was unavailable (the JSON then holds the
 * deterministic engine's decision and the reason). The reason goes to standard error too.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse the last bar of FILE: prints one JSON decision (exit 0), or the reason it was "
                + "rejected (2), refused (3) or the model unavailable (4).")
final class AiAnalyzeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--symbol", required = true, description = "Symbol, e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--data", required = true, paramLabel = "FILE|DIR", description = "Kline CSV(.gz) file or folder.")
    Path data;

    @Option(names = "--interval", converter = IntervalConverter.class,
            description = "Bar interval (inferred from a file when omitted).")
    Interval interval;

    @Option(names = "--market", defaultValue = "spot", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "spot (long only, leverage 1) or futures (default: ${DEFAULT-VALUE}).")
    Market market;

    @Option(names = "--max-leverage", defaultValue = "10",
            description = "Highest leverage the analyst may suggest on futures (default: ${DEFAULT-VALUE}).")
    int maxLeverage;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (decision record, providers).")
    Path dataDir;

    @Option(names = "--no-record", description = "Do not store the decision in the history database.")
    boolean noRecord;

    @Mixin
    AiProviderOptions provider;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxLeverage < 1 || maxLeverage > 125) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--max-leverage must be within 1..125, was " + maxLeverage);
        }
        KlineImport bars = BarData.load(data, symbol, interval);
        int lev = market == Market.SPOT ? 1 : maxLeverage;
        MarketContext ctx = MarketContextBuilder.of(bars.bars())
                .risk(new MarketContext.RiskSummary(false, 0, 0.25, lev)).build();
        Path dir = DataDirectory.resolve(dataDir);
        Optional<ProviderProfile> profile = provider.profile(dir);
        try (H2DecisionStore store = noRecord ? null : H2DecisionStore.open(dir)) {
            DecisionRecorder recorder = store == null ? DecisionRecorder.none() : store;
            DecisionCache cache = store == null ? DecisionCache.inMemory() : store;
            AnalysisResult r;
            if (profile.isEmpty()) {
                r = DeterministicAnalysis.run(ctx, recorder, "no provider configured: deterministic engine",
                        System.currentTimeMillis());
            } else {
                r = LlmAnalyst.builder(profile.get()).keys(provider.keys()).cache(cache).recorder(recorder).build().analyze(ctx);
            }
            out.println(r.toJson());
            out.flush();
            if (r.reason() != null) {
                err.println((r.status() == AnalysisResult.Status.DEGRADED ? "degraded: " : r.status().name().toLowerCase()
                        + ": ") + r.reason());
                err.flush();
            }
            return switch (r.status()) {
                case ACCEPTED -> 0;
                case REJECTED -> 2;
                case REFUSED -> 3;
                case DEGRADED -> 4;
            };
        }
    }
}
