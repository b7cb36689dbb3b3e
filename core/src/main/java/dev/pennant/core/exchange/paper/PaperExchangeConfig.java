package dev.pennant.core.exchange.paper;

import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the {@link PaperExchange} charges and fills. Immutable; build from {@link #defaults()} and the {@code with…}
 * methods. Commissions are always charged in the instrument's <b>quote</b> asset (USDT for BTCUSDT), on both sides
 * (Binance spot charges a BUY in the base asset unless BNB pays; the paper venue keeps one fee asset so the
 * engine's cash accounting stays in one currency).
 *
 * @param spotFees         spot maker/taker rates
 * @param futuresFees      USDⓈ-M maker/taker rates
 * @param latencyMs        order → venue delay in ms (≥ 0): a request sent at {@code t} reaches the venue at the first
 *                         market event at or after {@code t + latencyMs}; on bars, the next bar
 *                         (docs/decisions/0011-paper-fill-model.md)
 * @param barParticipation largest fraction (0 &lt; f ≤ 1) of a bar's base-asset volume one order may fill in that bar;
 *                         the rest waits for the next bar (IOC/FOK: expires)
 * @param stopSlippageBps  basis points (≥ 0) a triggered stop-market order on bars fills worse than its trigger
 *                         price (BUY higher, SELL lower; rounded to the tick away from the trader)
 * @param defaultLeverage  USDⓈ-M leverage of a symbol until {@link PaperExchange#setLeverage} (1..125; Binance's
 *                         default is 20)
 */
public record PaperExchangeConfig(FeeSchedule spotFees, FeeSchedule futuresFees, long latencyMs,
                                  BigDecimal barParticipation, BigDecimal stopSlippageBps, int defaultLeverage) {

    /**
     * Maker/taker commission rates as fractions of the notional (0.001 = 0.1 %).
     *
     * <p>Default figures are Binance's public VIP 0 (regular user) rates: spot 0.1000 % maker / 0.1000 % taker
     * (Binance announcement "Binance Launches New Tiered Trading Fee Discount Program and Adjusts BNB Discount Rate",
     * https://www.binance.com/en/support/announcement/360007480472, tier "General"; spot
     * {@code GET /api/v3/account/commission} reports {@code discount 0.75} = 25 % off when BNB pays);
     * USDⓈ-M 0.0200 % maker / 0.0500 % taker (https://www.binance.com/en/fee/futureFee, "Regular"; 10 % off
     * with BNB per the FAQ "Binance Futures Fee Structure &amp; Fee Calculations",
     * https://www.binance.com/en/support/faq/360033544231).
     *
     * @param makerRate   rate for fills that rested on the book, fraction ≥ 0
     * @param takerRate   rate for fills that took liquidity, fraction ≥ 0
     * @param bnbDiscount pay with BNB: spot rates −25 %, futures rates −10 % (the fee is still charged in the quote
     *                    asset: the paper account holds no BNB)
     */
    public record FeeSchedule(BigDecimal makerRate, BigDecimal takerRate, boolean bnbDiscount) {

        /** Spot BNB discount: 25 % off. */
        public static final BigDecimal SPOT_BNB_DISCOUNT = new BigDecimal("0.25");
        /** USDⓈ-M BNB discount: 10 % off. */
        public static final BigDecimal FUTURES_BNB_DISCOUNT = new BigDecimal("0.10");

        /** @throws NullPointerException naming the missing rate; IllegalArgumentException when a rate is outside [0, 1) */
        public FeeSchedule {
            Objects.requireNonNull(makerRate, "makerRate");
            Objects.requireNonNull(takerRate, "takerRate");
            checkRate("makerRate", makerRate);
            checkRate("takerRate", takerRate);
        }

        private static void checkRate(String name, BigDecimal r) {
            if (r.signum() < 0 || r.compareTo(BigDecimal.ONE) >= 0) {
                throw new IllegalArgumentException(name + " must be a fraction in [0, 1), was " + r.toPlainString());
            }
        }

        /** Binance spot VIP 0: 0.1 % maker, 0.1 % taker, no BNB. */
        public static FeeSchedule spotVip0() {
            return new FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"), false);
        }

        /** Binance USDⓈ-M VIP 0: 0.02 % maker, 0.05 % taker, no BNB. */
        public static FeeSchedule usdmVip0() {
            return new FeeSchedule(new BigDecimal("0.0002"), new BigDecimal("0.0005"), false);
        }

        /** The same rates with the BNB discount on or off. */
        public FeeSchedule withBnbDiscount(boolean on) {
            return new FeeSchedule(makerRate, takerRate, on);
        }

        /**
         * The rate charged on a fill: {@code makerRate} or {@code takerRate}, × (1 − 0.25) on spot or × (1 − 0.10) on
         * futures when {@link #bnbDiscount}.
         */
        public BigDecimal rate(LiquiditySide side, Market market) {
            BigDecimal r = side == LiquiditySide.MAKER ? makerRate : takerRate;
            if (!bnbDiscount) {
                return r;
            }
            BigDecimal off = market == Market.SPOT ? SPOT_BNB_DISCOUNT : FUTURES_BNB_DISCOUNT;
            return r.multiply(BigDecimal.ONE.subtract(off));
        }
    }

    /**
     * @throws NullPointerException     naming the missing component
     * @throws IllegalArgumentException naming the component and its rule
     */
    public PaperExchangeConfig {
        Objects.requireNonNull(spotFees, "spotFees");
        Objects.requireNonNull(futuresFees, "futuresFees");
        Objects.requireNonNull(barParticipation, "barParticipation");
        Objects.requireNonNull(stopSlippageBps, "stopSlippageBps");
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0, was " + latencyMs);
        }
        if (barParticipation.signum() <= 0 || barParticipation.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("barParticipation must be in (0, 1], was " + barParticipation.toPlainString());
        }
        if (stopSlippageBps.signum() < 0) {
            throw new IllegalArgumentException("stopSlippageBps must be >= 0, was " + stopSlippageBps.toPlainString());
        }
        if (defaultLeverage < 1 || defaultLeverage > 125) {
            throw new IllegalArgumentException("defaultLeverage must be within 1..125, was " + defaultLeverage);
        }
    }

    /** Binance VIP 0 fees on both markets, no latency, 10 % bar participation, no stop slippage, leverage 20. */
    public static PaperExchangeConfig defaults() {
        return new PaperExchangeConfig(FeeSchedule.spotVip0(), FeeSchedule.usdmVip0(), 0, new BigDecimal("0.1"),
                BigDecimal.ZERO, 20);
    }

    /** The schedule of {@code market}. */
    public FeeSchedule fees(Market market) {
        return market == Market.SPOT ? spotFees : futuresFees;
    }

    /** With other spot fees. */
    public PaperExchangeConfig withSpotFees(FeeSchedule f) {
        return new PaperExchangeConfig(f, futuresFees, latencyMs, barParticipation, stopSlippageBps, defaultLeverage);
    }

    /** With other futures fees. */
    public PaperExchangeConfig withFuturesFees(FeeSchedule f) {
        return new PaperExchangeConfig(spotFees, f, latencyMs, barParticipation, stopSlippageBps, defaultLeverage);
    }

    /** With another latency (ms). */
    public PaperExchangeConfig withLatencyMs(long ms) {
        return new PaperExchangeConfig(spotFees, futuresFees, ms, barParticipation, stopSlippageBps, defaultLeverage);
    }

    /** With another bar participation cap (fraction of bar volume). */
    public PaperExchangeConfig withBarParticipation(BigDecimal f) {
        return new PaperExchangeConfig(spotFees, futuresFees, latencyMs, f, stopSlippageBps, defaultLeverage);
    }

    /** With another stop-market slippage (basis points). */
    public PaperExchangeConfig withStopSlippageBps(BigDecimal bps) {
        return new PaperExchangeConfig(spotFees, futuresFees, latencyMs, barParticipation, bps, defaultLeverage);
    }

    /** With another default leverage. */
    public PaperExchangeConfig withDefaultLeverage(int lev) {
        return new PaperExchangeConfig(spotFees, futuresFees, latencyMs, barParticipation, stopSlippageBps, lev);
    }
}
