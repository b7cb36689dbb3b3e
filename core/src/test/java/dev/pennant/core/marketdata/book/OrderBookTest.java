package dev.pennant.core.marketdata.book;

import dev.pennant.core.model.Side;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OrderBookTest {

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static BookLevel l(String p, String q) {
        return new BookLevel(d(p).stripTrailingZeros(), d(q).stripTrailingZeros());
    }

    @Test
    void levelsSortedBestFirstZeroRemoves() {
        OrderBook b = new OrderBook("BTCUSDT");
        b.set(Side.BUY, d("100.5"), d("1"));
        b.set(Side.BUY, d("101"), d("2"));
        b.set(Side.BUY, d("99"), d("3"));
        b.set(Side.SELL, d("102"), d("4"));
        b.set(Side.SELL, d("101.75"), d("5"));
        b.set(Side.SELL, d("103"), d("6"));
        assertThat(b.bestBid()).contains(l("101", "2"));
        assertThat(b.bestAsk()).contains(l("101.75", "5"));
        assertThat(b.spread()).contains(d("0.75"));
        BookDepth depth = b.depth(2);
        assertThat(depth.bids()).containsExactly(l("101", "2"), l("100.5", "1"));
        assertThat(depth.asks()).containsExactly(l("101.75", "5"), l("102", "4"));

        b.set(Side.BUY, d("101.000"), d("0"));       // removal, other textual scale
        b.set(Side.SELL, d("50"), d("0"));           // removing an absent level is ignored
        b.set(Side.SELL, d("102"), d("4.25"));       // replace quantity, finer scale
        assertThat(b.depth(10).bids()).containsExactly(l("100.5", "1"), l("99", "3"));
        assertThat(b.depth(10).asks()).containsExactly(l("101.75", "5"), l("102", "4.25"), l("103", "6"));
        assertThat(b.bidLevels()).isEqualTo(2);
        assertThat(b.priceScale()).isEqualTo(2);
        assertThat(b.quantityScale()).isEqualTo(2);
    }

    @Test
    void scaleGrowsWithoutRounding() {
        OrderBook b = new OrderBook("X");
        b.set(Side.BUY, d("1"), d("1"));
        b.set(Side.BUY, d("0.00000001"), d("0.00000001"));
        b.set(Side.BUY, d("1.00000001"), d("3"));
        assertThat(b.depth(5).bids()).extracting(BookLevel::price).containsExactly(d("1.00000001"), d("1"), d("1E-8"));
        b.set(Side.BUY, d("1.00000000"), d("0"));
        assertThat(b.depth(5).bids()).extracting(BookLevel::price).containsExactly(d("1.00000001"), d("1E-8"));
    }

    @Test
    void manyLevelsStaySorted() {
        OrderBook b = new OrderBook("X");
        for (int i = 0; i < 2000; i++) {
            int p = (i * 7919) % 2000 + 1;
            b.set(Side.BUY, BigDecimal.valueOf(p), BigDecimal.ONE);
            b.set(Side.SELL, BigDecimal.valueOf(p + 5000), BigDecimal.ONE);
        }
        List<BookLevel> bids = b.depth(Integer.MAX_VALUE).bids();
        assertThat(bids).hasSize(2000);
        for (int i = 1; i < bids.size(); i++) {
            assertThat(bids.get(i).price()).isLessThan(bids.get(i - 1).price());
        }
        assertThat(b.bestAsk().orElseThrow().price()).isEqualTo(d("5001"));
    }

    @Test
    void clearErrors() {
        OrderBook b = new OrderBook("X");
        assertThat(b.bestBid()).isEmpty();
        assertThat(b.spread()).isEmpty();
        assertThatThrownBy(() -> b.set(Side.BUY, d("-1"), d("1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("price > 0");
        b.set(Side.BUY, d("9000000000"), d("1"));
        assertThatThrownBy(() -> b.set(Side.BUY, d("0.0000000001"), d("1"))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> b.depth(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
    }
}
