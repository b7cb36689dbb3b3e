package dev.pennant.core.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.model.Bar;

import java.math.BigDecimal;
import java.util.List;

/**
 * Binance kline JSON made from {@link Bar}s (e.g. the rows {@code KlineCsvImporter} reads from the shared data): the
 * REST {@code GET /api/v3/klines} / {@code /fapi/v1/klines} array and the kline stream event, in the shape both spot
 * and USDⓈ-M use (see shared fixtures nautilus_trader kline_stream_*.json). Missing decimals are written as "0".
 */
public final class KlineJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KlineJson() {
    }

    /** The REST klines answer: one 12-field array per bar, in the given order. */
    public static String restRows(List<Bar> bars) {
        ArrayNode arr = JSON.createArrayNode();
        for (Bar b : bars) {
            ArrayNode r = arr.addArray();
            r.add(b.openTime()).add(s(b.open())).add(s(b.high())).add(s(b.low())).add(s(b.close()))
                    .add(s(b.volume())).add(b.closeTime()).add(s(b.quoteVolume())).add(b.trades())
                    .add(s(b.takerBuyBaseVolume())).add(s(b.takerBuyQuoteVolume())).add("0");
        }
        return arr.toString();
    }

    /** A kline stream event for {@code symbol}/{@code interval} (e.g. "BTCUSDT", "1m"); {@code closed} is its "x". */
    public static String streamEvent(Bar b, String symbol, String interval, boolean closed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("e", "kline").put("E", b.openTime() + 1_000).put("s", symbol);
        ObjectNode k = root.putObject("k");
        k.put("t", b.openTime()).put("T", b.closeTime()).put("s", symbol).put("i", interval)
                .put("f", 100).put("L", 200)
                .put("o", s(b.open())).put("c", s(b.close())).put("h", s(b.high())).put("l", s(b.low()))
                .put("v", s(b.volume())).put("n", b.trades()).put("x", closed)
                .put("q", s(b.quoteVolume())).put("V", s(b.takerBuyBaseVolume()))
                .put("Q", s(b.takerBuyQuoteVolume())).put("B", "0");
        return root.toString();
    }

    private static String s(BigDecimal d) {
        return d == null ? "0" : d.toPlainString();
    }
}
