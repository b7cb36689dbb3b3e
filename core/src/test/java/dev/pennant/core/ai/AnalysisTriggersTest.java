package dev.pennant.core.ai;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedule, volatility spikes and the approach to the risk limit. */
class AnalysisTriggersTest {

    private static Bar bar(int i, double range) {
        BigDecimal c = BigDecimal.valueOf(100);
        return new Bar("BTCUSDT", Interval.M1, i * 60_000L, i * 60_000L + 59_999, c, c.add(BigDecimal.valueOf(range / 2)),
                c.subtract(BigDecimal.valueOf(range / 2)), c, BigDecimal.ONE, BigDecimal.ONE, 1, BigDecimal.ZERO,
                BigDecimal.ZERO, true);
    }

    @Test
    void firesOnScheduleOnSpikesAndNearTheRiskLimitOnce() {
        AnalysisTriggers t = new AnalysisTriggers(10, 3, 0.8);
        List<Optional<String>> out = new ArrayList<>();
        for (int i = 0; i < 25; i++) out.add(t.onBar(bar(i, 1.0), 0, 0.25));
        assertThat(out.get(9)).contains("scheduled every 10 bars");
        assertThat(out.get(19)).contains("scheduled every 10 bars");
        assertThat(out.stream().filter(Optional::isPresent).count()).isEqualTo(2);
        // 1 % ranges so far; a 3.5 % range is 3.5× the mean
        assertThat(t.onBar(bar(25, 3.5), 0, 0.25)).hasValueSatisfying(w -> assertThat(w).startsWith("volatility spike: range 3.50 % = 3.5×"));
        assertThat(t.onBar(bar(26, 1.0), 0.19, 0.25)).isEmpty(); // 19 % < 80 % of 25 %
        assertThat(t.onBar(bar(27, 1.0), 0.20, 0.25)).contains("near the risk limit: drawdown 20.0 % of a 25 % halt");
        assertThat(t.onBar(bar(28, 1.0), 0.21, 0.25)).isEmpty(); // once
        t.onBar(bar(29, 1.0), 0.05, 0.25); // re-armed below 10 %
        assertThat(t.onBar(bar(30, 1.0), 0.22, 0.25)).contains("near the risk limit: drawdown 22.0 % of a 25 % halt");
        assertThatThrownBy(() -> new AnalysisTriggers(1, 1, 0.5)).hasMessageContaining("spikeFactor");
    }
}
