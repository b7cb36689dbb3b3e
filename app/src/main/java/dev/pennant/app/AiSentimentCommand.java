package dev.pennant.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.ai.sentiment.BinanceFuturesSentimentSource;
import dev.pennant.core.ai.sentiment.EmbeddingHeadlineScorer;
import dev.pennant.core.ai.sentiment.FearGreedSource;
import dev.pennant.core.ai.sentiment.FeedSentimentSource;
import dev.pennant.core.ai.sentiment.JsonFetcher;
import dev.pennant.core.ai.sentiment.SentimentMonitor;
import dev.pennant.core.ai.sentiment.SentimentSnapshot;
import dev.pennant.core.ai.sentiment.SentimentSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code ai sentiment}: polls the given sources once and prints the aggregate as one JSON object (headlines scored
 * offline by the bundled MiniLM model + classifier).
 */
@Command(name = "sentiment", mixinStandardHelpOptions = true,
        description = "Poll sentiment sources once and print the aggregate (news/social/market, overall, confidence, items) as JSON.")
final class AiSentimentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--feed", paramLabel = "FILE|URL", description = "RSS/Atom feed (repeatable): a file or an http(s) URL.")
    List<String> feeds = new ArrayList<>();

    @Option(names = "--fear-greed-url", paramLabel = "URL", description = "Fear & Greed API root, e.g. https://api.alternative.me")
    String fearGreedUrl;

    @Option(names = "--binance-futures-url", paramLabel = "URL", description = "Binance USD-M API root, e.g. https://fapi.binance.com")
    String binanceUrl;

    @Option(names = "--symbol", defaultValue = "BTCUSDT", description = "Symbol for Binance positioning (default: ${DEFAULT-VALUE}).")
    String symbol;

    @Override
    public Integer call() throws Exception {
        List<SentimentSource> sources = new ArrayList<>();
        if (!feeds.isEmpty()) {
            EmbeddingHeadlineScorer scorer = new EmbeddingHeadlineScorer();
            int i = 0;
            for (String f : feeds) {
                URI uri = f.startsWith("http://") || f.startsWith("https://") ? URI.create(f) : Path.of(f).toAbsolutePath().toUri();
                sources.add(FeedSentimentSource.news("feed-" + (++i), uri, scorer));
            }
        }
        if (fearGreedUrl != null) sources.add(new FearGreedSource(JsonFetcher.http(fearGreedUrl)));
        if (binanceUrl != null) sources.add(new BinanceFuturesSentimentSource(symbol, JsonFetcher.http(binanceUrl), "1h"));
        if (sources.isEmpty()) {
            spec.commandLine().getErr().println("error: no source: pass --feed, --fear-greed-url or --binance-futures-url");
            return 2;
        }
        SentimentSnapshot s = new SentimentMonitor(sources, Clock.systemUTC()).pollNow();
        ObjectMapper json = new ObjectMapper();
        ObjectNode n = json.createObjectNode();
        n.put("overall", s.overall());
        n.put("confidence", s.confidence());
        s.byCategory().forEach((c, v) -> n.put(c.name().toLowerCase(java.util.Locale.ROOT), v));
        n.set("sources", json.valueToTree(s.sources()));
        n.set("failed", json.valueToTree(s.failedSources()));
        n.set("items", json.valueToTree(s.items()));
        spec.commandLine().getOut().println(n);
        spec.commandLine().getOut().flush();
        return s.sources().isEmpty() ? 1 : 0;
    }
}
