package dev.pennant.core.exchange.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.binance.ExchangeInfoParser;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.OrderBook;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.testkit.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Real recorded Binance data for the paper-exchange tests, read at run time from {@code shared/data/binance}, plus
 * order builders and a recording handler. Expected figures in the tests are computed from the raw files here
 * ({@link RawBook}, {@link #rawBar}), never from the code under test.
 */
final class PaperFixtures {

    static final String SPOT_HTTP = "recordings/cryptofeed/BINANCE.http.0.0.txt.gz";
    static final String FUT_HTTP = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0.txt.gz";
    static final String FUT_WS = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0.txt.gz";
    static final String SPOT_1M = "spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz";
    static final String SPOT_TRADES = "spot/trades/BTCUSDT-trades-20250215T2328.msba350.csv.gz";
    static final String FUT_1H = "futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz";
    static final String FUNDING = "futures-um/fundingRate/BTCUSDT-fundingRate-20250101_20260731.binancequant.csv.gz";
    static final String SPOT_INFO_2021 = "exchangeInfo/spot/exchangeInfo-spot-full-20211012.cryptofeed.json.gz";
    static final String FUT_INFO_2021 = "exchangeInfo/futures-um/exchangeInfo-fapi-full-20210721.cryptofeed.json.gz";
    static final String FUT_INFO_2024 = "exchangeInfo/futures-um/exchangeInfo-fapi-full-20241020.json.gz";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> CACHE = new ConcurrentHashMap<>();

    private PaperFixtures() {
    }

    // ---------------------------------------------------------------- instruments

    static Instrument instrument(Market market, String infoFile, String symbol) {
        return cached("ins:" + infoFile + symbol, () -> new ExchangeInfoParser()
                .parse(market, SharedData.file(infoFile)).instrument(symbol).orElseThrow());
    }

    /** NKNUSDT spot as of 2021-10-12 (the book recording's day). */
    static Instrument nknSpot() {
        return instrument(Market.SPOT, SPOT_INFO_2021, "NKNUSDT");
    }

    /** SUSHIUSDT USDⓈ-M as of 2021-07-21 (the futures recording's day). */
    static Instrument sushiFutures() {
        return instrument(Market.USDM_FUTURES, FUT_INFO_2021, "SUSHIUSDT");
    }

    /** BTCUSDT USDⓈ-M as of 2024-10-20 (tick 0.10, step 0.001, min notional 100). */
    static Instrument btcFutures() {
        return instrument(Market.USDM_FUTURES, FUT_INFO_2024, "BTCUSDT");
    }

    // ---------------------------------------------------------------- books

    /** One recorded REST depth snapshot as raw levels (price, qty), best first, and its time. */
    record RawBook(String symbol, long time, List<BigDecimal[]> bids, List<BigDecimal[]> asks) {
    }

    static RawBook rawBook(String httpFile, String symbol) {
        return cached("raw:" + httpFile + symbol, () -> {
            for (CryptofeedRecording.HttpResponse r : CryptofeedRecording.httpResponses(SharedData.file(httpFile))) {
                if (symbol.equals(r.queryParameter("symbol"))) {
                    JsonNode root = JSON.readTree(r.body());
                    long t = root.has("T") ? root.get("T").asLong() : Math.round(r.receivedAt() * 1000);
                    return new RawBook(symbol, t, levels(root.get("bids")), levels(root.get("asks")));
                }
            }
            throw new IllegalStateException("no snapshot of " + symbol + " in " + httpFile);
        });
    }

    private static List<BigDecimal[]> levels(JsonNode arr) {
        List<BigDecimal[]> out = new ArrayList<>();
        for (JsonNode l : arr) {
            out.add(new BigDecimal[]{new BigDecimal(l.get(0).asText()), new BigDecimal(l.get(1).asText())});
        }
        return out;
    }

    /** The same snapshot as the venue sees it: parsed by Pennant's parser into an {@link OrderBook}, all levels. */
    static BookDepth book(String httpFile, String symbol) {
        return cached("book:" + httpFile + symbol, () -> {
            MarketMessageParser parser = new MarketMessageParser();
            for (CryptofeedRecording.HttpResponse r : CryptofeedRecording.httpResponses(SharedData.file(httpFile))) {
                if (symbol.equals(r.queryParameter("symbol"))) {
                    OrderBook b = new OrderBook(symbol);
                    b.load(parser.parseDepthSnapshot(symbol, r.body()));
                    return b.depth(Integer.MAX_VALUE);
                }
            }
            throw new IllegalStateException("no snapshot of " + symbol);
        });
    }

    // ---------------------------------------------------------------- trades

    /** aggTrades of {@code symbol} from the USDⓈ-M WebSocket recording, in stream order. */
    static List<Trade> futuresAggTrades(String symbol) {
        return cached("agg:" + symbol, () -> {
            List<Trade> out = new ArrayList<>();
            for (String frame : CryptofeedRecording.wsFrames(SharedData.file(FUT_WS))) {
                JsonNode d = JSON.readTree(frame).path("data");
                if ("aggTrade".equals(d.path("e").asText()) && symbol.equals(d.path("s").asText())) {
                    out.add(new Trade(Market.USDM_FUTURES, symbol, d.get("a").asLong(), new BigDecimal(d.get("p").asText()),
                            new BigDecimal(d.get("q").asText()), null, d.get("T").asLong(), d.get("m").asBoolean()));
                }
            }
            return out;
        });
    }

    /** The spot BTCUSDT trades of 2025-02-15 23:28 UTC, de-duplicated on id (the file repeats rows), by id. */
    static List<Trade> spotBtcTrades() {
        return cached("spotTrades", () -> {
            TreeMap<Long, Trade> byId = new TreeMap<>();
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
            try (BufferedReader r = gz(SharedData.file(SPOT_TRADES))) {
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] c = line.split(",");
                    long id = Long.parseLong(c[0]);
                    long t = LocalDateTime.parse(c[4], f).toInstant(ZoneOffset.UTC).toEpochMilli();
                    byId.put(id, new Trade(Market.SPOT, "BTCUSDT", id, new BigDecimal(c[1]), new BigDecimal(c[2]),
                            new BigDecimal(c[3]), t, Boolean.parseBoolean(c[5].toLowerCase())));
                }
            }
            return List.copyOf(byId.values());
        });
    }

    // ---------------------------------------------------------------- bars, funding

    static List<Bar> btcSpot1m() {
        return cached("btc1m", () -> new KlineCsvImporter().read(SharedData.btc1m()).bars());
    }

    static List<Bar> btcFutures1h() {
        return cached("fut1h", () -> new KlineCsvImporter().read(SharedData.file(FUT_1H), "BTCUSDT", Interval.H1).bars());
    }

    /** Raw kline rows of a file: open time → [open, high, low, close, volume] as read from the CSV text. */
    static Map<Long, BigDecimal[]> rawBars(String relative, int timeCol, boolean isoTime) {
        return cached("rawbars:" + relative, () -> {
            Map<Long, BigDecimal[]> out = new TreeMap<>();
            DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
            try (BufferedReader r = gz(SharedData.file(relative))) {
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] c = line.split(",");
                    long t = isoTime ? LocalDateTime.parse(c[timeCol], f).toInstant(ZoneOffset.UTC).toEpochMilli()
                            : Long.parseLong(c[timeCol]);
                    out.put(t, new BigDecimal[]{new BigDecimal(c[1]), new BigDecimal(c[2]), new BigDecimal(c[3]),
                            new BigDecimal(c[4]), new BigDecimal(c[5])});
                }
            }
            return out;
        });
    }

    /** Raw BTCUSDT spot 1m row at {@code openTime}: [open, high, low, close, volume]. */
    static BigDecimal[] rawBar(long openTime) {
        BigDecimal[] row = rawBars(SPOT_1M, 0, true).get(openTime);
        if (row == null) {
            throw new IllegalStateException("no raw 1m bar at " + openTime);
        }
        return row;
    }

    /** Raw futures 1h row at {@code openTime}. */
    static BigDecimal[] rawFuturesBar(long openTime) {
        BigDecimal[] row = rawBars(FUT_1H, 0, false).get(openTime);
        if (row == null) {
            throw new IllegalStateException("no raw 1h bar at " + openTime);
        }
        return row;
    }

    /** Funding events: fundingTime → rate. */
    static TreeMap<Long, BigDecimal> funding() {
        return cached("funding", () -> {
            TreeMap<Long, BigDecimal> out = new TreeMap<>();
            try (BufferedReader r = gz(SharedData.file(FUNDING))) {
                r.readLine();
                for (String line; (line = r.readLine()) != null; ) {
                    String[] c = line.split(",");
                    out.put(Long.parseLong(c[0]), new BigDecimal(c[2]));
                }
            }
            return out;
        });
    }

    static long utc(String iso) {
        return java.time.Instant.parse(iso).toEpochMilli();
    }

    static int indexOf(List<Bar> bars, long openTime) {
        for (int i = 0; i < bars.size(); i++) {
            if (bars.get(i).openTime() == openTime) {
                return i;
            }
        }
        throw new IllegalStateException("no bar at " + openTime);
    }

    // ---------------------------------------------------------------- orders

    static Order order(String id, String symbol, Side side, OrderType type, TimeInForce tif, String qty, String price,
                       long t, OrderOptions opts) {
        return new Order(id, symbol, side, type, tif, new BigDecimal(qty), price == null ? null : new BigDecimal(price),
                OrderStatus.NEW, BigDecimal.ZERO, null, t, t, null, null, opts, false, null);
    }

    static Order spotMarket(String id, String symbol, Side side, String qty, long t) {
        return order(id, symbol, side, OrderType.MARKET, null, qty, null, t, OrderOptions.SPOT);
    }

    static Order spotLimit(String id, String symbol, Side side, TimeInForce tif, String qty, String price, long t) {
        return order(id, symbol, side, OrderType.LIMIT, tif, qty, price, t, OrderOptions.SPOT);
    }

    static Order futMarket(String id, String symbol, Side side, String qty, long t) {
        return order(id, symbol, side, OrderType.MARKET, null, qty, null, t, OrderOptions.FUTURES);
    }

    static OrderOptions hedge(PositionSide ps) {
        return OrderOptions.FUTURES.withPositionSide(ps);
    }

    // ---------------------------------------------------------------- helpers

    static BigDecimal fee(BigDecimal notional, String rate) {
        return notional.multiply(new BigDecimal(rate)).setScale(8, RoundingMode.HALF_UP);
    }

    /** Rounds down to a multiple of {@code step}. */
    static BigDecimal floorTo(BigDecimal v, BigDecimal step) {
        return v.divide(step, 0, RoundingMode.FLOOR).multiply(step);
    }

    /** Records every report and funding event in order. */
    static final class Recorder implements ExecutionEventHandler {
        final List<ExecutionReport> reports = new ArrayList<>();
        final List<Object[]> funding = new ArrayList<>();

        @Override
        public void onReport(ExecutionReport report) {
            reports.add(report);
        }

        @Override
        public void onFunding(String symbol, PositionSide positionSide, BigDecimal amount, BigDecimal rate, long time) {
            funding.add(new Object[]{symbol, positionSide, amount, rate, time});
        }

        List<ExecutionReport> of(String clientOrderId) {
            return reports.stream().filter(r -> r.order().clientOrderId().equals(clientOrderId)).toList();
        }

        List<Fill> fills(String clientOrderId) {
            return of(clientOrderId).stream().filter(r -> r.fill() != null).map(ExecutionReport::fill).toList();
        }

        List<Fill> fills() {
            return reports.stream().filter(r -> r.fill() != null).map(ExecutionReport::fill).toList();
        }

        ExecutionReport last(String clientOrderId) {
            List<ExecutionReport> l = of(clientOrderId);
            if (l.isEmpty()) {
                throw new AssertionError("no report for " + clientOrderId);
            }
            return l.getLast();
        }

        List<ExecutionReport.ExecType> types(String clientOrderId) {
            return of(clientOrderId).stream().map(ExecutionReport::execType).toList();
        }

        void clear() {
            reports.clear();
            funding.clear();
        }
    }

    static PaperExchange venue(PaperExchangeConfig config, Recorder rec, Instrument... instruments) {
        PaperExchange v = new PaperExchange(config, List.of(instruments));
        v.setEventHandler(rec);
        return v;
    }

    // ---------------------------------------------------------------- plumbing

    private interface Loader<T> {
        T load() throws IOException;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cached(String key, Loader<T> loader) {
        return (T) CACHE.computeIfAbsent(key, k -> {
            try {
                return loader.load();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static BufferedReader gz(Path p) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8));
    }
}
