package dev.pennant.core.portfolio.margin;

import java.util.Locale;

/**
 * USDⓈ-M futures margin mode, Binance's {@code marginType} ({@code POST /fapi/v1/marginType} takes {@code CROSSED} or
 * {@code ISOLATED}; {@code GET /fapi/v2/positionRisk} reports {@code cross} or {@code isolated}).
 */
public enum MarginMode {
    /** Cross margin: every cross position shares the cross wallet balance. */
    CROSSED,
    /** Isolated margin: a position is backed only by the margin assigned to it (its isolated wallet). */
    ISOLATED;

    /**
     * Reads Binance's spellings: {@code CROSSED}/{@code cross} and {@code ISOLATED}/{@code isolated}, any case.
     *
     * @throws IllegalArgumentException for anything else; the message names the field {@code marginType}
     */
    public static MarginMode fromBinance(String marginType) {
        if (marginType == null) {
            throw new IllegalArgumentException("marginType is missing");
        }
        return switch (marginType.trim().toUpperCase(Locale.ROOT)) {
            case "CROSSED", "CROSS" -> CROSSED;
            case "ISOLATED" -> ISOLATED;
            default -> throw new IllegalArgumentException(
                    "marginType '" + marginType + "' is neither CROSSED/cross nor ISOLATED/isolated");
        };
    }
}
