package dev.pennant.core.engine;

import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.margin.FundingRates;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded funding settles on a held USDⓈ-M position through the engine and the paper venue exactly as computed
 * here from the raw CSVs: payment at F = −qty × (close of the last bar before F) × rate(F).
 */
class FundingMarksTest {

    @Test
    void aHeldLongPaysTheRecordedFundingOfJanuary2025() throws Exception {
        var klines = SharedData.file("futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz");
        List<Bar> all = new KlineCsvImporter().read(klines).bars();
        long feb = 1_738_368_000_000L; // 2025-02-01T00:00Z
        List<Bar> jan = all.stream().filter(b -> b.openTime() < feb).toList();
        var rates = FundingRates.load(SharedData.binance().resolve("futures-um/fundingRate"), "BTCUSDT");

        Instrument btc = new RecordedExchangeInfo(SharedData.binance())
                .choose(Market.USDM_FUTURES, "BTCUSDT", jan.getFirst().openTime(), jan.getLast().openTime()).instrument();
        var venue = new dev.pennant.core.exchange.paper.PaperExchange(
                dev.pennant.core.exchange.paper.PaperExchangeConfig.defaults().withDefaultLeverage(1), List.of(btc));
        venue.depositFutures(new BigDecimal("20000"));
        var portfolio = new dev.pennant.core.portfolio.Portfolio("USDT", new BigDecimal("20000"));
        TradingEngine engine = new TradingEngine("fund",
                new dev.pennant.core.ai.RuleBasedExplainer(dev.pennant.core.strategy.EmaCrossRsiStrategy.Parameters.defaults()),
                new dev.pennant.core.risk.RiskEngine(dev.pennant.core.risk.RiskLimits.defaults()), venue, portfolio,
                new SimulatedClock());
        List<BigDecimal> paid = new ArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void onFunding(String symbol, PositionSide side, BigDecimal amount, BigDecimal rate, long time) {
                paid.add(amount);
            }
        });
        FundingMarks marks = new FundingMarks(rates);
        // no strategy: a manual long of 0.1 BTC, bought after the first bar, is the only position
        engine.addInstrument(btc);
        Bar first = jan.getFirst();
        engine.onMarkPrice(marks.after(first));
        engine.onBar(first);
        engine.execute(new TradingCommand.SubmitOrder(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY,
                new BigDecimal("0.1"))));
        for (Bar b : jan.subList(1, jan.size())) {
            var before = marks.before(b);
            if (before != null) {
                engine.onMarkPrice(before);
            }
            engine.onBar(b);
            engine.onMarkPrice(marks.after(b));
        }

        // independent computation from the raw files
        TreeMap<Long, BigDecimal> closeAt = new TreeMap<>();
        jan.forEach(b -> closeAt.put(b.closeTime(), b.close()));
        BigDecimal expected = BigDecimal.ZERO;
        int n = 0;
        try (var r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SharedData.file("futures-um/fundingRate/BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz"))),
                StandardCharsets.UTF_8))) {
            r.readLine();
            for (String line; (line = r.readLine()) != null; ) {
                String[] c = line.split(",");
                long f = Math.round(Long.parseLong(c[0]) / 1000.0) * 1000;
                // position is held from bar 1's open (filled there) until the end of January
                if (f > jan.get(1).openTime() && f <= jan.getLast().closeTime()) {
                    BigDecimal close = closeAt.floorEntry(f - 1).getValue();
                    expected = expected.add(new BigDecimal("0.1").multiply(close).multiply(new BigDecimal(c[2])).negate());
                    n++;
                }
            }
        }
        assertThat(n).isEqualTo(92);
        assertThat(paid).hasSize(n);
        BigDecimal sum = paid.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        // the venue books each payment at 8 decimals (USDT precision): 92 roundings of at most 0.5e-8
        assertThat(sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(new BigDecimal("0.0000005")));
        assertThat(engine.portfolio().fundingPnl()).isEqualByComparingTo(sum);
        assertThat(sum.signum()).as("longs paid: January 2025 rates were positive on balance").isNegative();
    }
}
