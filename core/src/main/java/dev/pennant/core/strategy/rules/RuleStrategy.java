package dev.pennant.core.strategy.rules;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Bar;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.calc.Adx;
import dev.pennant.core.strategy.calc.Ema;
import dev.pennant.core.strategy.calc.Window;
import dev.pennant.core.strategy.calc.WilderRsi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a trader's {@link RuleSet}: every indicator named in the rules is computed once per bar; when flat the long
 * (then the short) entry rule is tested, when in a position its exit rule. The reason of a signal is the rule text
 * that fired, and the reasoning inputs are the values of every operand. Warm-up: the longest indicator period + 1.
 */
public final class RuleStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "rules";

    private final RuleSet rules;
    private final Map<Operand, Calc> calcs = new LinkedHashMap<>();
    private final int warmup;

    /** @throws NullPointerException when rules is null */
    public RuleStrategy(RuleSet rules) {
        super("Rules", ParameterSet.defaults(List.of()));
        this.rules = Objects.requireNonNull(rules, "rules");
        int w = 1;
        for (RuleGroup g : groups()) {
            for (Comparison c : g.terms()) {
                for (Operand o : List.of(c.left(), c.right())) {
                    if (o instanceof Operand.Indicator ind) {
                        calcs.computeIfAbsent(o, k -> Calc.of(ind));
                        w = Math.max(w, ind.kind() == Operand.Kind.ADX ? 2 * ind.period() : ind.period());
                    }
                }
            }
        }
        warmup = w + 1;
    }

    /** A definition running {@code rules} (no numeric parameters; the periods are part of the rule text). */
    public static StrategyDefinition definition(RuleSet rules) {
        return StrategyDefinition.of(ID, "rules: long when [" + rules.longEntry() + "], exit when ["
                + rules.longExit() + "]", List.of(), p -> new RuleStrategy(rules));
    }

    /** The rules run. */
    public RuleSet rules() {
        return rules;
    }

    private List<RuleGroup> groups() {
        List<RuleGroup> g = new ArrayList<>();
        for (RuleGroup r : new RuleGroup[] {rules.longEntry(), rules.longExit(), rules.shortEntry(), rules.shortExit()}) {
            if (r != null) {
                g.add(r);
            }
        }
        return g;
    }

    @Override
    public int warmupBars() {
        return warmup;
    }

    @Override
    public List<IndicatorSpec> indicators() {
        List<IndicatorSpec> out = new ArrayList<>();
        for (Operand o : calcs.keySet()) {
            Operand.Kind k = ((Operand.Indicator) o).kind();
            out.add(k == Operand.Kind.RSI || k == Operand.Kind.ADX ? IndicatorSpec.oscillator(o.toString(), 30, 70)
                    : k == Operand.Kind.ATR || k == Operand.Kind.VOLUME_SMA ? IndicatorSpec.oscillator(o.toString(), Double.NaN, Double.NaN)
                    : IndicatorSpec.overlay(o.toString()));
        }
        return out;
    }

    @Override
    protected void update(StrategyContext ctx) {
        for (Calc c : calcs.values()) {
            c.update(ctx.bar());
        }
        lastBar = currentBar;
        currentBar = ctx.bar();
    }

    private Bar lastBar;
    private Bar currentBar;

    @Override
    protected Decision entry(StrategyContext ctx) {
        if (rules.longEntry() != null && holds(rules.longEntry())) {
            return Decision.goLong(rules.longEntry().toString());
        }
        if (rules.shortEntry() != null && holds(rules.shortEntry())) {
            return Decision.goShort(rules.shortEntry().toString());
        }
        return Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        return rules.longExit() != null && holds(rules.longExit()) ? Decision.close(rules.longExit().toString()) : Decision.HOLD;
    }

    @Override
    protected Decision exitShort(StrategyContext ctx) {
        return rules.shortExit() != null && holds(rules.shortExit()) ? Decision.close(rules.shortExit().toString()) : Decision.HOLD;
    }

    private boolean holds(RuleGroup g) {
        boolean and = g.join() == RuleGroup.Join.AND;
        for (Comparison c : g.terms()) {
            boolean t = holds(c);
            if (and && !t) {
                return false;
            }
            if (!and && t) {
                return true;
            }
        }
        return and;
    }

    private boolean holds(Comparison c) {
        double l = value(c.left(), false), r = value(c.right(), false);
        return switch (c.op()) {
            case LT -> l < r;
            case LE -> l <= r;
            case GT -> l > r;
            case GE -> l >= r;
            case CROSSES_ABOVE -> l > r && value(c.left(), true) <= value(c.right(), true);
            case CROSSES_BELOW -> l < r && value(c.left(), true) >= value(c.right(), true);
        };
    }

    /** Value of {@code o} at this bar, or at the previous one; NaN when unknown (every comparison with NaN is false). */
    private double value(Operand o, boolean previous) {
        return switch (o) {
            case Operand.Constant k -> k.value();
            case Operand.Price p -> {
                Bar b = previous ? lastBar : currentBar;
                yield b == null ? Double.NaN : switch (p.field()) {
                    case OPEN -> b.open().doubleValue();
                    case HIGH -> b.high().doubleValue();
                    case LOW -> b.low().doubleValue();
                    case CLOSE -> b.close().doubleValue();
                    case VOLUME -> b.volume().doubleValue();
                };
            }
            case Operand.Indicator i -> previous ? calcs.get(i).prev : calcs.get(i).value;
        };
    }

    @Override
    protected void values(Map<String, Double> out) {
        for (var e : calcs.entrySet()) {
            out.put(e.getKey().toString(), e.getValue().value);
        }
        if (currentBar != null) {
            out.put("close", currentBar.close().doubleValue());
        }
    }

    /** One indicator's incremental state: value now and at the previous bar. */
    private abstract static class Calc {
        double value = Double.NaN;
        double prev = Double.NaN;

        final void update(Bar b) {
            prev = value;
            value = next(b.open().doubleValue(), b.high().doubleValue(), b.low().doubleValue(), b.close().doubleValue(),
                    b.volume().doubleValue());
        }

        abstract double next(double o, double h, double l, double c, double v);

        static Calc of(Operand.Indicator ind) {
            int n = ind.period();
            return switch (ind.kind()) {
                case SMA -> new Calc() {
                    final Window w = new Window(n);
                    double next(double o, double h, double l, double c, double v) { w.add(c); return w.mean(); }
                };
                case VOLUME_SMA -> new Calc() {
                    final Window w = new Window(n);
                    double next(double o, double h, double l, double c, double v) { w.add(v); return w.mean(); }
                };
                case EMA -> new Calc() {
                    final Ema e = Ema.exponential(n);
                    double next(double o, double h, double l, double c, double v) { return e.update(c); }
                };
                case RSI -> new Calc() {
                    final WilderRsi r = new WilderRsi(n);
                    double next(double o, double h, double l, double c, double v) { return r.update(c); }
                };
                case ADX -> new Calc() {
                    final Adx a = new Adx(n);
                    double next(double o, double h, double l, double c, double v) { return a.update(h, l, c); }
                };
                case ATR -> new Calc() {
                    final Adx a = new Adx(n);
                    double next(double o, double h, double l, double c, double v) { a.update(h, l, c); return a.atr(); }
                };
                case BB_UPPER, BB_LOWER -> new Calc() {
                    final Window w = new Window(n);
                    final double sign = ind.kind() == Operand.Kind.BB_UPPER ? 1 : -1;
                    double next(double o, double h, double l, double c, double v) {
                        w.add(c);
                        return w.mean() + sign * 2 * w.stdDev();
                    }
                };
                case DONCHIAN_HIGH, DONCHIAN_LOW -> new Calc() {
                    final Window w = new Window(n);
                    final boolean high = ind.kind() == Operand.Kind.DONCHIAN_HIGH;
                    double next(double o, double h, double l, double c, double v) {
                        double r = high ? w.max() : w.min(); // previous n bars, this one excluded
                        w.add(high ? h : l);
                        return r;
                    }
                };
            };
        }
    }
}
