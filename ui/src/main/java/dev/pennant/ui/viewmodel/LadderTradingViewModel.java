package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Orders from the order-book ladder. A click on a bid level is a BUY LIMIT at that price, on an ask level a SELL
 * LIMIT at that price (joining that side of the book), with the ticket's quantity, time in force and bracket.
 *
 * <p>One-click trading is OFF by default: a click then only pre-fills the ticket (side, LIMIT, price) for the
 * trader to review and confirm there. With {@link #oneClickProperty()} on, the click sends the order at once
 * through the ticket's own checks, without the confirmation dialog; an order the checks refuse is not sent and
 * {@link #messageProperty()} names the rule. One-click trading switches itself off on every PAPER/LIVE switch
 * ({@link #modeChanged()}), so a LIVE session never starts with it on.
 *
 * <p>The ladder shows the symbol selected in Market Watch, the ticket trades the session's symbol: a click on a book
 * of another symbol sends nothing and says so. FX thread only.
 */
public final class LadderTradingViewModel {

    private final OrderTicketViewModel ticket;
    private final BooleanProperty oneClick = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);

    /** Ladder orders through {@code ticket}. */
    public LadderTradingViewModel(OrderTicketViewModel ticket) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
    }

    /**
     * A click on a ladder level.
     *
     * @param book   the ladder the click was on (its market and symbol)
     * @param bid    true for a bid level (BUY), false for an ask level (SELL)
     * @param price  the level's price, quote asset
     * @return true when the ticket was pre-filled (one-click off) or the order was sent (one-click on)
     * @throws NullPointerException when book or price is null
     */
    public boolean click(Ladder book, boolean bid, BigDecimal price) {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(price, "price");
        Market m = ticket.market();
        if (m == null) {
            return say("No session yet — nothing to trade", true);
        }
        if (m != book.market() || !book.symbol().equals(ticket.symbol())) {
            return say("The book shows " + book.symbol() + " (" + ChartSwitch.label(book.market()) + "), the session trades "
                    + ticket.symbol() + " (" + ChartSwitch.label(m) + ") — open " + book.symbol()
                    + "'s chart to trade it", true);
        }
        Side side = bid ? Side.BUY : Side.SELL;
        if (!ticket.prefill(side, OrderType.LIMIT, price)) {
            return say("Not placed — " + ticket.validationProperty().get(), true);
        }
        String what = side + " LIMIT @ " + ticket.priceProperty().get();
        if (!oneClick.get()) {
            return say("Ticket pre-filled: " + what + " — review it there", false);
        }
        Optional<OrderPreview> p = ticket.review();
        if (p.isEmpty()) {
            return say("One-click " + what + " not sent — " + ticket.validationProperty().get().replace('\n', ' '), true);
        }
        ticket.send(p.get());
        return say("One-click " + what + " sent — " + ticket.quantityProperty().get() + " " + book.symbol(), false);
    }

    /** A PAPER/LIVE switch: one-click trading goes off (the trader turns it on again for the new mode). */
    public void modeChanged() {
        oneClick.set(false);
    }

    private boolean say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
        return !error;
    }

    /** One-click trading on the ladder (false by default). */
    public BooleanProperty oneClickProperty() { return oneClick; }
    /** What the last click did, or why nothing was placed. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** True when {@link #messageProperty()} says nothing was placed. */
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
}
