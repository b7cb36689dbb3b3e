package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A session without an engine: records the commands sent and lets the test play the engine's events and answers. */
final class FakeSessionPort implements SessionPort {
    final Instrument instrument;
    final List<TradingCommand> commands = new ArrayList<>();
    final List<String> calls = new ArrayList<>(); // "leverage 20", "submit SubmitOrder" in call order
    final List<EngineListener> listeners = new ArrayList<>();
    List<Position> positions = List.of();
    BigDecimal freeFunds;
    BigDecimal lastPrice;
    /** The engine's answer to each command; default: never answered. */
    Function<TradingCommand, CompletableFuture<Order>> answer = c -> new CompletableFuture<>();

    FakeSessionPort(Instrument instrument) {
        this.instrument = instrument;
    }

    /** The listener a view-model added (the first). */
    EngineListener listener() {
        return listeners.getFirst();
    }

    @Override public String id() { return "pn-test"; }
    @Override public Instrument instrument() { return instrument; }

    @Override
    public CompletableFuture<Order> submit(TradingCommand command) {
        commands.add(command);
        calls.add("submit " + command.getClass().getSimpleName());
        return answer.apply(command);
    }

    @Override
    public CompletableFuture<Void> setLeverage(int leverage) {
        calls.add("leverage " + leverage);
        return CompletableFuture.completedFuture(null);
    }

    @Override public void addListener(EngineListener listener) { listeners.add(listener); }
    @Override public List<Position> positions() { return positions; }
    @Override public BigDecimal freeFunds() { return freeFunds; }
    @Override public BigDecimal lastPrice() { return lastPrice; }
}
