package dev.pennant.core.portfolio.margin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The notional and leverage brackets of one USDⓈ-M symbol, sorted by notional: one element of Binance's
 * {@code GET /fapi/v1/leverageBracket} response ("Notional and Leverage Brackets (USER_DATA)", USDⓈ-M Futures API).
 * Immutable and thread-safe.
 *
 * <p>Rules checked on construction (Binance's tier model): bracket 1 starts at notional 0, each bracket starts where the
 * previous one ends ({@code notionalFloor[k] = notionalCap[k-1]}), bracket numbers increase, {@code initialLeverage}
 * never rises and {@code maintMarginRatio} never falls from one bracket to the next. Binance's {@code cum} values
 * additionally make the maintenance margin continuous at every boundary ("Maintenance Amount on Level n = Floor of
 * Level n × (MMR of Level n − MMR of Level n−1) + Maintenance Amount on Level n−1", "How to Calculate Liquidation
 * Price of USDⓈ-M Futures Contracts"); {@link #cumContinuityViolations()} reports where a table breaks that.
 */
public final class LeverageBrackets {

    private final String symbol;
    private final List<LeverageBracket> brackets;
    private final BigDecimal notionalCoef;

    private LeverageBrackets(String symbol, List<LeverageBracket> brackets, BigDecimal notionalCoef) {
        this.symbol = symbol;
        this.brackets = brackets;
        this.notionalCoef = notionalCoef;
    }

    /**
     * Brackets of {@code symbol}, in any order (they are sorted by {@code notionalFloor}).
     *
     * @param notionalCoef Binance's {@code notionalCoef} (the account's bracket multiplier), or {@code null} when the
     *                     response has none; informational only, the brackets already carry it
     * @throws IllegalArgumentException when the symbol is blank, the list is empty, or a rule in the class comment is
     *                                  broken; the message names the symbol, the bracket and the field
     */
    public static LeverageBrackets of(String symbol, List<LeverageBracket> brackets, BigDecimal notionalCoef) {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        Objects.requireNonNull(brackets, "brackets");
        if (brackets.isEmpty()) {
            throw new IllegalArgumentException(symbol + ": brackets must not be empty");
        }
        if (notionalCoef != null && notionalCoef.signum() <= 0) {
            throw new IllegalArgumentException(symbol + ": notionalCoef must be > 0, was " + notionalCoef);
        }
        List<LeverageBracket> sorted = new ArrayList<>(brackets);
        sorted.sort(Comparator.comparing(LeverageBracket::notionalFloor));
        if (sorted.getFirst().notionalFloor().signum() != 0) {
            throw new IllegalArgumentException(symbol + ": bracket " + sorted.getFirst().bracket()
                    + " notionalFloor must be 0 (the lowest bracket starts at 0), was " + sorted.getFirst().notionalFloor());
        }
        for (int i = 1; i < sorted.size(); i++) {
            LeverageBracket prev = sorted.get(i - 1);
            LeverageBracket cur = sorted.get(i);
            String at = symbol + ": bracket " + cur.bracket() + " ";
            if (cur.notionalFloor().compareTo(prev.notionalCap()) != 0) {
                throw new IllegalArgumentException(at + "notionalFloor " + cur.notionalFloor()
                        + " must equal bracket " + prev.bracket() + " notionalCap " + prev.notionalCap());
            }
            if (cur.bracket() <= prev.bracket()) {
                throw new IllegalArgumentException(at + "number must be greater than the previous bracket's " + prev.bracket());
            }
            if (cur.initialLeverage() > prev.initialLeverage()) {
                throw new IllegalArgumentException(at + "initialLeverage " + cur.initialLeverage()
                        + " must not exceed bracket " + prev.bracket() + "'s " + prev.initialLeverage());
            }
            if (cur.maintMarginRatio().compareTo(prev.maintMarginRatio()) < 0) {
                throw new IllegalArgumentException(at + "maintMarginRatio " + cur.maintMarginRatio()
                        + " must not be below bracket " + prev.bracket() + "'s " + prev.maintMarginRatio());
            }
        }
        return new LeverageBrackets(symbol, List.copyOf(sorted), notionalCoef);
    }

    /** As {@link #of(String, List, BigDecimal)} without a {@code notionalCoef}. */
    public static LeverageBrackets of(String symbol, List<LeverageBracket> brackets) {
        return of(symbol, brackets, null);
    }

    /**
     * The brackets bundled with Pennant ({@code /pennant/leverage-brackets-usdm.json}: BTCUSDT, ETHUSDT and a
     * {@code DEFAULT} table for other symbols; sources and dates in {@code leverage-brackets-usdm.md} beside it).
     * Loaded once.
     *
     * @throws IllegalStateException when the resource is missing or malformed (a build defect)
     */
    public static LeverageBracketTable bundled() {
        return Bundled.TABLE;
    }

    /** The same brackets under another symbol (how the {@code DEFAULT} table is handed out for a symbol). */
    public LeverageBrackets withSymbol(String newSymbol) {
        return of(newSymbol, brackets, notionalCoef);
    }

    /** The symbol, e.g. {@code BTCUSDT}. */
    public String symbol() {
        return symbol;
    }

    /** The brackets, lowest notional first; unmodifiable. */
    public List<LeverageBracket> brackets() {
        return brackets;
    }

    /** Binance's {@code notionalCoef}, when the response carried one. */
    public Optional<BigDecimal> notionalCoef() {
        return Optional.ofNullable(notionalCoef);
    }

    /** The cap of the last bracket: the largest notional (USDT) a position may reach at 1x. */
    public BigDecimal maxNotional() {
        return brackets.getLast().notionalCap();
    }

    /**
     * The bracket holding {@code notional}: {@code notionalFloor < notional ≤ notionalCap} (0 in bracket 1).
     *
     * @param notional position notional, USDT (|quantity| × mark price), ≥ 0
     * @throws IllegalArgumentException when the notional is negative or above {@link #maxNotional()}
     */
    public LeverageBracket bracketFor(BigDecimal notional) {
        Objects.requireNonNull(notional, "notional");
        if (notional.signum() < 0) {
            throw new IllegalArgumentException(symbol + ": notional must be ≥ 0, was " + notional);
        }
        for (LeverageBracket b : brackets) {
            if (b.contains(notional)) {
                return b;
            }
        }
        throw new IllegalArgumentException(symbol + ": notional " + notional + " exceeds the last bracket's notionalCap "
                + maxNotional());
    }

    /**
     * The bracket of {@code notional} (USDT, ≥ 0), the last bracket for a notional above {@link #maxNotional()}
     * (a position that large allows no more than the last bracket's leverage).
     *
     * @throws IllegalArgumentException when the notional is negative
     */
    public LeverageBracket bracketOrLast(BigDecimal notional) {
        return bracketForClamped(notional);
    }

    /** As {@link #bracketFor} but a notional above {@link #maxNotional()} gets the last bracket (solvers only). */
    LeverageBracket bracketForClamped(BigDecimal notional) {
        return notional.compareTo(maxNotional()) > 0 ? brackets.getLast() : bracketFor(notional);
    }

    /**
     * The highest leverage a position of this notional may use: {@code initialLeverage} of its bracket.
     *
     * @throws IllegalArgumentException as {@link #bracketFor}
     */
    public int maxLeverageFor(BigDecimal notional) {
        return bracketFor(notional).initialLeverage();
    }

    /**
     * The largest notional (USDT) a position may hold at {@code leverage}: the cap of the last bracket whose
     * {@code initialLeverage} is at least {@code leverage}.
     *
     * @throws IllegalArgumentException when {@code leverage < 1} or above bracket 1's {@code initialLeverage}
     */
    public BigDecimal maxNotionalFor(int leverage) {
        if (leverage < 1) {
            throw new IllegalArgumentException(symbol + ": leverage must be ≥ 1, was " + leverage);
        }
        BigDecimal cap = null;
        for (LeverageBracket b : brackets) {
            if (b.initialLeverage() >= leverage) {
                cap = b.notionalCap();
            }
        }
        if (cap == null) {
            throw new IllegalArgumentException(symbol + ": leverage " + leverage + " exceeds the maximum "
                    + brackets.getFirst().initialLeverage());
        }
        return cap;
    }

    /**
     * Maintenance margin of a position, USDT: {@code notional × maintMarginRatio − cum} of the notional's bracket
     * (Binance's formula, see {@link LeverageBracket#maintenanceMargin}); unrounded.
     *
     * @param notional position notional, USDT (|quantity| × mark price)
     * @throws IllegalArgumentException as {@link #bracketFor}
     */
    public BigDecimal maintenanceMargin(BigDecimal notional) {
        return bracketFor(notional).maintenanceMargin(notional);
    }

    /**
     * Boundaries where the two brackets give different maintenance margins, i.e. where
     * {@code cum[k] ≠ cum[k-1] + notionalFloor[k] × (maintMarginRatio[k] − maintMarginRatio[k-1])}, one message
     * each; empty for a table built the way Binance builds {@code cum}.
     */
    public List<String> cumContinuityViolations() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < brackets.size(); i++) {
            LeverageBracket prev = brackets.get(i - 1);
            LeverageBracket cur = brackets.get(i);
            BigDecimal edge = cur.notionalFloor();
            BigDecimal below = prev.maintenanceMargin(edge);
            BigDecimal above = cur.maintenanceMargin(edge);
            if (below.compareTo(above) != 0) {
                out.add(symbol + ": at notional " + edge.toPlainString() + " bracket " + prev.bracket() + " gives "
                        + below.toPlainString() + " but bracket " + cur.bracket() + " gives " + above.toPlainString()
                        + " (cum " + cur.cum().toPlainString() + ", expected "
                        + prev.cum().add(edge.multiply(cur.maintMarginRatio().subtract(prev.maintMarginRatio())))
                        .toPlainString() + ")");
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeverageBrackets other && symbol.equals(other.symbol) && brackets.equals(other.brackets)
                && Objects.equals(notionalCoef, other.notionalCoef);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, brackets, notionalCoef);
    }

    @Override
    public String toString() {
        return "LeverageBrackets[" + symbol + ", " + brackets.size() + " brackets, max " + brackets.getFirst().initialLeverage()
                + "x, maxNotional " + maxNotional().toPlainString() + "]";
    }

    /** Lazy holder: the bundled resource is read on first use only. */
    private static final class Bundled {
        static final String RESOURCE = "/pennant/leverage-brackets-usdm.json";
        static final LeverageBracketTable TABLE = load();

        private static LeverageBracketTable load() {
            try (var in = LeverageBrackets.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return LeverageBracketTable.of(LeverageBracketParser.parse(in));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new IllegalStateException("cannot load " + RESOURCE + ": " + e.getMessage(), e);
            }
        }
    }
}
