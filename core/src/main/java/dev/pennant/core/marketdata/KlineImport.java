package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of importing recorded Binance klines from one CSV file or a folder of them
 * ({@link KlineCsvImporter}).
 *
 * <p>{@code bars} are sorted ascending by {@link Bar#openTime()} (epoch ms UTC) with unique open times; every bar
 * carries {@code symbol} and {@code interval} and is closed. {@code rowsRead - duplicatesDropped == bars.size()}.
 *
 * @param source            the file, or the folder for {@link KlineCsvImporter#readFolder}
 * @param symbol            e.g. {@code BTCUSDT}
 * @param interval          bar interval (given by the caller or inferred)
 * @param layout            short name of the detected CSV layout, e.g. {@code binance-12col},
 *                          {@code binance-12col-headerless}, {@code python-binance}, {@code ohlcv}; a folder whose
 *                          files use several layouts joins them with {@code +}
 * @param bars              ascending by open time, unique open times, immutable
 * @param rowsRead          data rows parsed (header and blank lines not counted)
 * @param duplicatesDropped rows dropped because a later row (or, in a folder, a later file) had the same open time
 * @param gaps              holes in the series, ascending; always empty for the calendar-month interval {@code 1M}
 */
public record KlineImport(
        Path source,
        String symbol,
        Interval interval,
        String layout,
        List<Bar> bars,
        int rowsRead,
        int duplicatesDropped,
        List<Gap> gaps) {

    /**
     * Copies the lists into immutable ones.
     *
     * @throws NullPointerException naming the missing field
     */
    public KlineImport {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(layout, "layout");
        bars = List.copyOf(Objects.requireNonNull(bars, "bars"));
        gaps = List.copyOf(Objects.requireNonNull(gaps, "gaps"));
    }
}
