package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.ChartPoint;
import io.fair_acc.dataset.spi.financial.api.attrs.AttributeModel;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcv;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcvItem;

import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;

/** ChartFX's {@link IOhlcv} over the view-model's chart points (a snapshot; rebuilt on each update). */
final class BarsOhlcv implements IOhlcv {

    private final List<IOhlcvItem> items;

    BarsOhlcv(List<ChartPoint> points) {
        items = new ArrayList<>(points.size());
        for (ChartPoint p : points) {
            items.add(new Item(p));
        }
    }

    @Override
    public IOhlcvItem getOhlcvItem(int index) {
        return items.get(index);
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public AttributeModel getAddon() {
        return null;
    }

    @Override
    public AttributeModel getAddonOrCreate() {
        return new AttributeModel();
    }

    @Override
    public Iterator<IOhlcvItem> iterator() {
        return items.iterator();
    }

    /** One candle; prices as double (drawing only). */
    private record Item(Date time, double open, double high, double low, double close, double volume) implements IOhlcvItem {
        Item(ChartPoint p) {
            this(new Date(p.bar().openTime()), p.bar().open().doubleValue(), p.bar().high().doubleValue(),
                    p.bar().low().doubleValue(), p.bar().close().doubleValue(), p.bar().volume().doubleValue());
        }

        @Override public Date getTimeStamp() { return time; }
        @Override public double getOpen() { return open; }
        @Override public double getHigh() { return high; }
        @Override public double getLow() { return low; }
        @Override public double getClose() { return close; }
        @Override public double getVolume() { return volume; }
        @Override public double getOpenInterest() { return 0; }
        @Override public AttributeModel getAddon() { return null; }
        @Override public AttributeModel getAddonOrCreate() { return new AttributeModel(); }
    }
}
