package dev.pennant.core.risk;

import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.exchange.paper.BracketMarginModel;
import dev.pennant.core.exchange.paper.PaperExchange;
import dev.pennant.core.exchange.paper.PaperExchangeConfig;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.testkit.SharedData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A strategy-less paper engine over real bars, driven by hand-placed orders, recording every risk event and fill. */
final class RiskRig {

    private static final Map<String, List<Bar>> CACHE = new ConcurrentHashMap<>();

    final TradingEngine engine;
    final List<RiskEvent> events = new ArrayList<>();
    final List<Fill> fills = new ArrayList<>();

    private RiskRig(TradingEngine engine) {
        this.engine = engine;
        engine.addListener(new EngineListener() {
            @Override
            public void onRiskEvent(RiskEvent event) {
                events.add(event);
            }

            @Override
            public void onFill(Fill fill, Position position) {
                fills.add(fill);
            }
        });
    }

    /** Real bars of a file below shared/data/binance (cached per test JVM). */
    static List<Bar> bars(String relative) {
        return CACHE.computeIfAbsent(relative, r -> {
            try {
                return new KlineCsvImporter().read(SharedData.file(r)).bars();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The 1m BTCUSDT bars of the 2021-05-19 crash week. */
    static List<Bar> btc1m() {
        return bars("spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz");
    }

    /** Bars with open time in [from, to). */
    static List<Bar> between(List<Bar> bars, String from, String to) {
        long f = Instant.parse(from).toEpochMilli();
        long t = Instant.parse(to).toEpochMilli();
        return bars.stream().filter(b -> b.openTime() >= f && b.openTime() < t).toList();
    }

    /** A spot engine on BTCUSDT-like filters with 10,000 USDT. */
    static RiskRig spot(RiskLimits limits) {
        Instrument inst = Instrument.defaultSpotUsdt("BTCUSDT");
        PaperExchange venue = new PaperExchange(PaperExchangeConfig.defaults().withSpotFees(
                new PaperExchangeConfig.FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"), false)), List.of(inst));
        venue.deposit("USDT", new BigDecimal("10000"));
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        TradingEngine e = new TradingEngine("rk", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(limits), venue, p, new SimulatedClock());
        e.addInstrument(inst);
        return new RiskRig(e);
    }

    /** A USDⓈ-M engine on the recorded BTCUSDT futures filters of May 2021 with {@code wallet} USDT. */
    static RiskRig futures(RiskLimits limits, BigDecimal wallet) {
        long may = Instant.parse("2021-05-19T00:00:00Z").toEpochMilli();
        Instrument inst = new RecordedExchangeInfo(SharedData.binance()).choose(Market.USDM_FUTURES, "BTCUSDT", may, may)
                .instrument();
        PaperExchange venue = new PaperExchange(PaperExchangeConfig.defaults().withDefaultLeverage(1), List.of(inst),
                BracketMarginModel.bundled());
        venue.depositFutures(wallet);
        Portfolio p = new Portfolio("USDT", wallet);
        TradingEngine e = new TradingEngine("rf", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(limits), venue, p, new SimulatedClock());
        e.addInstrument(inst);
        return new RiskRig(e);
    }

    void feed(List<Bar> bars) {
        for (Bar b : bars) {
            engine.onBar(b);
        }
    }

    Order market(Side side, String qty) {
        Market m = engine.instrument().market();
        return engine.execute(new TradingCommand.SubmitOrder(OrderRequest.market(m, "BTCUSDT", side, new BigDecimal(qty))));
    }

    List<RiskEvent> events(RiskEvent.Kind kind, String limit) {
        return events.stream().filter(e -> e.kind() == kind && e.limit().equals(limit)).toList();
    }

    static Path shared(String relative) {
        return SharedData.file(relative);
    }
}
