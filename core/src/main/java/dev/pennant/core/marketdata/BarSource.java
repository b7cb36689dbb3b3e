package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.util.List;

/**
 * Stored bars by symbol, interval and time range: what a backtest reads instead of a CSV file (for example the bars
 * imported into the history database, {@code dev.pennant.core.marketdata.importer.ImportedBars}).
 */
public interface BarSource {

    /**
     * Closed bars of {@code symbol} at {@code interval} whose open time is in {@code [fromOpenTime, toOpenTime)}.
     *
     * @param symbol       e.g. {@code BTCUSDT}
     * @param interval     bar interval
     * @param fromOpenTime inclusive, epoch ms UTC ({@link Long#MIN_VALUE} for no lower bound)
     * @param toOpenTime   exclusive, epoch ms UTC ({@link Long#MAX_VALUE} for no upper bound)
     * @return ascending by open time, unique open times; empty when none are stored
     */
    List<Bar> bars(String symbol, Interval interval, long fromOpenTime, long toOpenTime);
}
