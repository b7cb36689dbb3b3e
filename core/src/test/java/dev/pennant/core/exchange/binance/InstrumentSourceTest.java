package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Which exchangeInfo a session's instrument comes from: recorded files by market and date, the live registry, and the
 * plain fallback (real files from shared/data/binance/exchangeInfo; expected figures read from those files). */
class InstrumentSourceTest {

    private static final RecordedExchangeInfo RECORDED = new RecordedExchangeInfo(SharedData.binance());

    private static long t(String isoDate) {
        return Instant.parse(isoDate + "T00:00:00Z").toEpochMilli();
    }

    @Test
    void picksTheSpotFileClosestInDateToTheData() {
        // BTCUSDT 1m 2021-05-15 → 05-22: the 2021-10-12 response (MIN_NOTIONAL era: min notional 10, not 5)
        InstrumentChoice c = RECORDED.choose(Market.SPOT, "BTCUSDT", t("2021-05-15"), t("2021-05-22"));
        assertThat(c.usesDefaults()).isFalse();
        assertThat(c.source()).isEqualTo("exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
        assertThat(c.instrument().market()).isEqualTo(Market.SPOT);
        assertThat(c.instrument().minNotional()).isEqualByComparingTo("10");
        assertThat(c.instrument().filters().notional().filterType()).isEqualTo("MIN_NOTIONAL");

        // 2023 data: the 2023-09-08 response (NOTIONAL, min 5)
        InstrumentChoice c23 = RECORDED.choose(Market.SPOT, "BTCUSDT", t("2023-08-26"), t("2023-09-29"));
        assertThat(c23.source()).isEqualTo("exchangeInfo-spot-full-20230908.json.gz");
        assertThat(c23.instrument().filters().notional().filterType()).isEqualTo("NOTIONAL");

        // 2025-10 data: the single-symbol 2025-08-23 response lists BTCUSDT
        assertThat(RECORDED.choose(Market.SPOT, "btcusdt", t("2025-10-29"), t("2025-11-01")).source())
                .isEqualTo("exchangeInfo-spot-1symbol-20250823.json");
    }

    @Test
    void aFileWithoutTheSymbolIsSkippedAndInsideTheSpanTheNewerFileWins() {
        // SOLUSDT 1d 2020-08-11 → 2026-01-06: all three spot dates lie inside; the newest (2025) has only BTCUSDT
        assertThat(RECORDED.ranked(Market.SPOT, t("2020-08-11"), t("2026-01-06"))).extracting(p -> p.getFileName().toString())
                .containsExactly("exchangeInfo-spot-1symbol-20250823.json", "exchangeInfo-spot-full-20230908.json.gz",
                        "exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
        InstrumentChoice sol = RECORDED.choose(Market.SPOT, "SOLUSDT", t("2020-08-11"), t("2026-01-06"));
        assertThat(sol.source()).isEqualTo("exchangeInfo-spot-full-20230908.json.gz");
        assertThat(sol.describe())
                .isEqualTo("SOLUSDT tick 0.01, step 0.01, min notional 5 USDT (exchangeInfo-spot-full-20230908.json.gz)");
        // before every file: the nearest one first
        assertThat(RECORDED.ranked(Market.SPOT, t("2019-01-01"), t("2019-02-01")).getFirst().getFileName().toString())
                .isEqualTo("exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
        assertThat(RecordedExchangeInfo.fileDate(Path.of("exchangeInfo-fapi-full-20241020.json.gz")))
                .contains(java.time.LocalDate.of(2024, 10, 20));
    }

    @Test
    void futuresSessionsGetTheUsdmInstrumentWhichDiffersFromSpot() {
        InstrumentChoice spot = RECORDED.choose(Market.SPOT, "BTCUSDT", t("2024-01-01"), t("2025-12-20"));
        InstrumentChoice fut = RECORDED.choose(Market.USDM_FUTURES, "BTCUSDT", t("2024-01-01"), t("2025-12-20"));
        assertThat(fut.source()).isEqualTo("exchangeInfo-fapi-full-20241020.json.gz");
        Instrument f = fut.instrument();
        assertThat(f.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(f.tickSize()).isEqualByComparingTo("0.1");
        assertThat(spot.instrument().tickSize()).isEqualByComparingTo("0.01");
        assertThat(f.stepSize()).isEqualByComparingTo("0.001");
        assertThat(f.minNotional()).isEqualByComparingTo("100");
        assertThat(fut.describe())
                .isEqualTo("BTCUSDT tick 0.1, step 0.001, min notional 100 USDT (exchangeInfo-fapi-full-20241020.json.gz)");
        // 2021 futures data: the 2021-07-21 response (tick 0.01, min notional 5)
        InstrumentChoice fut21 = RECORDED.choose(Market.USDM_FUTURES, "BTCUSDT", t("2021-05-15"), t("2021-05-22"));
        assertThat(fut21.source()).isEqualTo("exchangeInfo-fapi-full-20210721.cryptofeed.json.gz");
        assertThat(fut21.instrument().tickSize()).isEqualByComparingTo("0.01");
        assertThat(fut21.instrument().minNotional()).isEqualByComparingTo("5");
    }

    @Test
    void aSymbolInNoExchangeInfoFallsBackToTheDefaultsAndSaysSoPlainly(@TempDir Path dir) throws IOException {
        Path spot = Files.createDirectories(dir.resolve("exchangeInfo/spot"));
        Files.copy(SharedData.file("exchangeInfo/spot/exchangeInfo-spot-1symbol-20250823.json"),
                spot.resolve("exchangeInfo-spot-1symbol-20250823.json"));
        InstrumentChoice c = new RecordedExchangeInfo(dir).choose(Market.SPOT, "SOLUSDT", t("2025-01-01"), t("2025-02-01"));
        assertThat(c.usesDefaults()).isTrue();
        assertThat(c.instrument()).isEqualTo(Instrument.defaultSpotUsdt("SOLUSDT"));
        assertThat(c.describe()).isEqualTo("defaults (SOLUSDT not in exchangeInfo-spot-1symbol-20250823.json; "
                + "BTCUSDT-like spot filters: tick 0.01, step 0.00001, min notional 5 USDT)");

        InstrumentChoice none = new RecordedExchangeInfo(dir).choose(Market.USDM_FUTURES, "BTCUSDT", 0, 0);
        assertThat(none.usesDefaults()).isTrue();
        assertThat(none.describe()).startsWith("defaults (no recorded USD-M futures exchangeInfo in ")
                .contains("futures-um");

        InstrumentChoice unknown = RECORDED.choose(Market.SPOT, "NOPEUSDT", t("2023-01-01"), t("2023-01-02"));
        assertThat(unknown.fallbackReason()).isEqualTo("NOPEUSDT not in exchangeInfo-spot-full-20230908.json.gz, "
                + "exchangeInfo-spot-full-20211012.cryptofeed.json.gz, exchangeInfo-spot-1symbol-20250823.json");
    }

    @Test
    void liveSessionsUseTheRegistryTheFeedAlreadyRefreshes() throws Exception {
        ExchangeInfo fut = ExchangeInfoParserTest.load(Market.USDM_FUTURES, "futures-um/exchangeInfo-fapi-full-20241020.json.gz");
        CountDownLatch release = new CountDownLatch(1);
        InstrumentRegistry reg = new InstrumentRegistry(m -> {
            if (m == Market.SPOT) throw new IOException("HTTP 418 banned");
            release.await(5, TimeUnit.SECONDS);
            return fut;
        });
        InstrumentSource live = InstrumentSource.live(reg, Duration.ofSeconds(10));
        Thread refresher = Thread.ofPlatform().daemon().start(reg::refreshNow);
        Thread.ofPlatform().daemon().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            release.countDown();
        });
        // waits for the futures refresh in flight (released 300 ms later) instead of fetching itself
        InstrumentChoice c = live.choose(Market.USDM_FUTURES, "BTCUSDT", 0, 0);
        assertThat(c.usesDefaults()).isFalse();
        assertThat(c.instrument().tickSize()).isEqualByComparingTo("0.1");
        assertThat(c.source()).isEqualTo("live USD-M futures exchangeInfo, serverTime 2024-10-20T20:00:06.890Z");
        refresher.join(5000);

        InstrumentChoice spot = live.choose(Market.SPOT, "BTCUSDT", 0, 0);
        assertThat(spot.usesDefaults()).isTrue();
        assertThat(spot.describe()).startsWith("defaults (the venue's spot exchangeInfo is not loaded: HTTP 418 banned;");
        assertThat(live.choose(Market.USDM_FUTURES, "NOPEUSDT", 0, 0).fallbackReason())
                .isEqualTo("NOPEUSDT not in the live USD-M futures exchangeInfo, serverTime 2024-10-20T20:00:06.890Z");

        // never refreshed: waits at most the given time
        long t0 = System.nanoTime();
        InstrumentChoice idle = InstrumentSource.live(new InstrumentRegistry(m -> fut), Duration.ofMillis(200))
                .choose(Market.USDM_FUTURES, "BTCUSDT", 0, 0);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(190));
        assertThat(idle.fallbackReason()).isEqualTo("the venue's USD-M futures exchangeInfo is not loaded: no answer within 200 ms");
        assertThat(List.of(idle.source())).containsExactly("defaults");
    }
}
