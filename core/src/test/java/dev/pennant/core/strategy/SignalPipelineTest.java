package dev.pennant.core.strategy;

import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Filter, combine and rank on hand-made candidates. */
class SignalPipelineTest {

    private static final Strategy A = new ReferenceStrategy();
    private static final Strategy B = new ReferenceStrategy();
    private static final Strategy C = new ReferenceStrategy();

    private static SignalPipeline.Candidate c(String symbol, Strategy s, Decision d) {
        return new SignalPipeline.Candidate(symbol, s, d, 1000, 0);
    }

    @Test
    void combinesSeveralStrategiesOnOneSymbol() {
        Decision longHi = Decision.goLong("a").withConfidence(0.9);
        Decision longLo = Decision.goLong("b").withConfidence(0.3);
        Decision shortMid = Decision.goShort("c").withConfidence(0.6);
        List<SignalPipeline.Candidate> votes = List.of(c("X", A, longHi), c("X", B, longLo), c("X", C, shortMid));

        assertThat(SignalPipeline.passThrough().combine(votes)).hasSize(3);
        assertThat(SignalPipeline.builder().combine(SignalPipeline.Combine.FIRST).build().combine(votes))
                .extracting(x -> x.decision().reason()).containsExactly("a");
        // majority: LONG has 2 of 3 votes; led by its most confident strategy, confidence = mean over all voters
        var m = SignalPipeline.builder().combine(SignalPipeline.Combine.MAJORITY).build().combine(votes);
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.decision().reason()).isEqualTo("a");
            assertThat(x.decision().confidence()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        });
        assertThat(SignalPipeline.builder().combine(SignalPipeline.Combine.UNANIMOUS).build().combine(votes)).isEmpty();
        // weighted: LONG 1.2, SHORT 0.6 of 3 voters: 1.2 is not above 1.5
        assertThat(SignalPipeline.builder().combine(SignalPipeline.Combine.WEIGHTED).build().combine(votes)).isEmpty();
        // HOLD votes count as voters
        assertThat(SignalPipeline.builder().combine(SignalPipeline.Combine.MAJORITY).build()
                .combine(List.of(c("X", A, longHi), c("X", B, Decision.HOLD), c("X", C, Decision.HOLD)))).isEmpty();
    }

    @Test
    void filtersAndRanksEntriesAcrossSymbols() {
        SignalPipeline p = SignalPipeline.builder().minConfidence(0.5).maxEntriesPerSlice(2).build();
        assertThat(p.combine(List.of(c("X", A, Decision.goLong("low").withConfidence(0.4))))).isEmpty();
        List<SignalPipeline.Candidate> entries = List.of(
                c("ETHUSDT", A, Decision.goLong("e").withConfidence(0.7)),
                c("BTCUSDT", B, Decision.goLong("b").withConfidence(0.7)),
                c("SOLUSDT", C, Decision.goLong("s").withConfidence(0.95)));
        assertThat(p.rank(entries)).extracting(SignalPipeline.Candidate::symbol).containsExactly("SOLUSDT", "BTCUSDT");
        assertThat(p.ranks()).isTrue();
        assertThat(SignalPipeline.passThrough().isPassThrough()).isTrue();
    }
}
