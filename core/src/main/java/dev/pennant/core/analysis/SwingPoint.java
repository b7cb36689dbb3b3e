package dev.pennant.core.analysis;

/**
 * A swing high or low of a price series.
 *
 * @param index     bar index in the analysed list
 * @param time      that bar's open time, epoch ms UTC
 * @param price     the bar's high (for a {@code HIGH}) or low (for a {@code LOW}), quote asset
 * @param type      high or low
 * @param confirmed false for the zig-zag's last point, which is the running extreme and may still move
 */
public record SwingPoint(int index, long time, double price, Type type, boolean confirmed) {

    /** Swing high or swing low. */
    public enum Type { HIGH, LOW }
}
