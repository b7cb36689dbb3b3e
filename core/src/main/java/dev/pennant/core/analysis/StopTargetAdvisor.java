package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Side;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Dynamic stop-loss / take-profit suggestions for an entry, from volatility (ATR) and structure (support/resistance).
 *
 * <p>ATR-based (the common "k × ATR" stop, Wilder's volatility stop idea): for a long, stop = entry - stopAtr × ATR,
 * target = entry + targetAtr × ATR (short mirrored). S/R-based: for a long, stop just below the nearest support under
 * the entry ({@code support - bufferAtr × ATR}), target just before the nearest resistance above it
 * ({@code resistance - bufferAtr × ATR}); short mirrored. The suggestion uses the S/R stop when it lies between
 * {@code minStopAtr} and {@code maxStopAtr} ATRs from the entry, else the ATR stop; and the S/R target when it yields a
 * reward/risk of at least {@code minRewardRisk}, else the ATR target. Prices are doubles in the quote asset: round to
 * the instrument's tick before sending (the execution layer does).
 */
public final class StopTargetAdvisor {

    /**
     * Settings.
     *
     * @param atrPeriod     ATR bars (default 14)
     * @param stopAtr       ATR stop distance in ATRs (default 1.5)
     * @param targetAtr     ATR target distance in ATRs (default 3)
     * @param bufferAtr     S/R buffer in ATRs (default 0.25)
     * @param minStopAtr    closest S/R stop accepted, in ATRs (default 0.5)
     * @param maxStopAtr    farthest S/R stop accepted, in ATRs (default 4)
     * @param minRewardRisk smallest reward/risk for an S/R target (default 1.5)
     */
    public record Parameters(int atrPeriod, double stopAtr, double targetAtr, double bufferAtr, double minStopAtr,
                             double maxStopAtr, double minRewardRisk) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (atrPeriod < 1) throw new IllegalArgumentException("atrPeriod must be >= 1, was " + atrPeriod);
            if (!(stopAtr > 0)) throw new IllegalArgumentException("stopAtr must be > 0, was " + stopAtr);
            if (!(targetAtr > 0)) throw new IllegalArgumentException("targetAtr must be > 0, was " + targetAtr);
            if (!(bufferAtr >= 0)) throw new IllegalArgumentException("bufferAtr must be >= 0, was " + bufferAtr);
            if (!(minStopAtr >= 0 && maxStopAtr > minStopAtr)) {
                throw new IllegalArgumentException("need 0 <= minStopAtr < maxStopAtr, were " + minStopAtr + ", " + maxStopAtr);
            }
            if (!(minRewardRisk > 0)) throw new IllegalArgumentException("minRewardRisk must be > 0, was " + minRewardRisk);
        }

        /** ATR 14; 1.5 / 3 ATR; buffer 0.25 ATR; S/R stop within 0.5..4 ATR; S/R target at reward/risk ≥ 1.5. */
        public static Parameters defaults() {
            return new Parameters(14, 1.5, 3, 0.25, 0.5, 4, 1.5);
        }
    }

    /**
     * A suggestion.
     *
     * @param side       BUY (long entry) or SELL (short entry)
     * @param entry      entry price
     * @param atr        ATR at the last bar
     * @param atrStop    ATR-based stop
     * @param atrTarget  ATR-based target
     * @param srStop     S/R-based stop, {@code NaN} when no level qualifies
     * @param srTarget   S/R-based target, {@code NaN} when no level qualifies
     * @param stop       the suggested stop
     * @param target     the suggested target
     * @param stopBasis  {@code "ATR"} or {@code "S/R"}
     * @param targetBasis {@code "ATR"} or {@code "S/R"}
     * @param rewardRisk |target - entry| / |entry - stop|
     * @param inputs     parameters, ATR, the levels used
     */
    public record Suggestion(Side side, double entry, double atr, double atrStop, double atrTarget, double srStop,
                             double srTarget, double stop, double target, String stopBasis, String targetBasis,
                             double rewardRisk, Map<String, Object> inputs) {
        /** Copies. */
        public Suggestion {
            inputs = Inputs.copy(inputs);
        }
    }

    private StopTargetAdvisor() {
    }

    /**
     * A suggestion for entering {@code side} at {@code entry} after the last of {@code bars}.
     *
     * @param levels support/resistance of the same bars, or {@code null} to compute them with defaults
     * @throws IllegalArgumentException when the entry is not a positive price, or the bars are too few for the ATR
     */
    public static Suggestion suggest(List<Bar> bars, Side side, double entry, SupportResistance.Analysis levels,
                                     Parameters p) {
        Objects.requireNonNull(side, "side");
        if (!(entry > 0) || Double.isInfinite(entry)) throw new IllegalArgumentException("entry must be a positive price, was " + entry);
        double atr = bars.isEmpty() ? Double.NaN
                : Indicators.compute(bars, IndicatorDefinition.of(IndicatorKind.ATR, p.atrPeriod())).last();
        if (Double.isNaN(atr) || atr <= 0) {
            throw new IllegalArgumentException("bars must be more than atrPeriod (" + p.atrPeriod() + ") with a range, got "
                    + bars.size() + " bar(s)");
        }
        SupportResistance.Analysis sr = levels != null ? levels : SupportResistance.analyze(bars);
        int dir = side == Side.BUY ? 1 : -1;
        double atrStop = entry - dir * p.stopAtr() * atr;
        double atrTarget = entry + dir * p.targetAtr() * atr;
        Optional<PriceLevel> stopLevel = dir > 0 ? sr.supportBelow(entry) : sr.resistanceAbove(entry);
        Optional<PriceLevel> targetLevel = dir > 0 ? sr.resistanceAbove(entry) : sr.supportBelow(entry);
        double srStop = stopLevel.map(l -> l.price() - dir * p.bufferAtr() * atr).orElse(Double.NaN);
        double srTarget = targetLevel.map(l -> l.price() - dir * p.bufferAtr() * atr).orElse(Double.NaN);
        double srStopDist = Math.abs(entry - srStop) / atr;
        boolean useSrStop = !Double.isNaN(srStop) && dir * (entry - srStop) > 0
                && srStopDist >= p.minStopAtr() && srStopDist <= p.maxStopAtr();
        double stop = useSrStop ? srStop : atrStop;
        double risk = Math.abs(entry - stop);
        boolean useSrTarget = !Double.isNaN(srTarget) && dir * (srTarget - entry) > 0
                && Math.abs(srTarget - entry) / risk >= p.minRewardRisk();
        double target = useSrTarget ? srTarget : atrTarget;
        return new Suggestion(side, entry, atr, atrStop, atrTarget, srStop, srTarget, stop, target,
                useSrStop ? "S/R" : "ATR", useSrTarget ? "S/R" : "ATR", Math.abs(target - entry) / risk, Inputs.of(
                "side", side,
                "entry", entry,
                "atrPeriod", p.atrPeriod(),
                "atr", atr,
                "stopAtr", p.stopAtr(),
                "targetAtr", p.targetAtr(),
                "bufferAtr", p.bufferAtr(),
                "stopLevel", stopLevel.map(PriceLevel::price).orElse(Double.NaN),
                "stopLevelTouches", stopLevel.map(PriceLevel::touches).orElse(0),
                "targetLevel", targetLevel.map(PriceLevel::price).orElse(Double.NaN),
                "targetLevelTouches", targetLevel.map(PriceLevel::touches).orElse(0),
                "minRewardRisk", p.minRewardRisk()));
    }

    /** {@link #suggest(List, Side, double, SupportResistance.Analysis, Parameters)} at the last close, defaults. */
    public static Suggestion suggest(List<Bar> bars, Side side) {
        if (bars.isEmpty()) throw new IllegalArgumentException("bars must not be empty");
        return suggest(bars, side, bars.get(bars.size() - 1).close().doubleValue(), null, Parameters.defaults());
    }
}
