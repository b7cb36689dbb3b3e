package dev.pennant.core.marketdata.feed;

import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trip of the live code path against the local {@link ExchangeSimulator} (no internet): {@link BinanceMarketFeed}
 * subscribes {@code btcusdt@markPrice@1s} and polls {@code /fapi/v1/openInterest}; the figures follow the documented
 * derivation from the replay (mark = replayed price, index = mark × 0.9998, funding = the recorded BTCUSDT funding
 * of the period in progress, next funding on the server clock, open interest = 0.35 × replayed 24 h volume), and
 * the REST {@code premiumIndex} says the same as the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorFuturesFiguresTest {

    private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");
    private static final long FUNDING_0800 = Instant.parse("2025-03-01T08:00:00Z").toEpochMilli();
    private static final long EIGHT_HOURS = 8 * 3_600_000L;

    /** The recorded rate of the 2025-03-01 08:00 funding (Binance stamps some events a few ms late). */
    private static BigDecimal recordedRateAt0800() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SharedData.file("futures-um/fundingRate/BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz"))),
                StandardCharsets.UTF_8))) {
            List<String> cols = List.of(r.readLine().split(","));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                long t = Long.parseLong(f[cols.indexOf("fundingTime")]);
                if (t >= FUNDING_0800 && t < FUNDING_0800 + 1000) return new BigDecimal(f[cols.indexOf("fundingRate")]);
            }
        }
        throw new AssertionError("no 2025-03-01 08:00 funding in the recording");
    }

    @Test
    void figuresThroughTheLiveFeedFollowTheDocumentedDerivation() throws Exception {
        BigDecimal recorded = recordedRateAt0800();
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(START).start();
             BinanceRestClient rest = new BinanceRestClient(BinanceEndpoints.withBase(sim.baseUrl()), null, null);
             BinanceMarketFeed feed = new BinanceMarketFeed(rest, BinanceMarketFeed.Options.defaults()
                     .withOpenInterestPoll(Duration.ofMillis(500)))) {
            feed.start();
            List<FuturesFigures> sets = new CopyOnWriteArrayList<>();
            AutoCloseable sub = feed.subscribeFutures("BTCUSDT", sets::add);
            Await.until(() -> !sets.isEmpty() && sets.getLast().markPrice() != null
                    && sets.getLast().openInterest() != null, Duration.ofSeconds(30), "mark price and open interest");
            FuturesFigures f = sets.getLast();

            assertThat(f.indexPrice()).isEqualByComparingTo(f.markPrice().multiply(new BigDecimal("0.9998"))
                    .setScale(8, RoundingMode.HALF_UP));
            // the replay is a few minutes into 2025-03-01 (60×): the period in progress settles at 08:00
            assertThat(f.fundingRate()).isEqualByComparingTo(recorded);
            long countdown = f.nextFundingTime() - f.time();
            // at least what is left of the period at the replay cursor now (the cursor only moved on since f; how far
            // depends on how long the simulator and the feed took to start, so no fixed bound)
            long leftNow = FUNDING_0800 - sim.replayTime(Market.USDM_FUTURES, "BTCUSDT");
            assertThat(countdown).as("next funding on the server clock, like the event time")
                    .isBetween(leftNow, EIGHT_HOURS);
            assertThat(Math.abs(f.time() - System.currentTimeMillis())).isLessThan(60_000);

            // REST premiumIndex agrees with the stream
            MarkPrice viaRest = rest.markPrice("BTCUSDT");
            long leftAfterRest = FUNDING_0800 - sim.replayTime(Market.USDM_FUTURES, "BTCUSDT");
            assertThat(viaRest.lastFundingRate()).isEqualByComparingTo(recorded);
            assertThat(viaRest.nextFundingTime() - viaRest.time()).isBetween(leftAfterRest, countdown);
            assertThat(viaRest.indexPrice()).isEqualByComparingTo(viaRest.markPrice()
                    .multiply(new BigDecimal("0.9998")).setScale(8, RoundingMode.HALF_UP));

            // open interest = 0.35 × the replayed 24 h base volume (the window moves 1 min per second at 60×)
            BigDecimal volume = rest.ticker24h(Market.USDM_FUTURES).stream()
                    .filter(t -> t.symbol().equals("BTCUSDT")).findFirst().orElseThrow().volume();
            OpenInterest oi = rest.openInterest("BTCUSDT");
            double ratio = oi.openInterest().doubleValue() / (0.35 * volume.doubleValue());
            assertThat(ratio).isBetween(0.95, 1.05);
            assertThat(f.openInterestNotional()).isPositive();
            sub.close();
        }
    }
}
