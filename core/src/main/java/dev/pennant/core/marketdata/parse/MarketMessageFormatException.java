package dev.pennant.core.marketdata.parse;

/**
 * A market-data frame or REST depth body that is not valid JSON or lacks a field Pennant needs. The message names
 * the problem and quotes the start of the frame, e.g. {@code depthUpdate without "u": {"e":"depthUpdate",...}}.
 */
public final class MarketMessageFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** How many characters of the offending frame the message quotes. */
    static final int QUOTE_CHARS = 160;

    /**
     * @param reason what is wrong, e.g. {@code price "1.2.3" is not a decimal}
     * @param frame  the frame (quoted, shortened to {@value #QUOTE_CHARS} characters), may be null
     * @param cause  underlying Jackson error, may be null
     */
    public MarketMessageFormatException(String reason, CharSequence frame, Throwable cause) {
        super(frame == null ? reason : reason + ": " + quote(frame), cause);
    }

    private static String quote(CharSequence frame) {
        return frame.length() <= QUOTE_CHARS ? frame.toString() : frame.subSequence(0, QUOTE_CHARS) + "...";
    }
}
