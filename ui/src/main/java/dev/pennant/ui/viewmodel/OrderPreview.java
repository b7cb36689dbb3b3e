package dev.pennant.ui.viewmodel;

import dev.pennant.core.execution.TradingCommand;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the order ticket is about to send, for the confirmation dialog: a heading, labelled lines, and the estimated
 * figures (all in the quote asset). Made by {@link OrderTicketViewModel#review()}; sent with
 * {@link OrderTicketViewModel#send(OrderPreview)}.
 */
public final class OrderPreview {

    /** One labelled line of the dialog, e.g. {@code ("Notional", "≈ 96.56 USDT")}. */
    public record Line(String name, String value) {
    }

    private final String heading;
    private final List<Line> lines;
    private final BigDecimal notional;
    private final BigDecimal fee;
    private final BigDecimal feeRate;
    private final BigDecimal margin;
    private final TradingCommand command;
    private final int leverage;
    private final Object session;

    OrderPreview(String heading, List<Line> lines, BigDecimal notional, BigDecimal fee, BigDecimal feeRate,
                 BigDecimal margin, TradingCommand command, int leverage, Object session) {
        this.heading = Objects.requireNonNull(heading, "heading");
        this.lines = List.copyOf(lines);
        this.notional = notional;
        this.fee = fee;
        this.feeRate = feeRate;
        this.margin = margin;
        this.command = Objects.requireNonNull(command, "command");
        this.leverage = leverage;
        this.session = session;
    }

    /** E.g. {@code BUY 0.002 BTCUSDT · MARKET}. */
    public String heading() {
        return heading;
    }

    /** Symbol, side, type, TIF, quantity, prices, bracket, notional, fee, margin — as shown. */
    public List<Line> lines() {
        return lines;
    }

    /** quantity × price (MARKET: × the last price, an estimate), quote asset. */
    public BigDecimal notional() {
        return notional;
    }

    /** Estimated taker fee: notional × {@link #feeRate()}, quote asset. */
    public BigDecimal fee() {
        return fee;
    }

    /** Taker fee rate assumed, a fraction (0.001 = 0.1 %). */
    public BigDecimal feeRate() {
        return feeRate;
    }

    /** Futures initial margin: notional / leverage, quote asset; {@code null} for spot. */
    public BigDecimal margin() {
        return margin;
    }

    TradingCommand command() {
        return command;
    }

    int leverage() {
        return leverage;
    }

    Object session() {
        return session;
    }
}
