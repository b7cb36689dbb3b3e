package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.engine.TradingEngine;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What the risk panel and the portfolio manager need of a running session: work on its engine thread (the risk
 * engine and ledgers are engine-thread objects) and its events. A seam so tests can run an engine inline.
 */
public interface RiskPort {

    /** Runs {@code work} on the engine thread without blocking the caller; the future completes there. */
    <T> CompletableFuture<T> onEngine(Function<TradingEngine, T> work);

    /** Adds an engine listener (its calls arrive on the engine thread). */
    void addListener(EngineListener listener);

    /** {@code PAPER} or {@code LIVE}. */
    String mode();

    /** Session id. */
    String id();

    /** A port on a running session: work goes through its engine loop. */
    static RiskPort of(PaperSession session) {
        Objects.requireNonNull(session, "session");
        return new RiskPort() {
            @Override
            public <T> CompletableFuture<T> onEngine(Function<TradingEngine, T> work) {
                return session.query(() -> work.apply(session.engine()));
            }

            @Override public void addListener(EngineListener l) { session.addListener(l); }
            @Override public String mode() { return session.mode(); }
            @Override public String id() { return session.id(); }
        };
    }

    /** A port on an engine driven by the caller's thread (backtests, tests): work runs immediately. */
    static RiskPort inline(TradingEngine engine, String mode) {
        Objects.requireNonNull(engine, "engine");
        return new RiskPort() {
            @Override
            public <T> CompletableFuture<T> onEngine(Function<TradingEngine, T> work) {
                try {
                    return CompletableFuture.completedFuture(work.apply(engine));
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                }
            }

            @Override public void addListener(EngineListener l) { engine.addListener(l); }
            @Override public String mode() { return mode; }
            @Override public String id() { return engine.sessionId(); }
        };
    }
}
