package dev.pennant.app;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.risk.RiskEvent;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the risk engine's halts, resumes and reductions as they happen (one {@link RiskEvent#describe()} line each:
 * when, which limit, the value, and what lifts it) and, at the end, the vetoes per limit and the state the run ended
 * in. Vetoes are counted, not printed one by one (a halted run would print one per signal).
 */
final class RiskEventPrinter implements EngineListener {

    private final PrintWriter out;
    private final Map<String, Integer> vetoes = new TreeMap<>();
    private int halts;
    private int resumes;
    private int reductions;
    private RiskEvent last;
    private final Map<String, RiskEvent> engaged = new java.util.LinkedHashMap<>();

    RiskEventPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onRiskEvent(RiskEvent e) {
        if (e.kind() == RiskEvent.Kind.VETO) {
            vetoes.merge(e.limit(), 1, Integer::sum);
            return;
        }
        switch (e.kind()) {
            case HALT -> {
                halts++;
                engaged.put(e.scope() + " " + e.limit(), e);
            }
            case RESUME -> {
                resumes++;
                engaged.remove(e.scope() + " " + e.limit());
            }
            default -> reductions++;
        }
        last = e;
        out.println(e.describe());
    }

    /** The closing {@code risk:} line. */
    void summary() {
        int v = vetoes.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder b = new StringBuilder();
        vetoes.forEach((k, n) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(n));
        out.printf(Locale.ROOT, "risk: %d halts, %d resumes, %d reductions, %d orders vetoed%s; state at end: %s%n",
                halts, resumes, reductions, v, v == 0 ? "" : " (" + b + ")", last == null ? "ACTIVE"
                        : last.state() + engaged.values().stream().map(h -> h.limit() + " since "
                        + java.time.Instant.ofEpochMilli(h.time()) + ", lifts: " + h.lifts())
                        .reduce((x, y) -> x + "; " + y).map(x -> " (" + x + ")").orElse(""));
    }
}
