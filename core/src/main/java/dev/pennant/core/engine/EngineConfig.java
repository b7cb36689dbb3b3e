package dev.pennant.core.engine;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Everything that defines one trading engine, identical for backtest, replay-paper and live-paper.
 *
 * @param instrument   the traded instrument and its filters
 * @param interval     bar interval the strategy runs on
 * @param startingCash initial paper balance in the instrument's quote asset
 * @param feeRate      paper taker fee as a fraction (0.001 = 0.1 %)
 * @param strategy     strategy parameters
 * @param risk         risk limits
 */
public record EngineConfig(Instrument instrument, Interval interval, BigDecimal startingCash, BigDecimal feeRate,
                           EmaCrossRsiStrategy.Parameters strategy, RiskLimits risk) {

    /** @throws IllegalArgumentException naming the field and the rule */
    public EngineConfig {
        Objects.requireNonNull(instrument, "instrument");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(risk, "risk");
        if (startingCash == null || startingCash.signum() <= 0) {
            throw new IllegalArgumentException("startingCash must be > 0, was " + startingCash);
        }
        if (feeRate == null || feeRate.signum() < 0 || feeRate.compareTo(new BigDecimal("0.1")) > 0) {
            throw new IllegalArgumentException("feeRate must be within 0..0.1 (a fraction, 0.001 = 0.1 %), was " + feeRate);
        }
    }

    /**
     * 10,000 USDT of paper cash, 0.1 % fee, default strategy and risk, BTCUSDT-like filters for {@code symbol}
     * ({@link Instrument#defaultSpotUsdt}). Sessions should pass the symbol's real instrument instead
     * ({@link #defaults(Instrument, Interval)} with an {@code InstrumentSource}).
     */
    public static EngineConfig defaults(String symbol, Interval interval) {
        return defaults(Instrument.defaultSpotUsdt(symbol), interval);
    }

    /**
     * 10,000 units of the quote asset as paper cash, 0.1 % fee, default strategy and risk, trading {@code instrument}
     * with its own filters (tick, step, min notional: e.g. from exchangeInfo via an {@code InstrumentSource}).
     *
     * @throws NullPointerException when an argument is null
     */
    public static EngineConfig defaults(Instrument instrument, Interval interval) {
        BigDecimal fee = new BigDecimal("0.001");
        RiskLimits d = RiskLimits.defaults();
        return new EngineConfig(instrument, interval, new BigDecimal("10000"), fee,
                EmaCrossRsiStrategy.Parameters.defaults(),
                new RiskLimits(d.allocationFraction(), d.maxPositionFraction(), d.maxDrawdownHalt(), fee));
    }
}
