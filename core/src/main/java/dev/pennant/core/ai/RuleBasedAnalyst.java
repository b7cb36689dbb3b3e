package dev.pennant.core.ai;

import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.llm.AiAction;
import dev.pennant.core.ai.llm.AiDecision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The deterministic analyst: the same {@link MarketContext} always gives the same {@link AiDecision}. Used when no
 * LLM is configured or it is unavailable (budget, rate limit, circuit open, timeouts), so the panel always has an
 * answer and says where it came from.
 *
 * <p>Rules (documented heuristics, not a forecast), with {@code c} the multi-timeframe consensus (−1..1) and
 * {@code rsi} = RSI(14) (50 when unknown):
 * <ul>
 *   <li>holding LONG: CLOSE when {@code c < 0} or {@code rsi > 75}; holding SHORT: CLOSE when {@code c > 0} or
 *       {@code rsi < 25}; else HOLD;</li>
 *   <li>flat: LONG when {@code c ≥ 0.66} and {@code rsi < 70}; SHORT when {@code c ≤ −0.66}, {@code rsi > 30} and the
 *       market can short ({@code maxLeverage > 1}); else HOLD;</li>
 *   <li>confidence: LONG/SHORT {@code 0.4 + 0.4·|c| + 0.2·room}, room = distance of RSI from its limit / 40 clamped
 *       to 0..1; CLOSE 0.6; HOLD {@code 0.5 + 0.3·(1 − |c|)};</li>
 *   <li>levels: entry = last close; stop 1.5 × ATR% and target 3 × ATR% away (ATR_PCT(14), else the 20-bar realised
 *       volatility, at least 0.2 %); leverage 1; size fraction = confidence / 2; horizon 20 bars.</li>
 * </ul>
 */
public final class RuleBasedAnalyst {

    /** The model name recorded for its decisions. */
    public static final String MODEL = "rules";

    /** The decision for {@code ctx}. */
    public AiDecision decide(MarketContext ctx) {
        double c = ctx.timeframes().consensus();
        Double r = ctx.indicators().get("RSI(14)");
        double rsi = r == null ? 50 : r;
        List<String> factors = new ArrayList<>();
        factors.add(String.format(Locale.ROOT, "timeframe consensus %+.2f %s", c, ctx.timeframes().trends()));
        factors.add(String.format(Locale.ROOT, "RSI(14) %.1f", rsi));
        factors.add(String.format(Locale.ROOT, "last 20 bars %+.2f %%, last bar %+.2f %%",
                ctx.bars().return20Pct(), ctx.bars().return1Pct()));
        if (ctx.book() != null) {
            factors.add(String.format(Locale.ROOT, "book imbalance %+.2f, spread %.1f bps", ctx.book().imbalance(),
                    ctx.book().spreadBps()));
        }
        if (ctx.sentiment() != null) {
            factors.add(String.format(Locale.ROOT, "sentiment %+.2f (confidence %.2f)", ctx.sentiment().overall(),
                    ctx.sentiment().confidence()));
        }
        AiAction action;
        double confidence;
        String why;
        MarketContext.PositionSummary pos = ctx.position();
        if (pos != null) {
            boolean isLong = "LONG".equals(pos.side());
            boolean exit = isLong ? c < 0 || rsi > 75 : c > 0 || rsi < 25;
            action = exit ? AiAction.CLOSE : AiAction.HOLD;
            confidence = exit ? 0.6 : 0.5 + 0.3 * (1 - Math.abs(c));
            why = exit ? "The " + pos.side() + " position runs against the trend or an RSI extreme: close it."
                    : "The " + pos.side() + " position still agrees with the trend: hold it.";
            factors.add(String.format(Locale.ROOT, "position %s %s at %s", pos.side(), plain(pos.quantity()), plain(pos.entryPrice())));
        } else if (c >= 0.66 && rsi < 70) {
            action = AiAction.LONG;
            confidence = 0.4 + 0.4 * Math.abs(c) + 0.2 * clamp((70 - rsi) / 40);
            why = "Timeframes agree on an up-trend and RSI leaves room: a long entry.";
        } else if (c <= -0.66 && rsi > 30 && ctx.risk().maxLeverage() > 1) {
            action = AiAction.SHORT;
            confidence = 0.4 + 0.4 * Math.abs(c) + 0.2 * clamp((rsi - 30) / 40);
            why = "Timeframes agree on a down-trend and RSI leaves room: a short entry.";
        } else {
            action = AiAction.HOLD;
            confidence = 0.5 + 0.3 * (1 - Math.abs(c));
            why = "Signals disagree or the move is stretched: wait.";
        }
        confidence = clamp(confidence);
        double entry = 0;
        double sl = 0;
        double tp = 0;
        if (action == AiAction.LONG || action == AiAction.SHORT) {
            Double atr = ctx.indicators().get("ATR_PCT(14)");
            double volPct = Math.max(0.2, atr != null ? atr : ctx.bars().realizedVolPct());
            entry = ctx.lastClose();
            double sign = action == AiAction.LONG ? 1 : -1;
            sl = round(entry * (1 - sign * Math.min(19, 1.5 * volPct) / 100));
            tp = round(entry * (1 + sign * Math.min(50, 3 * volPct) / 100));
            factors.add(String.format(Locale.ROOT, "volatility %.2f %% per bar sets stop and target", volPct));
        }
        if (ctx.risk().killSwitch()) {
            factors.add("kill switch engaged: the risk engine will deny any order");
        }
        long minutes = intervalMinutes(ctx.interval()) * 20;
        String reasoning = String.format(Locale.ROOT, "%s (deterministic rules, confidence %d %%)", why,
                Math.round(confidence * 100));
        return new AiDecision(action, confidence, entry, sl, tp, 1, round4(confidence / 2),
                (int) Math.min(43_200, minutes), reasoning, factors.subList(0, Math.min(8, factors.size())));
    }

    private static long intervalMinutes(String code) {
        try {
            return Math.max(1, dev.pennant.core.model.Interval.parse(code).millis() / 60_000);
        } catch (RuntimeException e) {
            return 60;
        }
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(8)).doubleValue();
    }

    private static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
