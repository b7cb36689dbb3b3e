package dev.pennant.core.marketdata.feed;

import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceMarketFeed#onMarkPrices} end to end: the feed subscribes {@code !markPrice@arr@1s} on the local
 * {@link ExchangeSimulator}'s USDⓈ-M streams only once someone listens, and hands out batches of {@link MarkPrice};
 * the same simulator answers {@link BinanceRestClient#markPrice}, {@code fundingRates} and {@code openInterest}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FuturesMarketDataFeedTest {

    @Test
    void markPricesStreamOnlyOnceSomeoneListensAndMatchTheRestMarkPrice() throws Exception {
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(Instant.parse("2025-03-01T00:00:00Z")).start();
             BinanceRestClient rest = new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null);
             BinanceMarketFeed feed = new BinanceMarketFeed(rest)) {
            assertThat(rest.endpoints().futuresWs()).isEqualTo(sim.futuresWsBaseUrl());
            feed.start();
            await(() -> streamNames(feed).contains(BinanceMarketFeed.ALL_TICKERS), "ticker stream subscribed");
            assertThat(streamNames(feed)).doesNotContain(BinanceMarketFeed.ALL_MARK_PRICES);

            List<List<MarkPrice>> batches = new CopyOnWriteArrayList<>();
            feed.onMarkPrices(batches::add);
            await(() -> batches.size() >= 2, "two mark price batches");

            MarkPrice btc = batches.getLast().stream().filter(m -> m.symbol().equals("BTCUSDT")).findFirst()
                    .orElseThrow();
            assertThat(btc.markPrice()).isPositive();
            assertThat(btc.indexPrice()).isPositive();
            assertThat(btc.lastFundingRate()).isNotNull();
            assertThat(btc.nextFundingTime()).isGreaterThan(btc.time()); // T on the server clock, like E
            assertThat(streamNames(feed)).contains(BinanceMarketFeed.ALL_MARK_PRICES);

            MarkPrice viaRest = rest.markPrice("BTCUSDT");
            BigDecimal diff = viaRest.markPrice().subtract(btc.markPrice()).abs();
            assertThat(diff).isLessThan(btc.markPrice().multiply(new BigDecimal("0.01")));
            assertThat(rest.openInterest("BTCUSDT").openInterest()).isPositive();
            assertThat(rest.fundingRates("BTCUSDT", null, null, 3)).hasSizeLessThanOrEqualTo(3)
                    .allSatisfy(f -> assertThat(f.symbol()).isEqualTo("BTCUSDT"));
        }
    }

    private static List<String> streamNames(BinanceMarketFeed feed) {
        return feed.streams(Market.USDM_FUTURES).health().stream().map(StreamHealth::stream).toList();
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(20);
        }
    }
}
