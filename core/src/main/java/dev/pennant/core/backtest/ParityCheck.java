package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;
import dev.pennant.core.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Honesty check: the same bars replayed through a PAPER session ({@link PaperSession#replay}: its own engine thread,
 * replay source, event loop) must make exactly the backtest's fills. Every difference is reported: a fill present in
 * one run only, or a field (side, quantity, price, commission, time, realised P&amp;L) that differs. Order ids carry
 * each session's prefix and are not compared.
 */
public final class ParityCheck {

    private ParityCheck() {
    }

    /**
     * One difference.
     *
     * @param index    fill number (0-based) in run order
     * @param field    the field that differs, or {@code "missing"} when one run has no such fill
     * @param backtest the backtest's value ("-" when absent)
     * @param paper    the paper session's value ("-" when absent)
     */
    public record Difference(int index, String field, String backtest, String paper) {
    }

    /**
     * The outcome.
     *
     * @param backtestFills fills of the backtest
     * @param paperFills    fills of the paper replay
     * @param differences   every difference, by fill then field
     */
    public record Report(int backtestFills, int paperFills, List<Difference> differences) {
        /** Copies the list. */
        public Report {
            differences = List.copyOf(differences);
        }

        /** True when both runs made identical fills. */
        public boolean identical() {
            return differences.isEmpty();
        }
    }

    /**
     * @param bars     closed bars in time order
     * @param config   engine configuration
     * @param strategy a fresh strategy per call (one for the backtest, one for the paper session)
     * @param timeout  how long to wait for the replay to finish, seconds
     * @throws IllegalStateException when the replay does not finish in time
     * @throws InterruptedException  when interrupted while waiting
     */
    public static Report run(List<Bar> bars, EngineConfig config, Supplier<Strategy> strategy, long timeout)
            throws InterruptedException {
        List<Fill> backtest = Backtester.run(bars, config, strategy.get(), null).fills();
        List<Fill> paper = new CopyOnWriteArrayList<>();
        try (PaperSession session = PaperSession.replay(config, strategy.get(), bars, "parity check", 0, 0, null)) {
            session.addListener(new EngineListener() {
                @Override
                public void onFill(Fill fill, Position position) {
                    paper.add(fill);
                }
            });
            session.start();
            if (!session.awaitFinished(timeout, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the paper replay did not finish within " + timeout + " s");
            }
        }
        return compare(backtest, paper);
    }

    /** Compares two fill lists field by field. */
    public static Report compare(List<Fill> backtest, List<Fill> paper) {
        List<Difference> out = new ArrayList<>();
        int n = Math.max(backtest.size(), paper.size());
        for (int i = 0; i < n; i++) {
            Fill b = i < backtest.size() ? backtest.get(i) : null;
            Fill p = i < paper.size() ? paper.get(i) : null;
            if (b == null || p == null) {
                out.add(new Difference(i, "missing", b == null ? "-" : b.toString(), p == null ? "-" : p.toString()));
                continue;
            }
            field(out, i, "side", b.side().name(), p.side().name());
            field(out, i, "quantity", b.quantity().stripTrailingZeros().toPlainString(), p.quantity().stripTrailingZeros().toPlainString());
            field(out, i, "price", b.price().stripTrailingZeros().toPlainString(), p.price().stripTrailingZeros().toPlainString());
            field(out, i, "commission", b.commission().stripTrailingZeros().toPlainString(), p.commission().stripTrailingZeros().toPlainString());
            field(out, i, "time", Long.toString(b.time()), Long.toString(p.time()));
            field(out, i, "realizedPnl", b.realizedPnl().stripTrailingZeros().toPlainString(), p.realizedPnl().stripTrailingZeros().toPlainString());
        }
        return new Report(backtest.size(), paper.size(), out);
    }

    private static void field(List<Difference> out, int i, String name, String b, String p) {
        if (!b.equals(p)) {
            out.add(new Difference(i, name, b, p));
        }
    }
}
