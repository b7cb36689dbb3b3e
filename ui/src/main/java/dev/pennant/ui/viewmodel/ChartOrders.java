package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Orders placed at a price picked on the chart (right-click): which orders make sense there and pre-filling the order
 * ticket with one of them. The ticket's own review and confirmation then apply, as for an order typed in by hand.
 *
 * <p>Below the last price a click offers a BUY LIMIT (rests until the market comes down) and a SELL stop (fires when
 * it falls through); above it a SELL LIMIT and a BUY stop — the two orders that neither fill nor trigger at once.
 * Before the first bar (no last price) all four are offered. The stop is the market's stop-market type when the
 * symbol lists it (spot STOP_LOSS, futures STOP_MARKET), else its stop-limit type (spot STOP_LOSS_LIMIT, futures
 * STOP) with the limit at the stop price. FX thread only.
 */
public final class ChartOrders {

    /**
     * One order the chart's menu offers.
     *
     * @param side  BUY or SELL
     * @param type  LIMIT or the stop type chosen for the market
     * @param price the clicked price rounded to the nearest tick (quote asset)
     * @param label menu text, e.g. {@code "Buy LIMIT @ 48,250.00"}
     * @param id    stable node id, e.g. {@code "chartOrder-BUY-LIMIT"}
     */
    public record Choice(Side side, OrderType type, BigDecimal price, String label, String id) {
    }

    private final OrderTicketViewModel ticket;

    /** Orders at chart prices, pre-filled into {@code ticket}. */
    public ChartOrders(OrderTicketViewModel ticket) {
        this.ticket = Objects.requireNonNull(ticket, "ticket");
    }

    /**
     * The orders that make sense at {@code price} against the ticket's last price (see the class comment); empty
     * while no session's instrument is known or when {@code price} is not positive.
     *
     * @param price a price in the quote asset (e.g. the chart's value under the mouse)
     */
    public List<Choice> at(BigDecimal price) {
        Market m = ticket.market();
        if (m == null || price == null || price.signum() <= 0) {
            return List.of();
        }
        price = ticket.onTick(price);
        BigDecimal last = ticket.lastPrice();
        boolean below = last == null || price.compareTo(last) < 0;
        boolean above = last == null || price.compareTo(last) > 0;
        OrderType stop = stopType(m);
        List<Choice> out = new ArrayList<>();
        if (below) {
            out.add(choice(Side.BUY, OrderType.LIMIT, price));
        }
        if (above) {
            out.add(choice(Side.SELL, OrderType.LIMIT, price));
        }
        if (stop != null && above) {
            out.add(choice(Side.BUY, stop, price));
        }
        if (stop != null && below) {
            out.add(choice(Side.SELL, stop, price));
        }
        return out.stream().filter(c -> ticket.types().contains(c.type())).toList();
    }

    /** Pre-fills the ticket with {@code c} (price rounded to the tick); false when the ticket refused it. */
    public boolean prefill(Choice c) {
        return ticket.prefill(c.side(), c.type(), c.price());
    }

    private OrderType stopType(Market m) {
        OrderType market = m == Market.SPOT ? OrderType.STOP_LOSS : OrderType.STOP_MARKET;
        OrderType limit = m == Market.SPOT ? OrderType.STOP_LOSS_LIMIT : OrderType.STOP;
        return ticket.types().contains(market) ? market : ticket.types().contains(limit) ? limit : null;
    }

    private static Choice choice(Side side, OrderType type, BigDecimal price) {
        String sideText = side == Side.BUY ? "Buy" : "Sell";
        return new Choice(side, type, price, sideText + " " + type + " @ " + String.format(Locale.ROOT, "%,." + price.scale()
                + "f", price), "chartOrder-" + side + "-" + (type == OrderType.LIMIT ? "LIMIT" : "STOP"));
    }
}
