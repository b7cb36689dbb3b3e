package dev.pennant.core.marketdata.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fast parser for Binance market-data WebSocket frames: {@code depthUpdate}, {@code kline}, {@code aggTrade},
 * {@code bookTicker} (spot and USDⓈ-M futures) and the futures {@code markPriceUpdate} (single, or the
 * {@code !markPrice@arr} array), either raw ({@code /ws/<stream>}) or in the combined-stream wrapper
 * ({@code {"stream":"<name>","data":{...}}} / {@code "data":[...]}). Other events yield {@link MessageType#OTHER}.
 *
 * <p>It walks the frame with Jackson's streaming {@link JsonParser} (no tree, no data binding), parses every decimal
 * string exactly into a {@code long} mantissa + scale ({@link Decimals}), and fills reused views — so a frame costs
 * no per-level objects and, for a known symbol, no strings. Field order inside the payload does not matter.
 *
 * <p>Formats: spot <a href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams">
 * WebSocket Streams</a>, futures <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams">
 * USDⓈ-M Market Streams</a>.
 *
 * <p>Threads: one instance per thread (the reader thread of a connection); not thread-safe. The views passed to the
 * handler are overwritten by the next {@code parse}.
 */
public final class MarketMessageParser {

    private static final int EV_NONE = 0;
    private static final int EV_DEPTH = 1;
    private static final int EV_KLINE = 2;
    private static final int EV_AGG_TRADE = 3;
    private static final int EV_BOOK_TICKER = 4;
    private static final int EV_OTHER = 5;
    private static final int EV_MARK_PRICE = 6;
    private static final long MISSING = Long.MIN_VALUE;

    private final JsonFactory factory = new JsonFactory();
    private final DepthUpdate depth = new DepthUpdate();
    private final KlineUpdate kline = new KlineUpdate();
    private final AggTradeUpdate aggTrade = new AggTradeUpdate();
    private final BookTickerUpdate bookTicker = new BookTickerUpdate();
    private final MarkPriceUpdate markPrice = new MarkPriceUpdate();
    private final int[] scaleOut = new int[1];
    private final String[] symbolCache = new String[1024];

    // per-frame scratch
    private CharSequence frame;
    private int event;
    private String symbol;
    private long eventTime;
    private long timeT;
    private long firstId;
    private long finalId;
    private boolean sawKline;
    private boolean sawBidString;
    private boolean sawAskString;
    private boolean sawBidArray;
    private boolean sawAskArray;
    private boolean sawMarkPrice;

    /**
     * Parses one frame and delivers it to {@code handler}.
     *
     * @return what the frame was; {@link MessageType#OTHER} frames are not delivered
     * @throws MarketMessageFormatException when the frame is not JSON, a decimal is malformed, or a known event
     *                                      lacks a field it needs (e.g. a {@code depthUpdate} without {@code "u"})
     */
    public MessageType parse(String frame, MarketMessageHandler handler) {
        this.frame = frame;
        try (JsonParser p = factory.createParser(frame)) {
            return parse(p, handler);
        } catch (IOException e) {
            throw new MarketMessageFormatException("not valid JSON (" + e.getMessage() + ")", frame, e);
        } catch (NumberFormatException e) {
            throw new MarketMessageFormatException(e.getMessage(), frame, e);
        } finally {
            this.frame = null;
        }
    }

    /** Parses one UTF-8 frame; see {@link #parse(String, MarketMessageHandler)}. */
    public MessageType parse(byte[] utf8, int offset, int length, MarketMessageHandler handler) {
        try (JsonParser p = factory.createParser(utf8, offset, length)) {
            return parse(p, handler);
        } catch (IOException e) {
            throw new MarketMessageFormatException("not valid JSON (" + e.getMessage() + ")",
                    new String(utf8, offset, length, StandardCharsets.UTF_8), e);
        } catch (NumberFormatException e) {
            throw new MarketMessageFormatException(e.getMessage(), new String(utf8, offset, length, StandardCharsets.UTF_8), e);
        }
    }

    /**
     * Parses a REST depth snapshot body ({@code {"lastUpdateId":..,"bids":[[p,q],..],"asks":[..]}}, spot or futures;
     * futures' extra {@code E}/{@code T} are ignored). Allocates a fresh snapshot.
     *
     * @param symbol the symbol the snapshot was requested for
     * @throws MarketMessageFormatException when the body is not a depth snapshot
     */
    public DepthSnapshot parseDepthSnapshot(String symbol, String body) {
        this.frame = body;
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw fail("depth snapshot is not a JSON object");
            }
            long lastUpdateId = MISSING;
            Levels bids = null;
            Levels asks = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "lastUpdateId" -> lastUpdateId = p.getLongValue();
                    case "bids" -> {
                        bids = new Levels(1024);
                        readLevels(p, t, bids);
                    }
                    case "asks" -> {
                        asks = new Levels(1024);
                        readLevels(p, t, asks);
                    }
                    case "code", "msg" -> throw fail("depth request failed (Binance error body)");
                    default -> p.skipChildren();
                }
            }
            if (lastUpdateId == MISSING || bids == null || asks == null) {
                throw fail("depth snapshot needs lastUpdateId, bids and asks");
            }
            return new DepthSnapshot(symbol, lastUpdateId, bids, asks);
        } catch (IOException e) {
            throw new MarketMessageFormatException("not valid JSON (" + e.getMessage() + ")", body, e);
        } catch (NumberFormatException e) {
            throw new MarketMessageFormatException(e.getMessage(), body, e);
        } finally {
            this.frame = null;
        }
    }

    private MessageType parse(JsonParser p, MarketMessageHandler handler) throws IOException {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
            return markPriceArray(p, handler); // raw !markPrice@arr
        }
        if (first != JsonToken.START_OBJECT) {
            throw fail("frame is not a JSON object");
        }
        reset();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            t = p.nextToken();
            if (t == JsonToken.START_OBJECT && f.equals("data")) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String g = p.currentName();
                    payloadField(p, g, p.nextToken());
                }
            } else if (t == JsonToken.START_ARRAY && f.equals("data")) {
                // combined !markPrice@arr (other array streams, e.g. !ticker@arr, yield OTHER)
                MessageType r = markPriceArray(p, handler);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    p.nextToken();
                    p.skipChildren();
                }
                return r;
            } else if (f.equals("stream")) {
                // combined-stream name, e.g. "btcusdt@depth@100ms": the payload names the symbol itself
                continue;
            } else {
                payloadField(p, f, t);
            }
        }
        return dispatch(handler);
    }

    /**
     * The elements of an array payload (current token: its START_ARRAY): every {@code markPriceUpdate} object goes to
     * {@link MarketMessageHandler#onMarkPrice}; only mark price fields are read, anything else is skipped.
     */
    private MessageType markPriceArray(JsonParser p, MarketMessageHandler handler) throws IOException {
        boolean any = false;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
            reset();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                t = p.nextToken();
                switch (f) {
                    case "e" -> event = eventType(p);
                    case "E" -> eventTime = p.getLongValue();
                    case "T" -> timeT = p.getLongValue();
                    case "s" -> symbol = intern(p);
                    case "p" -> {
                        decimal(p, aggTrade.price);
                        sawMarkPrice = true;
                    }
                    case "i", "P", "r" -> markPriceField(p, f);
                    default -> p.skipChildren();
                }
            }
            if (event != EV_MARK_PRICE) {
                continue;
            }
            deliverMarkPrice(handler);
            any = true;
        }
        if (t != JsonToken.END_ARRAY) {
            throw fail("array payload holds a non-object");
        }
        return any ? MessageType.MARK_PRICE : MessageType.OTHER;
    }

    private void reset() {
        event = EV_NONE;
        symbol = null;
        eventTime = MISSING;
        timeT = DepthUpdate.NO_ID;
        firstId = MISSING;
        finalId = MISSING;
        sawKline = false;
        sawBidString = false;
        sawAskString = false;
        sawBidArray = false;
        sawAskArray = false;
        depth.bids.clear();
        depth.asks.clear();
        depth.prevFinalUpdateId = DepthUpdate.NO_ID;
        sawMarkPrice = false;
        markPrice.hasIndexPrice = false;
        markPrice.hasEstimatedSettlePrice = false;
        markPrice.hasFundingRate = false;
    }

    /** {@code i}, {@code P} or {@code r} of a mark price event; {@code ""} (delivery contracts) means absent. */
    private void markPriceField(JsonParser p, String f) throws IOException {
        boolean present = p.getTextLength() > 0;
        switch (f) {
            case "i" -> {
                markPrice.hasIndexPrice = present;
                if (present) decimal(p, markPrice.indexPrice);
            }
            case "P" -> {
                markPrice.hasEstimatedSettlePrice = present;
                if (present) decimal(p, markPrice.estimatedSettlePrice);
            }
            default -> {
                markPrice.hasFundingRate = present;
                if (present) decimal(p, markPrice.fundingRate);
            }
        }
    }

    private void deliverMarkPrice(MarketMessageHandler handler) {
        if (symbol == null || !sawMarkPrice) {
            throw fail("markPriceUpdate needs s and p");
        }
        MarkPriceUpdate m = markPrice;
        m.symbol = symbol;
        m.eventTime = eventTime;
        m.nextFundingTime = timeT == DepthUpdate.NO_ID ? 0 : timeT;
        m.markPrice.set(aggTrade.price.mantissa(), aggTrade.price.scale());
        handler.onMarkPrice(m);
    }

    private void payloadField(JsonParser p, String f, JsonToken t) throws IOException {
        switch (f) {
            case "e" -> event = eventType(p);
            case "E" -> eventTime = p.getLongValue();
            case "T" -> timeT = p.getLongValue();
            case "s" -> symbol = intern(p);
            case "U" -> firstId = p.getLongValue();
            case "u" -> finalId = p.getLongValue();
            case "pu" -> depth.prevFinalUpdateId = p.getLongValue();
            case "b" -> {
                if (t == JsonToken.START_ARRAY) {
                    sawBidArray = true;
                    readLevels(p, t, depth.bids);
                } else {
                    sawBidString = true;
                    decimal(p, bookTicker.bidPrice);
                }
            }
            case "a" -> {
                if (t == JsonToken.START_ARRAY) {
                    sawAskArray = true;
                    readLevels(p, t, depth.asks);
                } else if (t == JsonToken.VALUE_NUMBER_INT) {
                    aggTrade.aggregateId = p.getLongValue();
                } else {
                    sawAskString = true;
                    decimal(p, bookTicker.askPrice);
                }
            }
            case "B" -> decimal(p, bookTicker.bidQty);
            case "A" -> decimal(p, bookTicker.askQty);
            case "p" -> {
                decimal(p, aggTrade.price); // also the mark price of a markPriceUpdate
                sawMarkPrice = true;
            }
            case "i", "P", "r" -> {
                if (t == JsonToken.VALUE_STRING) {
                    markPriceField(p, f);
                } else {
                    p.skipChildren();
                }
            }
            case "q" -> decimal(p, aggTrade.quantity);
            // aggTrade ids are numbers; a 24hrTicker's "l" is its low price (a string): not ours to read
            case "f" -> {
                if (t == JsonToken.VALUE_NUMBER_INT) aggTrade.firstTradeId = p.getLongValue(); else p.skipChildren();
            }
            case "l" -> {
                if (t == JsonToken.VALUE_NUMBER_INT) aggTrade.lastTradeId = p.getLongValue(); else p.skipChildren();
            }
            case "m" -> aggTrade.buyerMaker = t == JsonToken.VALUE_TRUE;
            case "k" -> {
                if (t != JsonToken.START_OBJECT) {
                    throw fail("kline \"k\" is not an object");
                }
                readKline(p);
                sawKline = true;
            }
            default -> p.skipChildren();
        }
    }

    private void readKline(JsonParser p) throws IOException {
        KlineUpdate k = kline;
        k.intervalCode = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            JsonToken t = p.nextToken();
            switch (f) {
                case "t" -> k.openTime = p.getLongValue();
                case "T" -> k.closeTime = p.getLongValue();
                case "i" -> k.intervalCode = intern(p);
                case "o" -> decimal(p, k.open);
                case "c" -> decimal(p, k.close);
                case "h" -> decimal(p, k.high);
                case "l" -> decimal(p, k.low);
                case "v" -> decimal(p, k.volume);
                case "q" -> decimal(p, k.quoteVolume);
                case "V" -> decimal(p, k.takerBuyBaseVolume);
                case "Q" -> decimal(p, k.takerBuyQuoteVolume);
                case "n" -> k.trades = p.getLongValue();
                case "x" -> k.closed = t == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }
    }

    private MessageType dispatch(MarketMessageHandler handler) {
        switch (event) {
            case EV_DEPTH -> {
                if (firstId == MISSING || finalId == MISSING || symbol == null || !sawBidArray || !sawAskArray) {
                    throw fail("depthUpdate needs s, U, u, b and a");
                }
                DepthUpdate d = depth;
                d.symbol = symbol;
                d.eventTime = eventTime;
                d.transactionTime = timeT;
                d.firstUpdateId = firstId;
                d.finalUpdateId = finalId;
                handler.onDepth(d);
                return MessageType.DEPTH;
            }
            case EV_KLINE -> {
                if (!sawKline || symbol == null || kline.intervalCode == null) {
                    throw fail("kline needs s and k.i");
                }
                kline.symbol = symbol;
                kline.eventTime = eventTime;
                handler.onKline(kline);
                return MessageType.KLINE;
            }
            case EV_AGG_TRADE -> {
                if (symbol == null) {
                    throw fail("aggTrade needs s");
                }
                aggTrade.symbol = symbol;
                aggTrade.eventTime = eventTime;
                aggTrade.tradeTime = timeT;
                handler.onAggTrade(aggTrade);
                return MessageType.AGG_TRADE;
            }
            case EV_MARK_PRICE -> {
                deliverMarkPrice(handler);
                return MessageType.MARK_PRICE;
            }
            case EV_BOOK_TICKER, EV_NONE -> {
                if (finalId != MISSING && symbol != null && sawBidString && sawAskString) {
                    bookTicker.symbol = symbol;
                    bookTicker.updateId = finalId;
                    handler.onBookTicker(bookTicker);
                    return MessageType.BOOK_TICKER;
                }
                if (event == EV_BOOK_TICKER) {
                    throw fail("bookTicker needs s, u, b and a");
                }
                return MessageType.OTHER;
            }
            default -> {
                return MessageType.OTHER;
            }
        }
    }

    private void readLevels(JsonParser p, JsonToken t, Levels out) throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw fail("levels are not an array");
        }
        int[] s = scaleOut;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            p.nextToken();
            long price = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), s);
            int priceScale = s[0];
            p.nextToken();
            long qty = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), s);
            if (qty < 0 || price <= 0) {
                throw fail("level [" + Decimals.toBigDecimal(price, priceScale).toPlainString() + ", "
                        + Decimals.toBigDecimal(qty, s[0]).toPlainString() + "] has a non-positive price or negative quantity");
            }
            out.add(price, priceScale, qty, s[0]);
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) { // legacy third element "[]"
                if (t == null) {
                    throw fail("unterminated level");
                }
                p.skipChildren();
            }
        }
        if (t != JsonToken.END_ARRAY) {
            throw fail("a level is not a [price, quantity] array");
        }
    }

    private void decimal(JsonParser p, DecimalField out) throws IOException {
        long m = Decimals.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength(), scaleOut);
        out.set(m, scaleOut[0]);
    }

    private static int eventType(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        int n = p.getTextLength();
        if (matches(c, o, n, "depthUpdate")) {
            return EV_DEPTH;
        }
        if (matches(c, o, n, "kline")) {
            return EV_KLINE;
        }
        if (matches(c, o, n, "aggTrade")) {
            return EV_AGG_TRADE;
        }
        if (matches(c, o, n, "bookTicker")) {
            return EV_BOOK_TICKER;
        }
        if (matches(c, o, n, "markPriceUpdate")) {
            return EV_MARK_PRICE;
        }
        return EV_OTHER;
    }

    private static boolean matches(char[] c, int o, int n, String s) {
        if (n != s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (c[o + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The text value as a String, from a small direct-mapped cache so known symbols allocate nothing. */
    private String intern(JsonParser p) throws IOException {
        char[] c = p.getTextCharacters();
        int o = p.getTextOffset();
        int n = p.getTextLength();
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + c[o + i];
        }
        int slot = (h ^ (h >>> 16)) & (symbolCache.length - 1);
        String cached = symbolCache[slot];
        if (cached != null && matches(c, o, n, cached)) {
            return cached;
        }
        String s = new String(c, o, n);
        symbolCache[slot] = s;
        return s;
    }

    private MarketMessageFormatException fail(String reason) {
        return new MarketMessageFormatException(reason, frame, null);
    }
}
