package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * What the trading panels' view-models ({@link OrdersViewModel}, {@link OrderTicketViewModel}) need of one running
 * session: its instrument, a non-blocking command inlet and, on the engine thread only, a few reads of the account.
 * A seam so the view-models can be tested against a fake engine.
 */
interface SessionPort {

    /** Session id (prefix of its clientOrderIds). */
    String id();

    /** The session's instrument (the chart's symbol). */
    Instrument instrument();

    /** {@code PAPER} or {@code LIVE}: where the session's orders go (the order confirmation shows it). */
    default String mode() {
        return "PAPER";
    }

    /** Sends a command without blocking (any thread); the future completes on the engine thread. */
    CompletableFuture<Order> submit(TradingCommand command);

    /**
     * Sets the futures leverage of the instrument (1..125) on the engine thread, ahead of any command sent after it.
     * Sent as {@code TradingCommand.SetLeverage}: the venue's and the ledger's leverage; the future fails with the
     * venue's reason when refused.
     */
    CompletableFuture<Void> setLeverage(int leverage);

    /** Adds an engine listener; call before the session starts to see every event. */
    void addListener(EngineListener listener);

    /** Every position of the account (flat ones included). Engine thread only. */
    List<Position> positions();

    /**
     * Funds an order may use, quote asset: spot free cash; futures available margin (wallet + unrealised − initial
     * margin in use). Engine thread only.
     */
    BigDecimal freeFunds();

    /** Last price of the instrument (close, trade or mark), quote asset, or {@code null} before the first. Engine thread only. */
    BigDecimal lastPrice();

    /**
     * Margin and liquidation price of the open USDⓈ-M positions ({@link PositionMargin#of}, keyed by
     * {@link PositionMargin#key}); empty when there are none. Engine thread only.
     */
    default java.util.Map<String, PositionMargin> margins() {
        return java.util.Map.of();
    }

    /** A port on {@code session}, trading {@code instrument}. */
    static SessionPort of(PaperSession session, Instrument instrument) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(instrument, "instrument");
        return new SessionPort() {
            @Override public String id() { return session.id(); }
            @Override public Instrument instrument() { return instrument; }
            @Override public String mode() { return session.mode(); }
            @Override public CompletableFuture<Order> submit(TradingCommand command) { return session.submit(command); }

            @Override
            public CompletableFuture<Void> setLeverage(int leverage) {
                return session.submit(new TradingCommand.SetLeverage(instrument.symbol(), leverage)).thenApply(o -> null);
            }

            @Override public void addListener(EngineListener listener) { session.addListener(listener); }
            @Override public List<Position> positions() { return session.engine().portfolio().positions(); }

            @Override
            public java.util.Map<String, PositionMargin> margins() {
                return PositionMargin.of(session.engine().portfolio(),
                        dev.pennant.core.portfolio.margin.LeverageBrackets.bundled());
            }

            @Override
            public BigDecimal freeFunds() {
                var p = session.engine().portfolio();
                return instrument.market() == Market.SPOT ? p.cash() : p.availableMargin();
            }

            @Override public BigDecimal lastPrice() { return session.engine().lastPrice(instrument.symbol()); }
        };
    }
}
