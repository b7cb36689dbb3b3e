package dev.pennant.core.engine;

/**
 * The engine's notion of now, epoch ms UTC. Backtests and replays use a {@link SimulatedClock} driven by bar
 * times; live sessions use {@link WallClock}. Nothing in the engine reads {@code System.currentTimeMillis()}.
 */
public interface Clock {

    /** Now, epoch ms UTC. */
    long nowMillis();

    /** Tells the clock a bar closed at {@code eventTime} (epoch ms). Simulated clocks jump there; wall clocks ignore it. */
    default void onEvent(long eventTime) {
    }
}
