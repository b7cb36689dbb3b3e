package dev.pennant.core.ai.sentiment;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The offline scorer (bundled MiniLM model + classifier trained on the repo's headlines) on headlines that are NOT in
 * the training file.
 */
class EmbeddingHeadlineScorerTest {

    private static EmbeddingHeadlineScorer scorer;

    @BeforeAll
    static void train() {
        scorer = new EmbeddingHeadlineScorer();
    }

    @Test
    void heldOutHeadlinesGetTheRightSign() {
        List<String> bullish = List.of("Bitcoin soars to a new all-time high on heavy buying",
                "Ethereum price rallies as ETF inflows surge", "Crypto markets rebound sharply, gains across the board",
                "Investors rush into Bitcoin funds at a record pace", "Solana climbs 20% after a big partnership",
                "Bitcoin bulls take control as price breaks resistance", "Major retailer starts accepting Bitcoin, price rises",
                "Strong demand lifts crypto prices to yearly highs", "Bitcoin extends its winning streak",
                "Altcoins surge as market optimism grows");
        List<String> bearish = List.of("Bitcoin crashes 20% in a panic sell-off", "Crypto exchange collapses, users lose funds",
                "Hackers exploit a DeFi protocol and steal millions", "Regulators sue crypto firm over fraud",
                "Ethereum slumps as liquidations mount", "Bitcoin sinks to its lowest level in a year",
                "Crypto lender freezes withdrawals amid a liquidity crisis", "Investors flee crypto funds as prices tumble",
                "Token plunges 60% after a security breach", "Bitcoin falls sharply as markets turn risk-off");
        long up = bullish.stream().filter(h -> scorer.score(h).score() > 0).count();
        long down = bearish.stream().filter(h -> scorer.score(h).score() < 0).count();
        assertThat(up).as("bullish held-out headlines scored > 0").isGreaterThanOrEqualTo(8);
        assertThat(down).as("bearish held-out headlines scored < 0").isGreaterThanOrEqualTo(8);
        HeadlineScorer.Score s = scorer.score("Bitcoin soars to a new all-time high on heavy buying");
        assertThat(s.confidence()).isBetween(1 / 3.0, 1.0);
        assertThat(scorer.trainingSize()).isEqualTo(150);
    }

    @Test
    void trainingDataMustCoverEveryClass() {
        assertThatThrownBy(() -> new EmbeddingHeadlineScorer(new dev.langchain4j.model.embedding.onnx.allminilml6v2q
                .AllMiniLmL6V2QuantizedEmbeddingModel(), List.of(new EmbeddingHeadlineScorer.Labelled(1, "up"))))
                .hasMessageContaining("labelled -1");
        assertThatThrownBy(() -> EmbeddingHeadlineScorer.load(new java.io.ByteArrayInputStream("x\tup\n".getBytes())))
                .hasMessageContaining("headlines line 1");
    }
}
