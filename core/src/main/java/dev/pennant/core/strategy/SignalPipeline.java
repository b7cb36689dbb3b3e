package dev.pennant.core.strategy;

import dev.pennant.core.model.SignalAction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What happens to strategy decisions before they reach risk: <b>filter</b> (drop candidates, e.g. below a minimum
 * confidence), <b>combine</b> the decisions of several strategies (or timeframes) on one symbol into one, and
 * <b>rank</b> entries across symbols, keeping the best few per time slice (bars closing at the same time). Exits
 * (CLOSE) are never ranked away. Immutable; build with {@link #builder()}.
 *
 * <p>The default ({@link #passThrough()}) acts on every strategy's decision in the order the strategies were added,
 * which is what the engine always did.
 */
public final class SignalPipeline {

    /**
     * One strategy's decision on one symbol at one bar close.
     *
     * @param symbol       e.g. {@code BTCUSDT}
     * @param strategy     the strategy that decided
     * @param decision     never HOLD once past the pipeline's first step
     * @param time         bar close time, epoch ms UTC
     * @param positionSign sign of the symbol's position before the decision: +1, 0, -1
     */
    public record Candidate(String symbol, Strategy strategy, Decision decision, long time, int positionSign) {
        /** @throws NullPointerException naming the missing field */
        public Candidate {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** How decisions of several strategies on one symbol become one. */
    public enum Combine {
        /** Every decision acts, in strategy order (the engine's historical behaviour). */
        EACH,
        /** The first strategy (in order added) with a non-HOLD decision wins. */
        FIRST,
        /** The action with more than half of all strategies' votes (HOLD votes count) wins; else nothing. */
        MAJORITY,
        /** Acts only when every strategy on the symbol says the same non-HOLD action. */
        UNANIMOUS,
        /** Confidence-weighted vote: the action whose confidences sum to more than half of the strategy count. */
        WEIGHTED
    }

    private final List<Predicate<Candidate>> filters;
    private final Combine combine;
    private final int maxEntriesPerSlice;

    private SignalPipeline(List<Predicate<Candidate>> filters, Combine combine, int maxEntriesPerSlice) {
        this.filters = List.copyOf(filters);
        this.combine = combine;
        this.maxEntriesPerSlice = maxEntriesPerSlice;
    }

    /** Every decision acts at once, in order. */
    public static SignalPipeline passThrough() {
        return new SignalPipeline(List.of(), Combine.EACH, 0);
    }

    /** A builder starting from {@link #passThrough()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** True for the pass-through pipeline (the engine then skips collecting candidates). */
    public boolean isPassThrough() {
        return filters.isEmpty() && combine == Combine.EACH && maxEntriesPerSlice == 0;
    }

    /** True when entries wait for the end of their time slice to be ranked. */
    public boolean ranks() {
        return maxEntriesPerSlice > 0;
    }

    /**
     * Filters then combines the decisions of one symbol's strategies at one bar.
     *
     * @param all every strategy's decision on the symbol, HOLDs included, in strategy order
     * @return the decisions to act on (no HOLD), in order
     */
    public List<Candidate> combine(List<Candidate> all) {
        int voters = all.size();
        List<Candidate> live = new ArrayList<>();
        for (Candidate c : all) {
            if (c.decision().isSignal() && filters.stream().allMatch(f -> f.test(c))) {
                live.add(c);
            }
        }
        if (live.isEmpty()) {
            return List.of();
        }
        return switch (combine) {
            case EACH -> live;
            case FIRST -> List.of(live.getFirst());
            case MAJORITY, UNANIMOUS, WEIGHTED -> {
                Map<SignalAction, Double> votes = new EnumMap<>(SignalAction.class);
                for (Candidate c : live) {
                    votes.merge(c.decision().action(), combine == Combine.WEIGHTED ? c.decision().confidence() : 1.0,
                            Double::sum);
                }
                SignalAction best = null;
                double bestVotes = 0;
                for (var e : votes.entrySet()) {
                    if (e.getValue() > bestVotes) {
                        best = e.getKey();
                        bestVotes = e.getValue();
                    }
                }
                boolean ok = combine == Combine.UNANIMOUS ? votes.size() == 1 && live.size() == voters
                        : bestVotes > voters / 2.0;
                if (!ok) {
                    yield List.of();
                }
                SignalAction winner = best;
                Candidate lead = live.stream().filter(c -> c.decision().action() == winner)
                        .max(Comparator.comparingDouble(c -> c.decision().confidence())).orElseThrow();
                double conf = live.stream().filter(c -> c.decision().action() == winner)
                        .mapToDouble(c -> c.decision().confidence()).sum() / voters;
                yield List.of(new Candidate(lead.symbol(), lead.strategy(),
                        lead.decision().withConfidence(Math.min(1, conf)), lead.time(), lead.positionSign()));
            }
        };
    }

    /**
     * Ranks one time slice's entries across symbols: highest confidence first (ties: symbol name), keeping at most
     * {@code maxEntriesPerSlice}. Without ranking every entry is kept in arrival order.
     */
    public List<Candidate> rank(List<Candidate> entries) {
        if (!ranks() || entries.size() <= maxEntriesPerSlice) {
            return ranks() ? sorted(entries) : entries;
        }
        return sorted(entries).subList(0, maxEntriesPerSlice);
    }

    private static List<Candidate> sorted(List<Candidate> entries) {
        List<Candidate> s = new ArrayList<>(entries);
        s.sort(Comparator.comparingDouble((Candidate c) -> -c.decision().confidence()).thenComparing(Candidate::symbol));
        return s;
    }

    /** Builder of a {@link SignalPipeline}. */
    public static final class Builder {
        private final List<Predicate<Candidate>> filters = new ArrayList<>();
        private Combine combine = Combine.EACH;
        private int maxEntries;

        /** Drops candidates {@code filter} rejects. */
        public Builder filter(Predicate<Candidate> filter) {
            filters.add(Objects.requireNonNull(filter, "filter"));
            return this;
        }

        /** Drops decisions with confidence below {@code min} (in [0, 1]). @throws IllegalArgumentException outside */
        public Builder minConfidence(double min) {
            if (!(min >= 0 && min <= 1)) {
                throw new IllegalArgumentException("minConfidence must be in [0, 1], was " + min);
            }
            return filter(c -> c.decision().confidence() >= min);
        }

        /** How several strategies on one symbol combine. */
        public Builder combine(Combine how) {
            combine = Objects.requireNonNull(how, "how");
            return this;
        }

        /** Keep at most {@code n} entries per time slice across symbols, best confidence first (0 = no ranking). */
        public Builder maxEntriesPerSlice(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxEntriesPerSlice must be >= 0, was " + n);
            }
            maxEntries = n;
            return this;
        }

        /** The pipeline. */
        public SignalPipeline build() {
            return new SignalPipeline(filters, combine, maxEntries);
        }
    }
}
