package dev.pennant.core.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.paper.PaperExchange;
import dev.pennant.core.model.Order;
import dev.pennant.core.portfolio.Portfolio;

import java.util.List;
import java.util.Objects;

/**
 * What a paper session needs to resume exactly after a restart: the paper venue's state (balances and locks, open
 * orders with their queue positions and trailing extremes, positions, leverage, prices), the engine ledger's state
 * and the order manager's open orders. Stored as JSON by the history recorder in the same transaction as each fill
 * (and after order changes), read back by {@link PaperSession#resume}.
 *
 * <p>A bracket entry still waiting to fill keeps its exits ({@code pendingBrackets}): they are placed when it fills
 * after the restart; OCO legs already placed stay linked.
 *
 * @param format          version of this JSON shape (1; {@code pendingBrackets} was added within it, absent = none)
 * @param venue           the paper venue's {@link PaperExchange.State}
 * @param ledger          the engine's {@link Portfolio.State}
 * @param openOrders      the order manager's open orders
 * @param pendingBrackets exits of bracket entries not yet filled (null reads as none)
 */
public record PaperSessionState(int format, PaperExchange.State venue, Portfolio.State ledger, List<Order> openOrders,
                                List<dev.pennant.core.execution.ExecutionEngine.PendingBracket> pendingBrackets) {

    /** The JSON shape written now. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    /** @throws NullPointerException naming a missing part */
    public PaperSessionState {
        Objects.requireNonNull(venue, "venue");
        Objects.requireNonNull(ledger, "ledger");
        openOrders = List.copyOf(openOrders);
        // states written before pending brackets were stored have none
        pendingBrackets = pendingBrackets == null ? List.of() : List.copyOf(pendingBrackets);
    }

    /**
     * The state of {@code engine} now (engine thread).
     *
     * @throws IllegalArgumentException when the engine's venue is not the paper exchange
     */
    public static PaperSessionState capture(TradingEngine engine) {
        if (!(engine.execution().client() instanceof PaperExchange venue)) {
            throw new IllegalArgumentException("venue: only a paper session's state can be captured, this one trades on "
                    + engine.execution().client().venue());
        }
        return new PaperSessionState(FORMAT, venue.snapshot(), engine.portfolio().snapshot(),
                engine.execution().openOrders(), engine.execution().pendingBrackets());
    }

    /**
     * Puts this state into a freshly built paper engine (before its first event): venue, ledger and open orders.
     *
     * @throws IllegalArgumentException when the engine's venue is not the paper exchange, or the venue refuses the
     *                                  state (an instrument it does not trade) — the engine is then unchanged
     */
    public void applyTo(TradingEngine engine) {
        if (!(engine.execution().client() instanceof PaperExchange v)) {
            throw new IllegalArgumentException("venue: only a paper session can resume a paper state");
        }
        v.restore(venue);
        engine.portfolio().restore(ledger);
        engine.execution().restore(openOrders);
        engine.execution().restoreBrackets(pendingBrackets); // entries still waiting keep their exits
    }

    /** This state as JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the session state as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a state written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException naming the problem when the JSON is not a session state of a known format
     */
    public static PaperSessionState fromJson(String json) {
        PaperSessionState s;
        try {
            s = JSON.readValue(json, PaperSessionState.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("session state: not a readable paper session state: "
                    + e.getOriginalMessage(), e);
        }
        if (s.format() != FORMAT) {
            throw new IllegalArgumentException("session state: format " + s.format() + " is not " + FORMAT);
        }
        return s;
    }
}
