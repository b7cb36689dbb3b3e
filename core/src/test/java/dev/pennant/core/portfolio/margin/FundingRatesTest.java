package dev.pennant.core.portfolio.margin;

import dev.pennant.core.portfolio.margin.FundingRates.FundingEvent;
import dev.pennant.core.portfolio.margin.FundingRates.FundingRateFormatException;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FundingRatesTest {

    private static final String FILE = "futures-um/fundingRate/BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz";
    private static final long HOUR = 3_600_000L;
    private static final long JAN_1_2025 = Instant.parse("2025-01-01T00:00:00Z").toEpochMilli();
    private static final long FEB_1_2025 = Instant.parse("2025-02-01T00:00:00Z").toEpochMilli();

    private static FundingRates btc() {
        return FundingRates.load(SharedData.binance().resolve("futures-um/fundingRate"), "BTCUSDT");
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void realFileHolds1731EventsEightHoursApartWithoutGaps() {
        FundingRates rates = btc();
        assertThat(rates.symbol()).isEqualTo("BTCUSDT");
        // SOURCES.md: 1731 events, 2025-01-01T00:00Z → 2026-07-31T16:00Z, no gaps
        assertThat(rates.size()).isEqualTo(1731);
        List<FundingEvent> ev = rates.events();
        for (int i = 1; i < ev.size(); i++) {
            assertThat(ev.get(i).nominalTime() - ev.get(i - 1).nominalTime()).as("gap before event " + i)
                    .isEqualTo(8 * HOUR);
        }
        assertThat(ev).allSatisfy(e -> assertThat(e.fundingIntervalHours()).isEqualTo(8));

        FundingEvent first = ev.getFirst();
        assertThat(first.fundingTime()).isEqualTo(1735689600015L);      // as recorded, 15 ms late
        assertThat(first.nominalTime()).isEqualTo(JAN_1_2025);
        assertThat(first.fundingRate()).isEqualByComparingTo("0.0001");
        FundingEvent last = ev.getLast();
        assertThat(last.fundingTime()).isEqualTo(Instant.parse("2026-07-31T16:00:00Z").toEpochMilli());
        assertThat(last.fundingRate()).isEqualByComparingTo("0.00005664");
        assertThat(rates.events()).isSameAs(ev); // immutable view, no copy per call
        assertThatThrownBy(() -> ev.add(first)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadFileReadsOneFileAndTakesTheSymbolFromItsName() {
        FundingRates one = FundingRates.loadFile(SharedData.file(FILE));
        assertThat(one.symbol()).isEqualTo("BTCUSDT");
        assertThat(one.events()).isEqualTo(btc().events());
    }

    @Test
    void rateAtMatchesTheNominalTimeDespiteMillisecondJitter() {
        FundingRates rates = btc();
        assertThat(rates.rateAt(JAN_1_2025)).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.0001"));
        assertThat(rates.rateAt(1735689600015L)).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.0001"));
        assertThat(rates.rateAt(Instant.parse("2026-07-31T08:00:00Z").toEpochMilli()))
                .hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0.00009405"));
        assertThat(rates.rateAt(JAN_1_2025 + HOUR)).isEmpty();
        assertThat(rates.rateAt(JAN_1_2025 - 8 * HOUR)).isEmpty();
    }

    @Test
    void fundingTimesBetweenIsFromInclusiveToExclusive() {
        FundingRates rates = btc();
        long[] jan = rates.fundingTimesBetween(JAN_1_2025, FEB_1_2025);
        assertThat(jan).hasSize(31 * 3);
        assertThat(jan[0]).isEqualTo(JAN_1_2025);
        assertThat(jan[jan.length - 1]).isEqualTo(Instant.parse("2025-01-31T16:00:00Z").toEpochMilli());
        assertThat(rates.fundingTimesBetween(JAN_1_2025, JAN_1_2025 + 8 * HOUR)).containsExactly(JAN_1_2025);
        assertThat(rates.fundingTimesBetween(JAN_1_2025 + 1, JAN_1_2025 + 8 * HOUR + 1))
                .containsExactly(JAN_1_2025 + 8 * HOUR);
        assertThat(rates.fundingTimesBetween(FEB_1_2025, JAN_1_2025)).isEmpty();
        assertThat(rates.eventsBetween(JAN_1_2025, FEB_1_2025)).hasSize(93);
    }

    @Test
    void positiveRateLongsPayShortsAndNegativeRateShortsPayLongs() {
        // 1 BTC at mark 100,000, rate 0.01 %: notional 100,000 × 0.0001 = 10 USDT
        assertThat(FundingRates.payment(d("1"), d("100000"), d("0.0001"))).isEqualByComparingTo("-10");
        assertThat(FundingRates.payment(d("-1"), d("100000"), d("0.0001"))).isEqualByComparingTo("10");
        assertThat(FundingRates.payment(d("2"), d("50000"), d("-0.0003"))).isEqualByComparingTo("30");
        assertThat(FundingRates.payment(d("-2"), d("50000"), d("-0.0003"))).isEqualByComparingTo("-30");
        assertThat(FundingRates.payment(BigDecimal.ZERO, d("50000"), d("0.01"))).isEqualByComparingTo("0");
    }

    @Test
    void oneBtcLongOverJanuary2025PaysTheSumOfThatMonthsRates() throws IOException {
        BigDecimal mark = d("100000"); // constant mark price: the sum is then −mark × Σ rate
        FundingRates rates = btc();
        BigDecimal viaTable = BigDecimal.ZERO;
        for (FundingEvent e : rates.eventsBetween(JAN_1_2025, FEB_1_2025)) {
            viaTable = viaTable.add(FundingRates.payment(BigDecimal.ONE, mark, e.fundingRate()));
        }
        // Independently: the raw CSV lines, split by hand.
        BigDecimal sumRates = BigDecimal.ZERO;
        int lines = 0;
        try (var r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SharedData.file(FILE))), StandardCharsets.US_ASCII))) {
            assertThat(r.readLine()).isEqualTo("fundingTime,fundingIntervalHours,fundingRate");
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                long t = Long.parseLong(f[0]);
                if (t >= JAN_1_2025 && t < FEB_1_2025) {
                    sumRates = sumRates.add(new BigDecimal(f[2]));
                    lines++;
                }
            }
        }
        assertThat(lines).isEqualTo(93);
        assertThat(viaTable).isEqualByComparingTo(sumRates.multiply(mark).negate());
        // Σ of the 93 January rates is 0.00724185 (awk over the same file), so the long paid 724.185 USDT.
        assertThat(sumRates).isEqualByComparingTo("0.00724185");
        assertThat(viaTable).isEqualByComparingTo("-724.185");
    }

    @Test
    void malformedFilesNameFileLineAndColumn(@TempDir Path dir) throws IOException {
        Path badHeader = write(dir, "AAAUSDT-fundingRate-x.csv", "time,hours,rate\n1,8,0.1\n");
        assertThatThrownBy(() -> FundingRates.loadFile(badHeader))
                .isInstanceOf(FundingRateFormatException.class)
                .hasMessageStartingWith(badHeader + ":1:1: header must be 'fundingTime,fundingIntervalHours,fundingRate'");

        Path badRate = write(dir, "BBBUSDT-fundingRate-x.csv",
                "fundingTime,fundingIntervalHours,fundingRate\n1735689600000,8,0.0001\n1735718400000,8,abc\n");
        assertThatThrownBy(() -> FundingRates.loadFile(badRate))
                .hasMessage(badRate + ":3:3: fundingRate 'abc' is not a number")
                .satisfies(e -> {
                    FundingRateFormatException f = (FundingRateFormatException) e;
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.column()).isEqualTo(3);
                    assertThat(f.file()).isEqualTo(badRate.toString());
                });

        Path badHours = write(dir, "CCCUSDT-fundingRate-x.csv",
                "fundingTime,fundingIntervalHours,fundingRate\n1735689600000,eight,0.0001\n");
        assertThatThrownBy(() -> FundingRates.loadFile(badHours))
                .hasMessage(badHours + ":2:2: fundingIntervalHours 'eight' is not an integer");

        Path backwards = write(dir, "DDDUSDT-fundingRate-x.csv",
                "fundingTime,fundingIntervalHours,fundingRate\n1735718400000,8,0.0001\n1735689600000,8,0.0001\n");
        assertThatThrownBy(() -> FundingRates.loadFile(backwards))
                .hasMessageStartingWith(backwards + ":3:1: fundingTime 1735689600000 is not after");

        Path shortLine = write(dir, "EEEUSDT-fundingRate-x.csv", "fundingTime,fundingIntervalHours,fundingRate\n1735718400000,8\n");
        assertThatThrownBy(() -> FundingRates.loadFile(shortLine))
                .hasMessage(shortLine + ":2:3: expected 3 fields (fundingTime,fundingIntervalHours,fundingRate), found 2");

        assertThatThrownBy(() -> FundingRates.load(dir, "ZZZUSDT")).hasMessageContaining("no ZZZUSDT-fundingRate-");
    }

    @Test
    void overlappingFilesMergeWhenTheyAgree(@TempDir Path dir) throws IOException {
        write(dir, "XUSDT-fundingRate-a.csv", "fundingTime,fundingIntervalHours,fundingRate\n"
                + "1735689600015,8,0.0001\n1735718400000,8,0.0002\n");
        write(dir, "XUSDT-fundingRate-b.csv", "fundingTime,fundingIntervalHours,fundingRate\n"
                + "1735718400003,8,0.00020\n1735747200001,8,-0.0003\n");
        FundingRates merged = FundingRates.load(dir, "XUSDT");
        assertThat(merged.fundingTimesBetween(0, Long.MAX_VALUE))
                .containsExactly(1735689600000L, 1735718400000L, 1735747200000L);
        assertThat(merged.rateAt(1735747200000L)).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("-0.0003"));

        write(dir, "XUSDT-fundingRate-c.csv", "fundingTime,fundingIntervalHours,fundingRate\n1735747200000,8,0.0009\n");
        assertThatThrownBy(() -> FundingRates.load(dir, "XUSDT")).hasMessageContaining("files disagree at fundingTime 1735747200000");
    }

    private static Path write(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
