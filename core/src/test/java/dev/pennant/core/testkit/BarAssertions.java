package dev.pennant.core.testkit;

import dev.pennant.core.model.Bar;

import static org.assertj.core.api.Assertions.assertThat;

/** AssertJ checks on {@link Bar}s that went through a fake exchange and back (no fake of its own). */
public final class BarAssertions {

    private BarAssertions() {
    }

    /** Close time, OHLC, volume and trade count of {@code got} equal {@code want}'s (decimals compared by value). */
    public static void assertSameOhlcv(Bar got, Bar want) {
        assertThat(got.closeTime()).isEqualTo(want.closeTime());
        assertThat(got.open()).isEqualByComparingTo(want.open());
        assertThat(got.high()).isEqualByComparingTo(want.high());
        assertThat(got.low()).isEqualByComparingTo(want.low());
        assertThat(got.close()).isEqualByComparingTo(want.close());
        assertThat(got.volume()).isEqualByComparingTo(want.volume());
        assertThat(got.trades()).isEqualTo(want.trades());
    }
}
