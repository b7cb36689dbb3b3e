package dev.pennant.core.backtest.optimize;

import java.util.Locale;

/** How an optimisation picks the parameter sets it evaluates. */
public enum SearchMethod {
    /** Every grid point of the space (that passes its constraint). */
    GRID,
    /** Distinct grid points drawn uniformly with a seeded RNG. */
    RANDOM,
    /**
     * Model-based search: Hipparchus' CMA-ES (Hansen's covariance matrix adaptation evolution strategy), which fits a
     * Gaussian search distribution to the best trials so far and samples the next ones from it — the same "sample
     * where the good trials are" idea as Bayesian / TPE search (decision 0016: no maintained TPE or Bayesian
     * optimiser for Java is on Maven Central). Independent seeded runs execute in parallel.
     */
    CMAES;

    /** Parses {@code grid}, {@code random}, {@code cmaes}; {@code tpe} and {@code bayes} name the model-based search. */
    public static SearchMethod parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "grid" -> GRID;
            case "random" -> RANDOM;
            case "cmaes", "cma-es", "tpe", "bayes" -> CMAES;
            default -> throw new IllegalArgumentException("method '" + s + "' is not one of grid, random, tpe (cmaes)");
        };
    }
}
