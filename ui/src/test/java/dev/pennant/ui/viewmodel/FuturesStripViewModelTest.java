package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.feed.ConnectionStatus;
import dev.pennant.core.marketdata.feed.FuturesFigures;
import dev.pennant.core.marketdata.feed.FuturesFigures.Figure;
import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.marketdata.feed.Ticker24h;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The futures strip view-model without a JavaFX toolkit: "FX" runs inline, the wall clock is a fake. */
class FuturesStripViewModelTest {

    private static final long T0 = 1_740_787_200_000L; // 2025-03-01T00:00:00Z

    /** A feed whose test pushes figures to the last subscriber. */
    private static final class FakeFeed implements MarketFeed {
        final List<String> subscribed = new ArrayList<>();
        Consumer<FuturesFigures> listener;
        int closed;

        @Override
        public List<Instrument> instruments(Market market) {
            return List.of();
        }

        @Override
        public void onTickers(Consumer<List<Ticker24h>> l) {
        }

        @Override
        public void onStatus(Consumer<ConnectionStatus> l) {
        }

        @Override
        public AutoCloseable subscribeBook(Market market, String symbol, int levels, Consumer<BookDepth> l) {
            return () -> { };
        }

        @Override
        public AutoCloseable subscribeFutures(String symbol, Consumer<FuturesFigures> l) {
            subscribed.add(symbol);
            listener = l;
            return () -> closed++;
        }

        @Override
        public void start() {
        }

        @Override
        public void close() {
        }
    }

    private final AtomicLong wall = new AtomicLong(T0);
    private final FakeFeed feed = new FakeFeed();
    private FuturesStripViewModel vm;

    @BeforeEach
    void setUp() {
        vm = new FuturesStripViewModel(wall::get, Runnable::run);
        vm.attach(feed);
    }

    private static FuturesFigures live(String funding, long time, long nextFunding) {
        Map<Figure, String> notes = new EnumMap<>(Figure.class);
        notes.put(Figure.MARK_PRICE, "stream btcusdt@markPrice@1s");
        notes.put(Figure.OPEN_INTEREST, "GET /fapi/v1/openInterest every 30 s");
        return new FuturesFigures("BTCUSDT", new BigDecimal("84414.90000000"), new BigDecimal("84398.01702000"),
                new BigDecimal(funding), nextFunding, new BigDecimal("185838.765"), time, time, notes);
    }

    @Test
    void countdownFormatting() {
        assertThat(FuturesStripViewModel.countdown((3 * 3600 + 12 * 60 + 45) * 1000L)).isEqualTo("in 03:12:45");
        assertThat(FuturesStripViewModel.countdown(8 * 3_600_000L)).isEqualTo("in 08:00:00");
        assertThat(FuturesStripViewModel.countdown(27 * 3_600_000L)).isEqualTo("in 27:00:00");
        assertThat(FuturesStripViewModel.countdown(1)).as("never 00:00:00 before it is due").isEqualTo("in 00:00:01");
        assertThat(FuturesStripViewModel.countdown(0)).isEqualTo("due now");
        assertThat(FuturesStripViewModel.countdown(-5000)).isEqualTo("due now");
    }

    @Test
    void fundingSignTextAndStyleClass() {
        assertThat(FuturesStripViewModel.fundingPercent(new BigDecimal("0.0001"))).isEqualTo("+0.0100%");
        assertThat(FuturesStripViewModel.fundingStyle(new BigDecimal("0.0001"))).isEqualTo(FuturesStripViewModel.POSITIVE);
        assertThat(FuturesStripViewModel.fundingPercent(new BigDecimal("-0.00006108"))).isEqualTo("-0.0061%");
        assertThat(FuturesStripViewModel.fundingStyle(new BigDecimal("-0.00006108"))).isEqualTo(FuturesStripViewModel.NEGATIVE);
        assertThat(FuturesStripViewModel.fundingPercent(BigDecimal.ZERO)).isEqualTo("0.0000%");
        assertThat(FuturesStripViewModel.fundingStyle(BigDecimal.ZERO)).isEmpty();
        assertThat(FuturesStripViewModel.fundingStyle(new BigDecimal("0.0000001"))).as("shown as +0.0000%: no colour")
                .isEmpty();
        assertThat(FuturesStripViewModel.fundingPercent(null)).isEqualTo(FuturesStripViewModel.MISSING);
        assertThat(FuturesStripViewModel.fundingStyle(null)).isEmpty();
    }

    @Test
    void liveFiguresAreFormattedAndTheCountdownRunsOnTheFiguresClock() {
        vm.show(Market.USDM_FUTURES, "BTCUSDT", "BTC", "USDT");
        assertThat(vm.visibleProperty().get()).isTrue();
        assertThat(feed.subscribed).containsExactly("BTCUSDT");

        // the venue's clock is 2 h ahead of the local one: the countdown follows the venue
        long venueNow = T0 + 2 * 3_600_000L;
        long next = venueNow + (3 * 3600 + 12 * 60 + 45) * 1000L;
        feed.listener.accept(live("0.00038167", venueNow, next));
        assertThat(vm.markProperty().get()).isEqualTo("84,414.9");
        assertThat(vm.indexProperty().get()).isEqualTo("84,398.01702");
        assertThat(vm.fundingProperty().get()).isEqualTo("+0.0382%");
        assertThat(vm.fundingStyleProperty().get()).isEqualTo("gain");
        assertThat(vm.countdownProperty().get()).isEqualTo("in 03:12:45");
        assertThat(vm.fundingTooltipProperty().get()).contains("Next funding 2025-03-01 05:12:45 UTC")
                .contains("longs pay shorts");
        assertThat(vm.openInterestProperty().get()).isEqualTo("185,838.765 BTC · 15.69B USDT");
        assertThat(vm.openInterestTooltipProperty().get()).contains("/fapi/v1/openInterest");

        wall.addAndGet(5_000);
        vm.tick();
        assertThat(vm.countdownProperty().get()).isEqualTo("in 03:12:40");

        feed.listener.accept(live("-0.00006108", venueNow + 5_000, next));
        assertThat(vm.fundingProperty().get()).isEqualTo("-0.0061%");
        assertThat(vm.fundingStyleProperty().get()).isEqualTo("loss");
        assertThat(vm.countdownProperty().get()).isEqualTo("in 03:12:40");
    }

    @Test
    void missingFiguresShowADashWithTheReason() {
        vm.show(Market.USDM_FUTURES, "BTCUSDT", "BTC", "USDT");
        Map<Figure, String> notes = new EnumMap<>(Figure.class);
        notes.put(Figure.MARK_PRICE, "not in the recording: no mark price");
        notes.put(Figure.INDEX_PRICE, "not in the recording: no index price was recorded");
        notes.put(Figure.OPEN_INTEREST, "not in the recording: no open interest was recorded");
        notes.put(Figure.FUNDING, "recorded funding history");
        feed.listener.accept(new FuturesFigures("BTCUSDT", null, null, new BigDecimal("0.0001"), T0 + 3_600_000L,
                null, 0, T0, notes));
        assertThat(vm.markProperty().get()).isEqualTo("—");
        assertThat(vm.markTooltipProperty().get()).contains("not in the recording");
        assertThat(vm.indexProperty().get()).isEqualTo("—");
        assertThat(vm.indexTooltipProperty().get()).contains("not in the recording");
        assertThat(vm.openInterestProperty().get()).isEqualTo("—");
        assertThat(vm.openInterestTooltipProperty().get()).contains("not in the recording");
        assertThat(vm.fundingProperty().get()).isEqualTo("+0.0100%");
        assertThat(vm.countdownProperty().get()).isEqualTo("in 01:00:00");

        feed.listener.accept(FuturesFigures.unavailable("BTCUSDT", T0, "this market feed has no futures figures"));
        assertThat(vm.fundingProperty().get()).isEqualTo("—");
        assertThat(vm.fundingStyleProperty().get()).isEmpty();
        assertThat(vm.countdownProperty().get()).as("no countdown without a funding rate").isEmpty();
        assertThat(vm.fundingTooltipProperty().get()).isEqualTo("this market feed has no futures figures");
    }

    @Test
    void hiddenForSpotAndFiguresOfAnEarlierSelectionAreIgnored() {
        vm.show(Market.USDM_FUTURES, "BTCUSDT", "BTC", "USDT");
        Consumer<FuturesFigures> btc = feed.listener;
        vm.show(Market.USDM_FUTURES, "ETHUSDT", "ETH", "USDT");
        assertThat(feed.closed).isEqualTo(1);
        btc.accept(live("0.0001", T0, T0 + 1000));
        assertThat(vm.markProperty().get()).isEqualTo("—");
        assertThat(vm.titleProperty().get()).isEqualTo("ETHUSDT perpetual");

        vm.show(Market.SPOT, "BTCUSDT", "BTC", "USDT");
        assertThat(vm.visibleProperty().get()).isFalse();
        assertThat(feed.closed).isEqualTo(2);
        assertThat(feed.subscribed).containsExactly("BTCUSDT", "ETHUSDT");
        vm.show(null, null, null, null);
        assertThat(vm.visibleProperty().get()).isFalse();
    }
}
