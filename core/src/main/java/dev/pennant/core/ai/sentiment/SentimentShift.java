package dev.pennant.core.ai.sentiment;

/**
 * A notable change of the overall sentiment between two polls.
 *
 * @param time        the later poll, epoch ms UTC
 * @param from        previous overall score
 * @param to          new overall score
 * @param description e.g. "sentiment turned bearish: +0.32 → −0.21"
 */
public record SentimentShift(long time, double from, double to, String description) {

    /**
     * The shift between {@code previous} and {@code next}, or {@code null} when none: a change of at least
     * {@code threshold}, or a change of sign with both sides at least 0.1 away from 0.
     */
    public static SentimentShift detect(SentimentSnapshot previous, SentimentSnapshot next, double threshold) {
        if (previous == null) return null;
        double a = previous.overall();
        double b = next.overall();
        boolean flip = Math.signum(a) != Math.signum(b) && Math.abs(a) >= 0.1 && Math.abs(b) >= 0.1;
        if (Math.abs(b - a) < threshold && !flip) return null;
        String what = flip ? (b > 0 ? "sentiment turned bullish" : "sentiment turned bearish")
                : (b > a ? "sentiment improved" : "sentiment deteriorated");
        return new SentimentShift(next.time(), a, b, String.format(java.util.Locale.ROOT, "%s: %+.2f → %+.2f", what, a, b));
    }
}
