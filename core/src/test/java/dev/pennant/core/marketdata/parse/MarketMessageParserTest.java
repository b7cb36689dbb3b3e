package dev.pennant.core.marketdata.parse;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming parser on the real recorded frames (cryptofeed) and the nautilus_trader JSON fixtures. */
class MarketMessageParserTest {

    private final MarketMessageParser parser = new MarketMessageParser();

    private static Path recording(String name) {
        return SharedData.file("recordings/cryptofeed/" + name);
    }

    private static String fixture(String relative) throws IOException {
        return Files.readString(SharedData.file("fixtures/nautilus_trader/" + relative));
    }

    /** Copies what the handler sees. */
    private static final class Capture implements MarketMessageHandler {
        final List<DepthUpdate> depth = new ArrayList<>();
        final List<Bar> klines = new ArrayList<>();
        final List<String> trades = new ArrayList<>();
        final List<String> tickers = new ArrayList<>();
        KlineUpdate lastKline;

        @Override
        public void onDepth(DepthUpdate u) {
            depth.add(u.copy());
        }

        @Override
        public void onKline(KlineUpdate k) {
            klines.add(k.toBar());
            lastKline = k;
        }

        @Override
        public void onAggTrade(AggTradeUpdate t) {
            trades.add(t.symbol() + " a=" + t.aggregateId() + " p=" + t.price() + " q=" + t.quantity() + " f=" + t.firstTradeId()
                    + " l=" + t.lastTradeId() + " T=" + t.tradeTime() + " m=" + t.buyerMaker() + " E=" + t.eventTime());
        }

        @Override
        public void onBookTicker(BookTickerUpdate t) {
            tickers.add(t.symbol() + " u=" + t.updateId() + " " + t.bidPrice() + "x" + t.bidQty() + " / " + t.askPrice() + "x" + t.askQty());
        }
    }

    private Map<MessageType, Integer> parseAll(List<String> frames, Capture c) {
        Map<MessageType, Integer> counts = new EnumMap<>(MessageType.class);
        for (String f : frames) {
            counts.merge(parser.parse(f, c), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void spotRecordingCountsAndValues() throws IOException {
        List<String> frames = CryptofeedRecording.wsFrames(recording("BINANCE.ws.1.0.txt.gz"));
        Capture c = new Capture();
        Map<MessageType, Integer> counts = parseAll(frames, c);
        // SOURCES.md: depthUpdate 177, bookTicker ("?") 84, aggTrade 2, kline 2
        assertThat(counts).containsEntry(MessageType.DEPTH, 177).containsEntry(MessageType.BOOK_TICKER, 84)
                .containsEntry(MessageType.AGG_TRADE, 2).containsEntry(MessageType.KLINE, 2).doesNotContainKey(MessageType.OTHER);

        DepthUpdate first = c.depth.get(0);
        assertThat(first.symbol()).isEqualTo("NKNUSDT");
        assertThat(first.eventTime()).isEqualTo(1633998512068L);
        assertThat(first.firstUpdateId()).isEqualTo(499869750L);
        assertThat(first.finalUpdateId()).isEqualTo(499869752L);
        assertThat(first.prevFinalUpdateId()).isEqualTo(DepthUpdate.NO_ID);
        assertThat(first.bids().toString()).isEqualTo("[0.3513x6195, 0.3475x5548, 0.3464x6222]");
        assertThat(first.asks().size()).isZero();
        assertThat(first.bids().priceMantissa(0)).isEqualTo(3513);
        assertThat(first.bids().priceScale(0)).isEqualTo(4);
        // "0.35340000","0.00000000" (a removal) in the 7th depth frame
        assertThat(c.depth.get(6).asks().toString()).isEqualTo("[0.3534x0]");
        assertThat(c.tickers.get(0)).isEqualTo("NKNUSDT u=499869768 0.3521x672 / 0.3526x3199");
    }

    @Test
    void futuresRecordingCountsAndValues() throws IOException {
        List<String> frames = CryptofeedRecording.wsFrames(recording("BINANCE_FUTURES.ws.1.0.txt.gz"));
        Capture c = new Capture();
        Map<MessageType, Integer> counts = parseAll(frames, c);
        assertThat(counts).containsEntry(MessageType.DEPTH, 764).containsEntry(MessageType.BOOK_TICKER, 613)
                .containsEntry(MessageType.AGG_TRADE, 91).containsEntry(MessageType.KLINE, 67).doesNotContainKey(MessageType.OTHER);

        DepthUpdate first = c.depth.get(0);
        assertThat(first.symbol()).isEqualTo("SUSHIUSDT");
        assertThat(first.transactionTime()).isEqualTo(1626992741024L);
        assertThat(first.firstUpdateId()).isEqualTo(600859599090L);
        assertThat(first.finalUpdateId()).isEqualTo(600859600917L);
        assertThat(first.prevFinalUpdateId()).isEqualTo(600859598061L);
        assertThat(first.bids().toString()).isEqualTo("[7.504x813, 7.609x0, 7.611x2]");
        assertThat(first.asks().toString()).isEqualTo("[7.615x1563, 7.622x3284]");

        Bar k = c.klines.get(0);
        assertThat(k.symbol()).isEqualTo("CTKUSDT");
        assertThat(k.interval()).isEqualTo(Interval.parse("1m"));
        assertThat(k.openTime()).isEqualTo(1626992700000L);
        assertThat(k.closeTime()).isEqualTo(1626992759999L);
        assertThat(k.open()).isEqualByComparingTo("1.01000");
        assertThat(k.close()).isEqualByComparingTo("1.01100");
        assertThat(k.volume()).isEqualByComparingTo("3917");
        assertThat(k.quoteVolume()).isEqualByComparingTo("3957.89900");
        assertThat(k.trades()).isEqualTo(48);
        assertThat(k.takerBuyBaseVolume()).isEqualByComparingTo("1729");
        assertThat(k.closed()).isFalse();

        assertThat(c.trades).contains("CTKUSDT a=16599292 p=1.011 q=10 f=23961322 l=23961322 T=1626992741421 m=false E=1626992741575");
        assertThat(c.tickers.get(0)).isEqualTo("SUSHIUSDT u=600859600576 7.611x2 / 7.612x297");
    }

    @Test
    void bytesAndStringGiveTheSameResult() throws IOException {
        for (String f : CryptofeedRecording.wsFrames(recording("BINANCE_FUTURES.ws.1.0.txt.gz")).subList(0, 200)) {
            Capture a = new Capture();
            Capture b = new Capture();
            byte[] utf8 = f.getBytes(StandardCharsets.UTF_8);
            assertThat(parser.parse(utf8, 0, utf8.length, b)).isEqualTo(parser.parse(f, a));
            assertThat(b.depth.toString()).isEqualTo(a.depth.toString());
            assertThat(b.tickers).isEqualTo(a.tickers);
            assertThat(b.trades).isEqualTo(a.trades);
        }
    }

    @Test
    void nautilusFixtures() throws IOException {
        Capture c = new Capture();
        assertThat(parser.parse(fixture("python-tests/ws_messages/ws_spot_agg_trade.json"), c)).isEqualTo(MessageType.AGG_TRADE);
        assertThat(c.trades).containsExactly("ETHUSDT a=226532 p=1632.46 q=0.34305 f=228423 l=228423 T=1675759520847 m=false E=1675759520848");

        assertThat(parser.parse(fixture("python-tests/ws_messages/ws_futures_depth_diff_update.json"), c)).isEqualTo(MessageType.DEPTH);
        DepthUpdate d = c.depth.get(0);
        assertThat(d.symbol()).isEqualTo("BTCUSDT");
        assertThat(d.firstUpdateId()).isEqualTo(157);
        assertThat(d.finalUpdateId()).isEqualTo(160);
        assertThat(d.prevFinalUpdateId()).isEqualTo(149);
        assertThat(d.transactionTime()).isEqualTo(123456788);
        assertThat(d.bids().price(0)).isEqualTo(new BigDecimal("0.0024"));
        assertThat(d.bids().quantity(0)).isEqualTo(new BigDecimal("10"));
        assertThat(d.asks().price(0)).isEqualTo(new BigDecimal("0.0026"));
        assertThat(d.asks().quantity(0)).isEqualTo(new BigDecimal("100"));

        assertThat(parser.parse(fixture("rust-crate/futures/market_data_json/depth_update_stream.json"), c)).isEqualTo(MessageType.DEPTH);
        assertThat(c.depth.get(1).toString()).isEqualTo(d.toString());

        assertThat(parser.parse(fixture("rust-crate/futures/market_data_json/kline_stream_closed.json"), c)).isEqualTo(MessageType.KLINE);
        Bar k = c.klines.get(0);
        assertThat(k.openTime()).isEqualTo(1638747660000L);
        assertThat(k.high()).isEqualByComparingTo("0.0025");
        assertThat(k.quoteVolume()).isEqualByComparingTo("1.0000");
        assertThat(k.takerBuyQuoteVolume()).isEqualByComparingTo("0.5");
        assertThat(k.trades()).isEqualTo(100);
        assertThat(k.closed()).isTrue();
        assertThat(c.lastKline.open().mantissa()).isEqualTo(1);
        assertThat(c.lastKline.open().scale()).isEqualTo(3);

        DepthSnapshot s = parser.parseDepthSnapshot("BTCUSDT", fixture("python-tests/http_responses/http_spot_market_depth.json"));
        assertThat(s.lastUpdateId()).isEqualTo(14527958487L);
        assertThat(s.bids().price(0)).isEqualTo(new BigDecimal("60650"));
        assertThat(s.bids().quantity(0)).isEqualTo(new BigDecimal("0.00213"));
        assertThat(s.asks().price(0)).isEqualTo(new BigDecimal("60650.01"));
        assertThat(s.asks().quantity(0)).isEqualTo(new BigDecimal("0.61982"));
        assertThat(s.bids().size()).isEqualTo(10);
    }

    @Test
    void recordedRestSnapshots() throws IOException {
        List<CryptofeedRecording.HttpResponse> spot = CryptofeedRecording.httpResponses(recording("BINANCE.http.0.0.txt.gz"));
        assertThat(spot).hasSize(4);
        DepthSnapshot nkn = parser.parseDepthSnapshot(spot.get(0).queryParameter("symbol"), spot.get(0).body());
        assertThat(nkn.symbol()).isEqualTo("NKNUSDT");
        assertThat(nkn.lastUpdateId()).isEqualTo(499869752L);
        assertThat(nkn.bids().toString()).startsWith("[0.3521x672, 0.352x1144, 0.3519x3260,");

        List<CryptofeedRecording.HttpResponse> fut = CryptofeedRecording.httpResponses(recording("BINANCE_FUTURES.http.0.0.txt.gz"));
        DepthSnapshot sushi = parser.parseDepthSnapshot("SUSHIUSDT", fut.get(0).body());
        assertThat(sushi.lastUpdateId()).isEqualTo(600859605926L);
        assertThat(sushi.bids().toString()).startsWith("[7.611x6, 7.608x161, 7.607x285,");
        assertThat(sushi.bids().size()).isEqualTo(1000);
    }

    @Test
    void decimalsAreExact() {
        int[] s = new int[1];
        assertThat(Decimals.parse("0.35210000", s)).isEqualTo(3521);
        assertThat(s[0]).isEqualTo(4);
        assertThat(Decimals.parse("672.00000000", s)).isEqualTo(672);
        assertThat(s[0]).isZero();
        assertThat(Decimals.parse("0.00000000", s)).isZero();
        assertThat(s[0]).isZero();
        assertThat(Decimals.parse("100.05", s)).isEqualTo(10005);
        assertThat(s[0]).isEqualTo(2);
        assertThat(Decimals.parse("-1.50", s)).isEqualTo(-15);
        assertThat(Decimals.parse("922337203685477580.7", s)).isEqualTo(Long.MAX_VALUE);
        for (String bad : new String[]{"", "-", ".", "1e5", "1.2.3", "abc", "9223372036854775808", "0.0000000000000000001"}) {
            assertThatThrownBy(() -> Decimals.parse(bad, s)).as(bad).isInstanceOf(NumberFormatException.class);
        }
    }

    @Test
    void clearErrors() {
        Capture c = new Capture();
        assertThatThrownBy(() -> parser.parse("{\"e\":\"depthUpdate\",\"s\":\"X\"", c))
                .isInstanceOf(MarketMessageFormatException.class).hasMessageContaining("not valid JSON")
                .hasMessageContaining("{\"e\":\"depthUpdate\"");
        assertThatThrownBy(() -> parser.parse("{\"e\":\"depthUpdate\",\"s\":\"X\",\"U\":1,\"b\":[],\"a\":[]}", c))
                .isInstanceOf(MarketMessageFormatException.class).hasMessageStartingWith("depthUpdate needs s, U, u, b and a");
        assertThatThrownBy(() -> parser.parse("{\"e\":\"depthUpdate\",\"s\":\"X\",\"U\":1,\"u\":2,\"b\":[[\"1.x\",\"2\"]],\"a\":[]}", c))
                .isInstanceOf(MarketMessageFormatException.class).hasMessageContaining("not a decimal: '1.x'");
        assertThat(parser.parse("{\"result\":null,\"id\":1}", c)).isEqualTo(MessageType.OTHER);
        assertThat(c.depth).isEmpty();
    }
}
