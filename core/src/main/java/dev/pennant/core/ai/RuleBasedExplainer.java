package dev.pennant.core.ai;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic explanations for {@link EmaCrossRsiStrategy} signals, built only from the indicator values that
 * caused them (no LLM; the same inputs always give the same words).
 *
 * <p>Confidence heuristic (documented, not a probability): with {@code d = |close − EMA(slow)| / EMA(slow)},
 * {@code trend = min(1, d / 0.2 %)}:
 * <ul>
 *   <li>entry on EMA cross up: {@code 0.40 + 0.35·trend + 0.25·room}, {@code room = clamp((rsiEntryMax − RSI) / (rsiEntryMax − 30), 0, 1)};</li>
 *   <li>exit on EMA cross down: {@code 0.50 + 0.50·trend};</li>
 *   <li>exit on RSI exhaustion: {@code 0.50 + 0.50·clamp((RSI − rsiExitMin) / (100 − rsiExitMin), 0, 1)}.</li>
 * </ul>
 */
public final class RuleBasedExplainer implements DecisionExplainer {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final double TREND_SCALE = 0.002;

    private final String fastName;
    private final String slowName;
    private final String rsiName;
    private final EmaCrossRsiStrategy.Parameters p;

    /** Explains signals of a strategy with these parameters. */
    public RuleBasedExplainer(EmaCrossRsiStrategy.Parameters parameters) {
        this.p = parameters;
        this.fastName = "EMA(" + p.fastPeriod() + ")";
        this.slowName = "EMA(" + p.slowPeriod() + ")";
        this.rsiName = "RSI(" + p.rsiPeriod() + ")";
    }

    @Override
    public Explanation explain(Signal signal, IndicatorSnapshot indicators, Position position) {
        double fast = indicators.value(fastName);
        double slow = indicators.value(slowName);
        double rsi = indicators.value(rsiName);
        double close = signal.price().doubleValue();
        double dist = slow > 0 ? (close - slow) / slow : 0;
        double trend = Math.min(1, Math.abs(dist) / TREND_SCALE);
        List<String> factors = new ArrayList<>();
        String head = String.format(Locale.ROOT, "%s %s at %s (bar closed %s).", signal.side(), signal.symbol(),
                money(close), TIME.format(Instant.ofEpochMilli(signal.time() + 1)));
        double confidence;
        String body;
        switch (signal.reason()) {
            case EmaCrossRsiStrategy.EMA_CROSS_UP -> {
                double room = clamp((p.rsiEntryMax() - rsi) / (p.rsiEntryMax() - 30));
                confidence = 0.40 + 0.35 * trend + 0.25 * room;
                factors.add(String.format(Locale.ROOT, "%s %s crossed above %s %s: the short-term trend turned up",
                        fastName, money(fast), slowName, money(slow)));
                factors.add(String.format(Locale.ROOT, "close is %s %s %s", pct(Math.abs(dist)),
                        dist >= 0 ? "above" : "below", slowName));
                factors.add(String.format(Locale.ROOT, "%s %.1f is below the %.0f entry limit, so the move is not overbought",
                        rsiName, rsi, p.rsiEntryMax()));
                body = String.format(Locale.ROOT, "Confidence %d %%: trend distance %.2f of 1, RSI room %.2f of 1.",
                        Math.round(clamp(confidence) * 100), trend, room);
            }
            case EmaCrossRsiStrategy.EMA_CROSS_DOWN -> {
                confidence = 0.50 + 0.50 * trend;
                factors.add(String.format(Locale.ROOT, "%s %s crossed below %s %s: the short-term trend turned down",
                        fastName, money(fast), slowName, money(slow)));
                factors.add(String.format(Locale.ROOT, "close is %s %s %s", pct(Math.abs(dist)),
                        dist >= 0 ? "above" : "below", slowName));
                factors.add(String.format(Locale.ROOT, "%s %.1f", rsiName, rsi));
                body = String.format(Locale.ROOT, "Leaving the long position. Confidence %d %%: trend distance %.2f of 1.",
                        Math.round(clamp(confidence) * 100), trend);
            }
            case EmaCrossRsiStrategy.RSI_EXHAUSTION -> {
                double stretch = clamp((rsi - p.rsiExitMin()) / (100 - p.rsiExitMin()));
                confidence = 0.50 + 0.50 * stretch;
                factors.add(String.format(Locale.ROOT, "%s %.1f reached the %.0f exhaustion level: taking profit before a pull-back",
                        rsiName, rsi, p.rsiExitMin()));
                factors.add(String.format(Locale.ROOT, "%s %s is still %s %s %s", fastName, money(fast),
                        fast >= slow ? "above" : "below", slowName, money(slow)));
                body = String.format(Locale.ROOT, "Leaving the long position. Confidence %d %%: RSI stretch %.2f of 1.",
                        Math.round(clamp(confidence) * 100), stretch);
            }
            default -> {
                confidence = 0.5;
                factors.add("reason " + signal.reason());
                body = "Confidence 50 % (no rule for this reason).";
            }
        }
        if (position != null && !position.isFlat()) {
            factors.add(String.format(Locale.ROOT, "position before: %s %s at %s, unrealised %s USDT",
                    position.quantity().stripTrailingZeros().toPlainString(), position.symbol(),
                    money(position.averageEntryPrice().doubleValue()), money(position.unrealizedPnl().doubleValue())));
        }
        String text = head + " " + String.join("; ", factors.subList(0, Math.min(3, factors.size()))) + ". " + body;
        return new Explanation(signal.id(), text, clamp(confidence), factors, "rules");
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static String money(double v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.3f %%", fraction * 100);
    }
}
