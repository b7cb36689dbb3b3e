package dev.pennant.core.backtest.optimize;

import dev.pennant.core.model.Bar;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.hipparchus.random.Well19937c;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Runs optimisations on a fixed pool of worker threads ({@code optimize-1 … optimize-N}). Results never depend on
 * the number of threads: every candidate (grid, random, or one CMA-ES run) is fixed by the request and its seed
 * before anything runs, trials are pure ({@link Objective}), and the result is sorted by score then parameter text.
 * Close it to stop the threads.
 */
public final class Optimizer implements AutoCloseable {

    /** Grid searches above this many points are refused (use random or CMA-ES). */
    public static final long GRID_LIMIT = 1_000_000;
    /** Evaluations of one CMA-ES run; a request of n trials runs {@code ceil(n / RUN_BUDGET)} seeded runs in parallel. */
    public static final int RUN_BUDGET = 100;

    private final ExecutorService pool;
    private final int threads;

    /**
     * Progress of an optimisation, called from worker threads.
     */
    @FunctionalInterface
    public interface Progress {
        /** {@code done} of {@code total} trials finished. */
        void onTrial(int done, int total);

        /** Ignores progress. */
        Progress NONE = (d, t) -> { };
    }

    /**
     * What to optimise.
     *
     * @param space  the parameters
     * @param method search method
     * @param trials parameter sets to evaluate (grid: ignored, every point runs); ≥ 1
     * @param seed   RNG seed (random and CMA-ES)
     * @param metric the figure maximised
     */
    public record Request(ParameterSpace space, SearchMethod method, int trials, long seed, Metric metric) {
        /** @throws IllegalArgumentException naming the field */
        public Request {
            if (trials < 1) {
                throw new IllegalArgumentException("trials must be >= 1, was " + trials);
            }
        }
    }

    /**
     * @param threads worker threads (≥ 1), e.g. {@code Runtime.getRuntime().availableProcessors()}
     * @throws IllegalArgumentException when threads &lt; 1
     */
    public Optimizer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "optimize-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    /**
     * Runs the search over {@code bars}.
     *
     * @param cancelled polled before each trial; once true, no further trial starts and the result says cancelled
     * @throws IllegalArgumentException when the request cannot run (grid too large, no valid candidate)
     * @throws IllegalStateException    wrapping a trial's failure
     */
    public OptimizationResult optimize(Request request, Objective objective, List<Bar> bars, Progress progress,
                                       BooleanSupplier cancelled) {
        long t0 = System.nanoTime();
        List<Trial> trials = switch (request.method()) {
            case GRID -> runList(request.space().grid(GRID_LIMIT), request, objective, bars, progress, cancelled);
            case RANDOM -> runList(request.space().random(request.trials(), request.seed()), request, objective, bars,
                    progress, cancelled);
            case CMAES -> runCmaes(request, objective, bars, progress, cancelled);
        };
        List<Trial> sorted = new ArrayList<>(trials);
        sorted.sort(Comparator.comparingDouble(Trial::score).reversed()
                .thenComparing(t -> t.parameters().toString()));
        return new OptimizationResult(List.copyOf(sorted), request.method(), request.metric(), System.nanoTime() - t0,
                cancelled.getAsBoolean());
    }

    private List<Trial> runList(List<ParameterSet> candidates, Request request, Objective objective, List<Bar> bars,
                                Progress progress, BooleanSupplier cancelled) {
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no parameter set passes the constraint " + request.space().constraintText());
        }
        AtomicInteger done = new AtomicInteger();
        List<Future<Trial>> futures = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            int index = i;
            ParameterSet p = candidates.get(i);
            futures.add(pool.submit(() -> {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                TrialMetrics m = objective.evaluate(p, bars);
                progress.onTrial(done.incrementAndGet(), candidates.size());
                return new Trial(index, p, m, request.metric().score(m));
            }));
        }
        return collect(futures);
    }

    private List<Trial> runCmaes(Request request, Objective objective, List<Bar> bars, Progress progress,
                                 BooleanSupplier cancelled) {
        int runs = (request.trials() + RUN_BUDGET - 1) / RUN_BUDGET;
        AtomicInteger done = new AtomicInteger();
        List<Future<List<Trial>>> futures = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            int run = r;
            int budget = request.trials() / runs + (r < request.trials() % runs ? 1 : 0);
            futures.add(pool.submit(() -> cmaesRun(run, budget, request, objective, bars, () -> {
                progress.onTrial(done.incrementAndGet(), request.trials());
            }, cancelled)));
        }
        // one parameter set found by two runs counts once (the earlier run's trial)
        Map<ParameterSet, Trial> unique = new LinkedHashMap<>();
        for (List<Trial> list : collect(futures)) {
            for (Trial t : list) {
                unique.putIfAbsent(t.parameters(), t);
            }
        }
        return new ArrayList<>(unique.values());
    }

    /** Thrown inside the CMA-ES objective to end a run once its distinct-trial budget is spent. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    /**
     * One CMA-ES run in the unit cube (one coordinate per parameter, snapped to the grid): sigma 0.3, default
     * population {@code 4 + 3 ln d}; restarts from a new random point when it converges early. A repeated grid point
     * costs no backtest; {@code budget} counts distinct evaluated sets.
     */
    private List<Trial> cmaesRun(int run, int budget, Request request, Objective objective, List<Bar> bars,
                                 Runnable onTrial, BooleanSupplier cancelled) {
        int d = request.space().ranges().size();
        long seed = request.seed() * 0x9E3779B97F4A7C15L + run;
        Well19937c rng = new Well19937c(seed);
        Map<ParameterSet, Trial> seen = new HashMap<>();
        List<Trial> trials = new ArrayList<>();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(hi, 1.0);
        double[] sigma = new double[d];
        Arrays.fill(sigma, 0.3);
        int maxEvaluations = budget * 50; // guards against a search stuck on invalid or known points
        int[] evaluations = {0};
        ObjectiveFunction f = new ObjectiveFunction(x -> {
            if (cancelled.getAsBoolean() || trials.size() >= budget || evaluations[0]++ >= maxEvaluations) {
                throw new BudgetSpent();
            }
            ParameterSet p = request.space().at(x);
            if (!request.space().allows(p)) {
                return -1e9; // invalid: worse than any real score
            }
            Trial t = seen.get(p);
            if (t == null) {
                TrialMetrics m = objective.evaluate(p, bars);
                t = new Trial(run * RUN_BUDGET + trials.size(), p, m, request.metric().score(m));
                seen.put(p, t);
                trials.add(t);
                onTrial.run();
            }
            return Double.isInfinite(t.score()) ? -1e6 : t.score();
        });
        try {
            while (trials.size() < budget) {
                double[] start = new double[d];
                for (int i = 0; i < d; i++) {
                    start[i] = rng.nextDouble();
                }
                CMAESOptimizer cmaes = new CMAESOptimizer(1_000, 0, true, 0, 10, rng, false, null);
                try {
                    cmaes.optimize(new MaxEval(Integer.MAX_VALUE), f, GoalType.MAXIMIZE, new InitialGuess(start),
                            new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                                    new CMAESOptimizer.PopulationSize(4 + (int) (3 * Math.log(d))));
                } catch (MathIllegalStateException converged) {
                    // iteration limit: restart from a new point
                }
            }
        } catch (BudgetSpent spent) {
            // budget, evaluation guard or cancellation reached
        }
        return trials;
    }

    private static <T> List<T> collect(List<Future<T>> futures) {
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                T t = f.get();
                if (t != null) {
                    out.add(t);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new CancellationException("interrupted while waiting for trials");
            } catch (ExecutionException e) {
                futures.forEach(x -> x.cancel(true));
                throw new IllegalStateException("trial failed: " + e.getCause().getMessage(), e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
