package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link KlineCsvImporter} against the real files in {@code shared/data/binance} (expected values read from the
 * files themselves and from SOURCES.md). Malformed inputs are built in a temp dir from real rows.
 */
class KlineCsvImporterTest {

    private static final String MONTHLY = "spot/klines/BTCUSDT/monthly/";
    private final KlineCsvImporter importer = new KlineCsvImporter();

    private static long t(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** Decompressed lines of a real file. */
    private static List<String> lines(Path gz) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            return new ArrayList<>(r.lines().toList());
        }
    }

    private static Path writeGz(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
             Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (String l : lines) {
                w.write(l);
                w.write('\n');
            }
        }
        return file;
    }

    private static Path writePlain(Path file, List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static void assertSortedUnique(List<Bar> bars) {
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).openTime()).isGreaterThan(bars.get(i - 1).openTime());
        }
    }

    private static long missing(KlineImport imp) {
        return imp.gaps().stream().mapToLong(Gap::missingBars).sum();
    }

    @Nested
    class Layouts {

        @Test
        void binance12colWithHeader_monthlySpot() throws IOException {
            KlineImport imp = importer.read(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col");
            assertThat(imp.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.H1);
            assertThat(imp.rowsRead()).isEqualTo(744);
            assertThat(imp.bars()).hasSize(744);
            assertThat(imp.duplicatesDropped()).isZero();
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 1672531200000,16541.77000000,16545.70000000,16508.39000000,16529.67000000,4364.83570000,1672534799999,
            // 72146293.58672290,149854,2179.94772000,36032352.87035720,0
            assertThat(first.openTime()).isEqualTo(1672531200000L).isEqualTo(t("2023-01-01T00:00:00Z"));
            assertThat(first.closeTime()).isEqualTo(1672534799999L);
            assertThat(first.open()).isEqualTo("16541.77000000");
            assertThat(first.high()).isEqualByComparingTo("16545.70");
            assertThat(first.low()).isEqualByComparingTo("16508.39");
            assertThat(first.close()).isEqualByComparingTo("16529.67");
            assertThat(first.volume()).isEqualByComparingTo("4364.8357");
            assertThat(first.quoteVolume()).isEqualByComparingTo("72146293.58672290");
            assertThat(first.trades()).isEqualTo(149854);
            assertThat(first.takerBuyBaseVolume()).isEqualByComparingTo("2179.94772");
            assertThat(first.takerBuyQuoteVolume()).isEqualByComparingTo("36032352.87035720");
            assertThat(first.closed()).isTrue();
            assertThat(first.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2023-01-31T23:00:00Z"));
        }

        @Test
        void binance12colHeaderless_isTheSameSeries(@TempDir Path tmp) throws IOException {
            Path real = SharedData.file(MONTHLY + "BTCUSDT-1h-2023-03.csv.gz");
            List<String> rows = lines(real);
            rows.removeFirst();
            Path headerless = writeGz(tmp.resolve("BTCUSDT-1h-2023-03.csv.gz"), rows);

            KlineImport imp = importer.read(headerless);
            KlineImport withHeader = importer.read(real);

            assertThat(imp.layout()).isEqualTo("binance-12col-headerless");
            assertThat(imp.rowsRead()).isEqualTo(743);
            assertThat(imp.bars()).isEqualTo(withHeader.bars());
            assertThat(imp.bars().getFirst().open()).isEqualByComparingTo("23141.57");
            // SOURCES.md: 743 rows, the 2023-03-24 13:00 spot outage is the one missing hour.
            assertThat(imp.gaps()).containsExactly(
                    new Gap(t("2023-03-24T12:00:00Z"), t("2023-03-24T14:00:00Z"), 1));
        }

        @Test
        void binance12colHeaderless_microsecondTimesAreScaledToMillis(@TempDir Path tmp) throws IOException {
            Path real = SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz");
            List<String> rows = lines(real).subList(1, 49);   // first two days, header dropped
            List<String> micros = new ArrayList<>();
            for (String r : rows) {
                String[] f = r.split(",");
                f[0] = f[0] + "000";
                f[6] = f[6] + "999";
                micros.add(String.join(",", f));
            }
            KlineImport imp = importer.read(writeGz(tmp.resolve("BTCUSDT-1h-2023-01.csv.gz"), micros));

            assertThat(imp.layout()).isEqualTo("binance-12col-headerless");
            assertThat(imp.bars()).isEqualTo(importer.read(real).bars().subList(0, 48));
        }

        @Test
        void binance12col_officialFuturesMonthlyFile() throws IOException {
            KlineImport imp = importer.read(SharedData.file("futures-um/klines/LTCUSDT/monthly/LTCUSDT-1m-2026-02.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col");
            assertThat(imp.symbol()).isEqualTo("LTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.M1);
            assertThat(imp.bars()).hasSize(40320);
            assertThat(imp.gaps()).isEmpty();
            assertThat(imp.bars()).allSatisfy(b -> assertThat(b.closeTime()).isEqualTo(b.openTime() + 59_999));
            Bar first = imp.bars().getFirst();
            assertThat(first.openTime()).isEqualTo(t("2026-02-01T00:00:00Z"));
            assertThat(first.open()).isEqualByComparingTo("59.49");
            assertThat(first.low()).isEqualByComparingTo("59.42");
            assertThat(first.close()).isEqualByComparingTo("59.45");
            assertThat(first.trades()).isEqualTo(442);
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-02-28T23:59:00Z"));
        }

        @Test
        void camelCase_binancequantFutures() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col-camel");
            assertThat(imp.rowsRead()).isEqualTo(13848);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 1735689600000,93548.80,94449.20,93460.20,94363.60,5744.609,1735693199999,539615914.46460,105263,...
            assertThat(first.openTime()).isEqualTo(1735689600000L);
            assertThat(first.open()).isEqualByComparingTo("93548.80");
            assertThat(first.high()).isEqualByComparingTo("94449.20");
            assertThat(first.low()).isEqualByComparingTo("93460.20");
            assertThat(first.close()).isEqualByComparingTo("94363.60");
            assertThat(first.closeTime()).isEqualTo(1735693199999L);
            assertThat(first.trades()).isEqualTo(105263);
            assertThat(first.takerBuyQuoteVolume()).isEqualByComparingTo("308056781.54270");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-07-31T23:00:00Z"));
        }

        @Test
        void camelCase_4hFromFileNameToken() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "futures-um/klines/BTCUSDT/BTCUSDT-4h-20250101_20260731.binancequant.csv.gz"));

            assertThat(imp.interval()).isEqualTo(Interval.H4);
            assertThat(imp.bars()).hasSize(3462);
            assertThat(imp.bars().getFirst().closeTime()).isEqualTo(1735703999999L);
        }

        @Test
        void pythonBinance_gatrading1hWithItsTwoMaintenanceGaps() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz"));

            assertThat(imp.layout()).isEqualTo("python-binance");
            assertThat(imp.rowsRead()).isEqualTo(1436);
            Bar first = imp.bars().getFirst();
            // 2021-04-08 13:00:00,57472.08000000,57710.66000000,57256.81000000,57437.92000000,2879.67382900,
            // 1617890399999,165417922.00236539,76531,...
            assertThat(first.openTime()).isEqualTo(t("2021-04-08T13:00:00Z"));
            assertThat(first.closeTime()).isEqualTo(1617890399999L);
            assertThat(first.open()).isEqualByComparingTo("57472.08");
            assertThat(first.high()).isEqualByComparingTo("57710.66");
            assertThat(first.low()).isEqualByComparingTo("57256.81");
            assertThat(first.close()).isEqualByComparingTo("57437.92");
            assertThat(first.trades()).isEqualTo(76531);
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2021-06-07T13:00:00Z"));
            // SOURCES.md: 2 gaps, 5 missing bars.
            assertThat(imp.gaps()).containsExactly(
                    new Gap(t("2021-04-20T01:00:00Z"), t("2021-04-20T04:00:00Z"), 2),
                    new Gap(t("2021-04-25T04:00:00Z"), t("2021-04-25T08:00:00Z"), 3));
        }

        @Test
        void dateAndOpenTime_savioPrefersOpenTimeAndAcceptsPandasFloats() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1d-20170817_20230815.savio.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col-date");
            assertThat(imp.interval()).isEqualTo(Interval.D1);
            assertThat(imp.rowsRead()).isEqualTo(2190);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 2017-08-17,1502928000000,4261.48,4485.39,4200.74,4285.08,795.150377,1503014399999,3454770.05073206,3427
            assertThat(first.openTime()).isEqualTo(1502928000000L);
            assertThat(first.closeTime()).isEqualTo(1503014399999L);
            assertThat(first.open()).isEqualByComparingTo("4261.48");
            assertThat(first.high()).isEqualByComparingTo("4485.39");
            assertThat(first.low()).isEqualByComparingTo("4200.74");
            assertThat(first.close()).isEqualByComparingTo("4285.08");
            assertThat(first.trades()).isEqualTo(3427);
            Bar last = imp.bars().getLast();
            assertThat(last.openTime()).isEqualTo(t("2023-08-15T00:00:00Z"));
            assertThat(last.quoteVolume()).isEqualTo("548299155.0094752");   // pandas artefact kept as written
        }

        @Test
        void openTimeAndDatetime_bianv2PrefersOpenTime() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BNBUSDT/BNBUSDT-1h-20260127_20260726.bianv2.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-datetime");
            assertThat(imp.rowsRead()).isEqualTo(4320);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 1769536800000,2026-01-27 18:00:00,887.11000000,894.65000000,886.41000000,892.44000000,3938.41300000,
            // 1769540399999,3509525.11469000,32432,2390.55600000,2130049.99413000
            assertThat(first.openTime()).isEqualTo(1769536800000L).isEqualTo(t("2026-01-27T18:00:00Z"));
            assertThat(first.open()).isEqualByComparingTo("887.11");
            assertThat(first.high()).isEqualByComparingTo("894.65");
            assertThat(first.low()).isEqualByComparingTo("886.41");
            assertThat(first.close()).isEqualByComparingTo("892.44");
            assertThat(first.trades()).isEqualTo(32432);
            assertThat(first.takerBuyBaseVolume()).isEqualByComparingTo("2390.556");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-07-26T17:00:00Z"));
        }

        @Test
        void ohlcvDateTimeStrings_bnb1hYanniedog_hasItsGaps() throws IOException {
            // speed is measured by `bench import`, not here
            Path file = SharedData.file("spot/klines/BNBUSDT/BNBUSDT-1h-20171106_20260106.ohlcv.yanniedog.csv.gz");
            KlineImport imp = importer.read(file);

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.interval()).isEqualTo(Interval.H1);
            // SOURCES.md: 71480 rows, 27 gaps, 122 missing bars; largest 2018-02-08T00 -> 2018-02-09T10 (33).
            assertThat(imp.rowsRead()).isEqualTo(71480);
            assertThat(imp.bars()).hasSize(71480);
            assertThat(imp.gaps()).hasSize(27);
            assertThat(missing(imp)).isEqualTo(122);
            assertThat(imp.gaps()).contains(new Gap(t("2018-02-08T00:00:00Z"), t("2018-02-09T10:00:00Z"), 33));
            Bar first = imp.bars().getFirst();
            // 2017-11-06 03:00:00,1.5,1.799,0.5,1.7,649.12
            assertThat(first.openTime()).isEqualTo(t("2017-11-06T03:00:00Z"));
            assertThat(first.closeTime()).isEqualTo(first.openTime() + 3_599_999);
            assertThat(first.open()).isEqualByComparingTo("1.5");
            assertThat(first.high()).isEqualByComparingTo("1.799");
            assertThat(first.low()).isEqualByComparingTo("0.5");
            assertThat(first.close()).isEqualByComparingTo("1.7");
            assertThat(first.volume()).isEqualByComparingTo("649.12");
            assertThat(first.quoteVolume()).isNull();
            assertThat(first.takerBuyBaseVolume()).isNull();
            assertThat(first.takerBuyQuoteVolume()).isNull();
            assertThat(first.trades()).isEqualTo(-1);
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-01-06T12:00:00Z"));
        }

        @Test
        void ohlcvDateOnly_btc1dYanniedog() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1d-20170817_20260106.ohlcv.yanniedog.csv.gz"));

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.interval()).isEqualTo(Interval.D1);
            assertThat(imp.bars()).hasSize(3065);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            assertThat(first.openTime()).isEqualTo(t("2017-08-17T00:00:00Z"));
            assertThat(first.closeTime()).isEqualTo(t("2017-08-17T23:59:59.999Z"));
            assertThat(first.open()).isEqualByComparingTo("4261.48");
            assertThat(first.close()).isEqualByComparingTo("4285.08");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-01-06T00:00:00Z"));
        }

        @Test
        void ohlcvEpochSeconds_aicryptobot() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/ETHUSDT/ETHUSDT-1h-20170817_20221029.ohlcv.aicryptobot.csv.gz"));

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.symbol()).isEqualTo("ETHUSDT");
            // SOURCES.md: 45446 rows, 27 gaps, 127 missing bars.
            assertThat(imp.rowsRead()).isEqualTo(45446);
            assertThat(imp.gaps()).hasSize(27);
            assertThat(missing(imp)).isEqualTo(127);
            Bar first = imp.bars().getFirst();
            // 1502942400,301.13,302.57,298,301.61,125.66877000000001
            assertThat(first.openTime()).isEqualTo(1502942400_000L).isEqualTo(t("2017-08-17T04:00:00Z"));
            assertThat(first.open()).isEqualByComparingTo("301.13");
            assertThat(first.high()).isEqualByComparingTo("302.57");
            assertThat(first.low()).isEqualByComparingTo("298");
            assertThat(first.close()).isEqualByComparingTo("301.61");
            assertThat(first.volume()).isEqualTo("125.66877000000001");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2022-10-29T00:00:00Z"));
        }

        @Test
        void ohlcvWithPlus0000_elvistv() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1h-20240101_20260331.ohlcv.elvistv.csv.gz"));

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.bars()).hasSize(19704);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 2024-01-01 00:00:00+0000,42283.58,42554.57,42261.02,42475.23,1271.68108
            assertThat(first.openTime()).isEqualTo(t("2024-01-01T00:00:00Z"));
            assertThat(first.open()).isEqualByComparingTo("42283.58");
            assertThat(first.high()).isEqualByComparingTo("42554.57");
            assertThat(first.low()).isEqualByComparingTo("42261.02");
            assertThat(first.close()).isEqualByComparingTo("42475.23");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2026-03-31T23:00:00Z"));
        }

        @Test
        void ohlcvCapitalisedDateWithPlus00Colon00_markettrendFutures() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "futures-um/klines/BTCUSDT/BTCUSDT-1h-20200101_20240418.ohlcv.markettrend.csv.gz"));

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.bars()).hasSize(37660);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 2020-01-01 00:00:00+00:00,7189.43,7190.52,7170.15,7171.55,2449.049
            assertThat(first.openTime()).isEqualTo(t("2020-01-01T00:00:00Z"));
            assertThat(first.open()).isEqualByComparingTo("7189.43");
            assertThat(first.high()).isEqualByComparingTo("7190.52");
            assertThat(first.low()).isEqualByComparingTo("7170.15");
            assertThat(first.close()).isEqualByComparingTo("7171.55");
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2024-04-18T03:00:00Z"));
        }

        @Test
        void isoWithZoneAndSymbolColumn_forecasttest() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1m-20251029_20251101.forecasttest.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col-iso-symbol");
            assertThat(imp.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.M1);
            assertThat(imp.bars()).hasSize(4320);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 2025-10-29 04:22:00+00:00,112731.29,112749.73,112730.4,112749.72,4.75297,
            // 2025-10-29 04:22:59.999000+00:00,535846.83867820,1459,1.90045000,214244.39643660,0,BTCUSDT
            assertThat(first.openTime()).isEqualTo(t("2025-10-29T04:22:00Z"));
            assertThat(first.closeTime()).isEqualTo(t("2025-10-29T04:22:59.999Z"));
            assertThat(first.open()).isEqualByComparingTo("112731.29");
            assertThat(first.high()).isEqualByComparingTo("112749.73");
            assertThat(first.low()).isEqualByComparingTo("112730.4");
            assertThat(first.close()).isEqualByComparingTo("112749.72");
            assertThat(first.trades()).isEqualTo(1459);
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2025-11-01T04:21:00Z"));
        }

        @Test
        void symbolColumnAndSpacing_whenTheFileNameSaysNothing(@TempDir Path tmp) throws IOException {
            Path real = SharedData.file("spot/klines/ETHUSDT/ETHUSDT-1m-20251029_20251101.forecasttest.csv.gz");
            Path anonymous = tmp.resolve("klines.csv.gz");
            Files.copy(real, anonymous);

            KlineImport imp = importer.read(anonymous);

            assertThat(imp.symbol()).isEqualTo("ETHUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.M1);
            assertThat(imp.bars()).isEqualTo(importer.read(real).bars());
        }

        @Test
        void isoWithoutZone_memlabsFutures() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "futures-um/klines/BTCUSDT/BTCUSDT-1h-20240101_20251220.memlabs.csv.gz"));

            assertThat(imp.layout()).isEqualTo("binance-12col-iso");
            assertThat(imp.bars()).hasSize(17280);
            assertThat(imp.gaps()).isEmpty();
            Bar first = imp.bars().getFirst();
            // 2024-01-01T00:00:00.000,42314.0,42603.2,42289.6,42503.5,8459.477,2024-01-01T00:59:59.999,
            // 359196345.08716,88278,4687.976,199033806.82405,0
            assertThat(first.openTime()).isEqualTo(t("2024-01-01T00:00:00Z"));
            assertThat(first.closeTime()).isEqualTo(t("2024-01-01T00:59:59.999Z"));
            assertThat(first.open()).isEqualByComparingTo("42314.0");
            assertThat(first.high()).isEqualByComparingTo("42603.2");
            assertThat(first.low()).isEqualByComparingTo("42289.6");
            assertThat(first.close()).isEqualByComparingTo("42503.5");
            assertThat(first.trades()).isEqualTo(88278);
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2025-12-20T23:00:00Z"));
        }
    }

    @Nested
    class Duplicates {

        @Test
        void volo_keepsTheLastRowPerOpenTime() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1h-20170817_20201208.volo.csv.gz"));

            assertThat(imp.layout()).isEqualTo("python-binance");
            // SOURCES.md: 28909 rows, 5 repeated open-time rows.
            assertThat(imp.rowsRead()).isEqualTo(28909);
            assertThat(imp.duplicatesDropped()).isEqualTo(5);
            assertThat(imp.bars()).hasSize(28904);
            assertSortedUnique(imp.bars());
            // 2020-12-07 22:00 appears 3 times; the last (line 28908) closes at 19114.48 with volume 788.101718.
            Bar kept = imp.bars().stream().filter(b -> b.openTime() == t("2020-12-07T22:00:00Z")).findFirst().orElseThrow();
            assertThat(kept.close()).isEqualByComparingTo("19114.48");
            assertThat(kept.volume()).isEqualByComparingTo("788.101718");
            assertThat(kept.trades()).isEqualTo(36202);
            // 2020-12-04 11:00 x3: last row low 18700.0, close 18833.25.
            Bar kept2 = imp.bars().stream().filter(b -> b.openTime() == t("2020-12-04T11:00:00Z")).findFirst().orElseThrow();
            assertThat(kept2.close()).isEqualByComparingTo("18833.25");
            assertThat(kept2.trades()).isEqualTo(84724);
            // Off-grid bars after the 2018-02-08 outage are kept as Binance returned them.
            assertThat(imp.bars()).anySatisfy(b -> assertThat(b.openTime()).isEqualTo(t("2018-02-09T09:28:14.789Z")));
            assertThat(imp.gaps()).contains(new Gap(t("2018-02-08T00:00:00Z"), t("2018-02-09T09:28:14.789Z"), 32));
            // SOURCES.md: 109 missing bars (it says 20 gaps; only 19 holes have a missing bar: the off-grid steps
            // 03:28:14 -> 04:00 are shorter than an hour).
            assertThat(missing(imp)).isEqualTo(109);
            assertThat(imp.gaps()).hasSize(19);
        }

        @Test
        void spmproject_keepsTheLastRowPerOpenTime() throws IOException {
            KlineImport imp = importer.read(SharedData.file(
                    "spot/klines/BTCUSDT/BTCUSDT-1m-20211011_20211021.spmproject.csv.gz"));

            // SOURCES.md: 15725 rows, 32 repeated rows (31 timestamps), no gaps.
            assertThat(imp.rowsRead()).isEqualTo(15725);
            assertThat(imp.duplicatesDropped()).isEqualTo(32);
            assertThat(imp.bars()).hasSize(15725 - 32);
            assertSortedUnique(imp.bars());
            assertThat(imp.gaps()).isEmpty();
            // 2021-10-16 21:25 on lines 8487 (close 60982.9) and 8488 (close 60990.49): the later one is kept.
            Bar kept = imp.bars().stream().filter(b -> b.openTime() == t("2021-10-16T21:25:00Z")).findFirst().orElseThrow();
            assertThat(kept.close()).isEqualByComparingTo("60990.49");
            assertThat(kept.trades()).isEqualTo(498);
            assertThat(imp.bars().getFirst().openTime()).isEqualTo(t("2021-10-11T00:00:00Z"));
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2021-10-21T21:32:00Z"));
        }

        @Test
        void rowsOutOfOrderAreSorted(@TempDir Path tmp) throws IOException {
            Path real = SharedData.file(MONTHLY + "BTCUSDT-1h-2023-04.csv.gz");
            List<String> rows = lines(real);
            List<String> body = new ArrayList<>(rows.subList(1, rows.size()));
            Collections.reverse(body);
            body.addFirst(rows.getFirst());

            KlineImport imp = importer.read(writeGz(tmp.resolve("BTCUSDT-1h-reversed.csv.gz"), body));

            assertThat(imp.bars()).isEqualTo(importer.read(real).bars());
            assertThat(imp.duplicatesDropped()).isZero();
        }
    }

    @Nested
    class Folders {

        @Test
        void monthlyFolder_mergesJanuaryToMay2023() throws IOException {
            Path dir = SharedData.binance().resolve(MONTHLY);

            KlineImport imp = importer.readFolder(dir, "BTCUSDT", Interval.H1);

            assertThat(imp.source()).isEqualTo(dir);
            assertThat(imp.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.H1);
            assertThat(imp.layout()).isEqualTo("binance-12col");
            assertThat(imp.rowsRead()).isEqualTo(744 + 672 + 743 + 720 + 744);
            assertThat(imp.bars()).hasSize(3623);
            assertThat(imp.duplicatesDropped()).isZero();
            assertSortedUnique(imp.bars());
            assertThat(imp.bars().getFirst().openTime()).isEqualTo(t("2023-01-01T00:00:00Z"));
            assertThat(imp.bars().getLast().openTime()).isEqualTo(t("2023-05-31T23:00:00Z"));
            assertThat(imp.gaps()).containsExactly(
                    new Gap(t("2023-03-24T12:00:00Z"), t("2023-03-24T14:00:00Z"), 1));
            // Month boundaries are contiguous: Jan 31 23:00 is followed by Feb 1 00:00.
            assertThat(imp.bars().get(744).openTime()).isEqualTo(t("2023-02-01T00:00:00Z"));
        }

        @Test
        void nullSymbolAndInterval_areTakenFromTheFirstFile() throws IOException {
            KlineImport imp = importer.readFolder(SharedData.binance().resolve(MONTHLY), null, null);

            assertThat(imp.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.H1);
            assertThat(imp.bars()).hasSize(3623);
        }

        @Test
        void noMatchingFile_namesTheFolder() {
            Path dir = SharedData.binance().resolve(MONTHLY);

            KlineFormatException e = catchThrowableOfType(KlineFormatException.class,
                    () -> importer.readFolder(dir, "ETHUSDT", Interval.H1));

            assertThat(e.file()).isEqualTo(dir);
            assertThat(e.line()).isZero();
            assertThat(e.getMessage()).startsWith("monthly: ").contains(dir.toString()).contains("ETHUSDT");
            assertThatThrownBy(() -> importer.readFolder(dir, "BTCUSDT", Interval.M1))
                    .isInstanceOf(KlineFormatException.class).hasMessageContaining("1m");
        }

        @Test
        void skipsOtherSymbolsAndIntervals_andTheLastFileWinsOnDuplicates(@TempDir Path tmp) throws IOException {
            Path jan = SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz");
            Files.createDirectories(tmp.resolve("a"));
            Files.copy(jan, tmp.resolve("a/BTCUSDT-1h-2023-01.csv.gz"));
            Files.copy(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-02.csv.gz"), tmp.resolve("a/BTCUSDT-1h-2023-02.csv.gz"));
            // A later file (path order) re-delivers Jan 1 00:00 with a different close and volume.
            List<String> rows = lines(jan);
            String[] f = rows.get(1).split(",");
            f[4] = "16530.00000000";
            f[5] = "4400.00000000";
            writePlain(tmp.resolve("b/BTCUSDT-1h-fix.csv"), List.of(rows.getFirst(), String.join(",", f)));
            // Not matching: other interval (name), other symbol (name), other symbol (column).
            Files.copy(SharedData.file("futures-um/klines/BTCUSDT/BTCUSDT-4h-20250101_20260731.binancequant.csv.gz"),
                    tmp.resolve("a/BTCUSDT-4h-20250101_20260731.binancequant.csv.gz"));
            Files.copy(SharedData.file("spot/klines/ETHUSDT/ETHUSDT-1h-20260127_20260726.bianv2.csv.gz"),
                    tmp.resolve("a/ETHUSDT-1h-20260127_20260726.bianv2.csv.gz"));
            writePlain(tmp.resolve("README.txt"), List.of("not a csv"));

            KlineImport imp = importer.readFolder(tmp, "BTCUSDT", Interval.H1);

            assertThat(imp.rowsRead()).isEqualTo(744 + 672 + 1);
            assertThat(imp.duplicatesDropped()).isEqualTo(1);
            assertThat(imp.bars()).hasSize(744 + 672);
            assertSortedUnique(imp.bars());
            Bar first = imp.bars().getFirst();
            assertThat(first.openTime()).isEqualTo(t("2023-01-01T00:00:00Z"));
            assertThat(first.close()).isEqualByComparingTo("16530");
            assertThat(first.volume()).isEqualByComparingTo("4400");
            assertThat(imp.gaps()).isEmpty();
        }

        @Test
        void aFileThatFailsToParse_failsTheFolder(@TempDir Path tmp) throws IOException {
            Files.copy(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz"), tmp.resolve("BTCUSDT-1h-2023-01.csv.gz"));
            List<String> rows = lines(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-02.csv.gz"));
            rows.set(3, rows.get(3).replaceFirst(",", ",x"));
            writeGz(tmp.resolve("BTCUSDT-1h-2023-02.csv.gz"), rows);

            assertThatThrownBy(() -> importer.readFolder(tmp, "BTCUSDT", Interval.H1))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessageStartingWith("BTCUSDT-1h-2023-02.csv.gz line 4: column 'open' is not a number: 'x");
        }
    }

    @Nested
    class Malformed {

        private Path monthlyWith(Path tmp, String name, int lineNo, java.util.function.UnaryOperator<String> edit)
                throws IOException {
            List<String> rows = lines(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz"));
            rows.set(lineNo - 1, edit.apply(rows.get(lineNo - 1)));
            return writeGz(tmp.resolve(name), rows);
        }

        @Test
        void badNumber(@TempDir Path tmp) throws IOException {
            Path file = monthlyWith(tmp, "BTCUSDT-1h-2023-01.csv.gz", 17, r -> {
                String[] f = r.split(",");
                f[4] = "abc";
                return String.join(",", f);
            });

            KlineFormatException e = catchThrowableOfType(KlineFormatException.class, () -> importer.read(file));

            assertThat(e.getMessage()).isEqualTo("BTCUSDT-1h-2023-01.csv.gz line 17: column 'close' is not a number: 'abc'");
            assertThat(e.file()).isEqualTo(file);
            assertThat(e.line()).isEqualTo(17);
            assertThat(e.reason()).isEqualTo("column 'close' is not a number: 'abc'");
        }

        @Test
        void missingColumn(@TempDir Path tmp) throws IOException {
            Path file = monthlyWith(tmp, "BTCUSDT-1h-2023-01.csv.gz", 5, r -> r.substring(0, r.lastIndexOf(',')));

            assertThatThrownBy(() -> importer.read(file))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessage("BTCUSDT-1h-2023-01.csv.gz line 5: expected 12 columns, found 11");
        }

        @Test
        void highBelowLow(@TempDir Path tmp) throws IOException {
            String[] orig = lines(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz")).get(8).split(",");
            Path file = monthlyWith(tmp, "BTCUSDT-1h-2023-01.csv.gz", 9, r -> {
                String[] f = r.split(",");
                String high = f[2];
                f[2] = f[3];
                f[3] = high;
                return String.join(",", f);
            });

            KlineFormatException e = catchThrowableOfType(KlineFormatException.class, () -> importer.read(file));

            assertThat(e.line()).isEqualTo(9);
            assertThat(e.getMessage()).isEqualTo("BTCUSDT-1h-2023-01.csv.gz line 9: low " + orig[2]
                    + " is above high " + orig[3]);
        }

        @Test
        void badTime(@TempDir Path tmp) throws IOException {
            Path file = monthlyWith(tmp, "BTCUSDT-1h-2023-01.csv.gz", 30, r -> "2023-01-32" + r.substring(r.indexOf(',')));

            assertThatThrownBy(() -> importer.read(file))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessage("BTCUSDT-1h-2023-01.csv.gz line 30: column 'open_time' is not a time: '2023-01-32'");
        }

        @Test
        void headerlessRowsAreNamedByTheirBinanceColumn(@TempDir Path tmp) throws IOException {
            List<String> rows = lines(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz"));
            rows.removeFirst();
            String[] f = rows.get(9).split(",");
            f[5] = "-1";
            rows.set(9, String.join(",", f));
            Path file = writeGz(tmp.resolve("BTCUSDT-1h-2023-01.csv.gz"), rows);

            assertThatThrownBy(() -> importer.read(file))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessage("BTCUSDT-1h-2023-01.csv.gz line 10: volume -1 is negative");
        }

        @Test
        void lineNumbersCountBlankLines_whichAreOtherwiseSkipped(@TempDir Path tmp) throws IOException {
            List<String> rows = lines(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz"));
            rows.add(3, "");
            rows.add(3, "   ");
            Path ok = writeGz(tmp.resolve("ok/BTCUSDT-1h-2023-01.csv.gz"), rows);
            assertThat(importer.read(ok).bars()).hasSize(744);

            rows.set(7, rows.get(7).substring(0, 20));
            Path bad = writeGz(tmp.resolve("bad/BTCUSDT-1h-2023-01.csv.gz"), rows);
            assertThatThrownBy(() -> importer.read(bad))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessage("BTCUSDT-1h-2023-01.csv.gz line 8: expected 12 columns, found 2");
        }

        @Test
        void unknownHeader() throws IOException {
            Path funding = SharedData.file("futures-um/fundingRate/BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz");

            KlineFormatException e = catchThrowableOfType(KlineFormatException.class, () -> importer.read(funding));

            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).startsWith("not a kline CSV");
        }

        @Test
        void symbolThatCannotBeInferred_andCallerGivenValues(@TempDir Path tmp) throws IOException {
            List<String> rows = lines(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20220101_20251202.ohlcv.econproject.csv.gz"))
                    .subList(0, 25);
            Path file = writeGz(tmp.resolve("klines.csv.gz"), rows);

            assertThatThrownBy(() -> importer.read(file))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessageStartingWith("klines.csv.gz: cannot infer the symbol");

            KlineImport imp = importer.read(file, "BTCUSDT", null);
            assertThat(imp.symbol()).isEqualTo("BTCUSDT");
            assertThat(imp.interval()).isEqualTo(Interval.H1);   // from the spacing
            assertThat(imp.bars()).hasSize(24);
            assertThat(imp.bars().getFirst().closeTime()).isEqualTo(t("2022-01-01T00:59:59.999Z"));

            KlineImport given = importer.read(file, "XBT", Interval.H1);
            assertThat(given.symbol()).isEqualTo("XBT");
            assertThat(given.bars()).allSatisfy(b -> assertThat(b.symbol()).isEqualTo("XBT"));
        }

        @Test
        void intervalThatCannotBeInferred(@TempDir Path tmp) throws IOException {
            List<String> rows = lines(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20220101_20251202.ohlcv.econproject.csv.gz"))
                    .subList(0, 2);
            Path file = writeGz(tmp.resolve("BTCUSDT-one-row.csv.gz"), rows);

            assertThatThrownBy(() -> importer.read(file))
                    .isInstanceOf(KlineFormatException.class)
                    .hasMessageStartingWith("BTCUSDT-one-row.csv.gz: cannot infer the interval");
            assertThat(importer.read(file, null, Interval.H1).bars()).hasSize(1);
        }
    }

    @Nested
    class Details {

        @Test
        void gzipIsDetectedByContent_andPlainCsvWorks(@TempDir Path tmp) throws IOException {
            Path real = SharedData.file(MONTHLY + "BTCUSDT-1h-2023-05.csv.gz");
            Path gzipNamedCsv = tmp.resolve("BTCUSDT-1h-2023-05.csv");
            Files.copy(real, gzipNamedCsv);
            Path plain = writePlain(tmp.resolve("plain/BTCUSDT-1h-2023-05.csv"), lines(real));

            List<Bar> expected = importer.read(real).bars();
            assertThat(importer.read(gzipNamedCsv).bars()).isEqualTo(expected);
            assertThat(importer.read(plain).bars()).isEqualTo(expected);
        }

        @Test
        void exponentsQuotesAndFractionalSeconds(@TempDir Path tmp) throws IOException {
            Path file = writePlain(tmp.resolve("SHIBUSDT-1m-test.csv"), List.of(
                    "\"timestamp\",\"open\",\"high\",\"low\",\"close\",\"volume\"",
                    "\"2024-01-01T00:00:00Z\",1.5e-05,\"1.6E-05\",0.000014,0.0000155,1e3",
                    "2024-01-01T00:01:00.000+00:00, 1.55e-05 ,1.56e-05,1.5e-05,1.5e-05,0",
                    "1704067320.0,1.5e-05,1.5e-05,1.5e-05,1.5e-05,2"));

            KlineImport imp = importer.read(file);

            assertThat(imp.layout()).isEqualTo("ohlcv");
            assertThat(imp.bars()).extracting(Bar::openTime)
                    .containsExactly(t("2024-01-01T00:00:00Z"), t("2024-01-01T00:01:00Z"), t("2024-01-01T00:02:00Z"));
            assertThat(imp.bars().getFirst().open()).isEqualByComparingTo("0.000015");
            assertThat(imp.bars().getFirst().high()).isEqualByComparingTo("0.000016");
            assertThat(imp.bars().getFirst().volume()).isEqualByComparingTo("1000");
            assertThat(imp.bars().get(1).open()).isEqualByComparingTo("0.0000155");
        }

        @Test
        void parseTime_acceptsTheDocumentedForms() {
            long h = t("2024-03-05T07:08:09Z");
            assertThat(KlineCsvImporter.parseTime("1709622489")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("1709622489000")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("1709622489000000")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05 07:08:09")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05 07:08:09+0000")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05 07:08:09+00:00")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05T07:08:09Z")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05T09:08:09+02:00")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05T02:08:09-05:00")).isEqualTo(h);
            assertThat(KlineCsvImporter.parseTime("2024-03-05T07:08:09.250")).isEqualTo(h + 250);
            assertThat(KlineCsvImporter.parseTime("2024-03-05 07:08:09.999000+00:00")).isEqualTo(h + 999);
            assertThat(KlineCsvImporter.parseTime("2024-03-05")).isEqualTo(t("2024-03-05T00:00:00Z"));
            assertThat(KlineCsvImporter.parseTime("2024-02-30")).isEqualTo(Long.MIN_VALUE);
            assertThat(KlineCsvImporter.parseTime("2024-03-05 25:00:00")).isEqualTo(Long.MIN_VALUE);
            assertThat(KlineCsvImporter.parseTime("yesterday")).isEqualTo(Long.MIN_VALUE);
            assertThat(KlineCsvImporter.parseTime("")).isEqualTo(Long.MIN_VALUE);
        }

        @Test
        void fileNameInference() {
            assertThat(KlineCsvImporter.symbolFromName(Path.of("BTCUSDT-1m-2021.csv.gz"))).isEqualTo("BTCUSDT");
            assertThat(KlineCsvImporter.symbolFromName(Path.of("klines.csv"))).isNull();
            assertThat(KlineCsvImporter.symbolFromName(Path.of("data-1h.csv"))).isNull();
            assertThat(KlineCsvImporter.intervalFromName(Path.of("BTCUSDT-1h-2023-01.csv.gz"))).isEqualTo(Interval.H1);
            assertThat(KlineCsvImporter.intervalFromName(Path.of("BTCUSDT-1M-2023.csv"))).isEqualTo(Interval.MO1);
            assertThat(KlineCsvImporter.intervalFromName(Path.of("BTCUSDT-1m-2023.csv"))).isEqualTo(Interval.M1);
            assertThat(KlineCsvImporter.intervalFromName(Path.of("BTCUSDT-4h.bianv2.csv.gz"))).isEqualTo(Interval.H4);
            assertThat(KlineCsvImporter.intervalFromName(Path.of("BTCUSDT-fundingRate-2025.csv.gz"))).isNull();
        }

        @Test
        void namedIntervalsListWhatAFolderHoldsPerSymbolFromTheNamesAlone() throws IOException {
            Path spot = SharedData.binance().resolve("spot/klines");
            assertThat(KlineCsvImporter.namedIntervals(spot, "BTCUSDT"))
                    .containsExactly(Interval.M1, Interval.H1, Interval.H4, Interval.D1);
            assertThat(KlineCsvImporter.namedIntervals(spot, "SOLUSDT")).containsExactly(Interval.D1);
            assertThat(KlineCsvImporter.namedIntervals(spot, "DOGEUSDT")).isEmpty();
            assertThat(KlineCsvImporter.namedIntervals(SharedData.binance().resolve("futures-um/klines"), "LTCUSDT"))
                    .containsExactly(Interval.M1); // monthly/LTCUSDT-1m-2026-02.csv.gz, one level down
        }

        @Test
        void calendarMonths_areInferredAndNeverReportGaps(@TempDir Path tmp) throws IOException {
            // First trading day of each month from the real savio 1d file, used as (valid) monthly rows.
            List<String> rows = lines(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1d-20170817_20230815.savio.csv.gz"));
            List<String> monthly = new ArrayList<>();
            monthly.add(rows.getFirst());
            String lastMonth = "";
            for (String r : rows.subList(1, rows.size())) {
                String month = r.substring(0, 7);
                if (!month.equals(lastMonth) && r.substring(8, 10).equals("01")) {
                    monthly.add(r);
                }
                lastMonth = month;
            }
            monthly.remove(5);   // a hole that a fixed-length interval would report
            Path file = writeGz(tmp.resolve("BTCUSDT-monthly.csv.gz"), monthly);

            KlineImport imp = importer.read(file);

            assertThat(imp.interval()).isEqualTo(Interval.MO1);
            assertThat(imp.bars()).hasSize(monthly.size() - 1);
            assertThat(imp.gaps()).isEmpty();
        }

        @Test
        void resultListsAreImmutable() throws IOException {
            KlineImport imp = importer.read(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-02.csv.gz"));

            assertThatThrownBy(() -> imp.bars().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> imp.gaps().clear()).isInstanceOf(UnsupportedOperationException.class);
        }
    }
}
