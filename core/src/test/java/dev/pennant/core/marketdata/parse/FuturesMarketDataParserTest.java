package dev.pennant.core.marketdata.parse;

import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MarketMessageParser} on USDⓈ-M {@code markPriceUpdate} frames: the real fixture
 * {@code rust-crate/futures/market_data_json/mark_price_stream.json} raw, in the combined-stream wrapper, and as
 * {@code !markPrice@arr} arrays (raw and combined).
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FuturesMarketDataParserTest {

    private final MarketMessageParser parser = new MarketMessageParser();

    private static String fixture(String relative) throws IOException {
        return Files.readString(SharedData.file("fixtures/nautilus_trader/" + relative));
    }

    private static String markPriceFixture() throws IOException {
        return fixture("rust-crate/futures/market_data_json/mark_price_stream.json");
    }

    /** Copies every mark price the handler sees, and the view instances it was handed. */
    private static final class Capture implements MarketMessageHandler {
        final List<String> seen = new ArrayList<>();
        final List<MarkPriceUpdate> views = new ArrayList<>();

        @Override
        public void onMarkPrice(MarkPriceUpdate m) {
            views.add(m);
            seen.add(m.symbol() + " p=" + m.markPrice() + " i=" + (m.hasIndexPrice() ? m.indexPrice() : "-")
                    + " P=" + (m.hasEstimatedSettlePrice() ? m.estimatedSettlePrice() : "-")
                    + " r=" + (m.hasFundingRate() ? m.fundingRate() : "-") + " T=" + m.nextFundingTime()
                    + " E=" + m.eventTime());
        }

        @Override
        public void onAggTrade(AggTradeUpdate trade) {
            throw new AssertionError("a mark price is not an aggTrade");
        }
    }

    private static final String FIXTURE_LINE =
            "BTCUSDT p=11794.15 i=11784.62659091 P=11784.25641265 r=0.00038167 T=1562306400000 E=1562305380000";

    @Test
    void singleMarkPriceRawAndCombined() throws IOException {
        Capture c = new Capture();
        assertThat(parser.parse(markPriceFixture(), c)).isEqualTo(MessageType.MARK_PRICE);
        assertThat(c.seen).containsExactly(FIXTURE_LINE);
        MarkPriceUpdate m = c.views.getFirst();
        assertThat(m.markPrice().mantissa()).isEqualTo(1179415L);
        assertThat(m.markPrice().scale()).isEqualTo(2);
        assertThat(m.fundingRate().toBigDecimal()).isEqualByComparingTo(new BigDecimal("0.00038167"));

        String combined = "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":" + markPriceFixture() + "}";
        assertThat(parser.parse(combined, c)).isEqualTo(MessageType.MARK_PRICE);
        byte[] utf8 = combined.getBytes(StandardCharsets.UTF_8);
        assertThat(parser.parse(utf8, 0, utf8.length, c)).isEqualTo(MessageType.MARK_PRICE);
        assertThat(c.seen).containsExactly(FIXTURE_LINE, FIXTURE_LINE, FIXTURE_LINE);
        assertThat(c.views).allMatch(v -> v == m); // one reused view, no per-frame objects
    }

    @Test
    void allMarketArrayDeliversEveryElement() throws IOException {
        String eth = "{\"e\":\"markPriceUpdate\",\"E\":1562305380001,\"s\":\"ETHUSDT_250926\",\"p\":\"2500.10\","
                + "\"i\":\"2499.9\",\"P\":\"\",\"r\":\"\",\"T\":0}";
        String arr = "[" + markPriceFixture() + "," + eth + "]";
        Capture c = new Capture();
        assertThat(parser.parse(arr, c)).isEqualTo(MessageType.MARK_PRICE);
        assertThat(parser.parse("{\"stream\":\"!markPrice@arr@1s\",\"data\":" + arr + "}", c))
                .isEqualTo(MessageType.MARK_PRICE);
        String ethLine = "ETHUSDT_250926 p=2500.1 i=2499.9 P=- r=- T=0 E=1562305380001";
        assertThat(c.seen).containsExactly(FIXTURE_LINE, ethLine, FIXTURE_LINE, ethLine);
    }

    @Test
    void otherArraysAndEventsAreNotMarkPrices() throws IOException {
        Capture c = new Capture();
        String ticker = fixture("python-tests/ws_messages/ws_futures_ticker_24hr.json");
        assertThat(parser.parse("{\"stream\":\"!ticker@arr\",\"data\":[" + ticker + "," + ticker + "]}", c))
                .isEqualTo(MessageType.OTHER);
        assertThat(parser.parse("[]", c)).isEqualTo(MessageType.OTHER);
        // a single 24hrTicker (its "l" is the low price, a string) is not an aggTrade and must not throw
        assertThat(parser.parse(ticker, c)).isEqualTo(MessageType.OTHER);
        assertThat(parser.parse(fixture("python-tests/ws_messages/ws_spot_ticker_24hr.json"), c)).isEqualTo(MessageType.OTHER);
        assertThat(parser.parse(fixture("python-tests/ws_messages/ws_futures_book_ticker.json"), c))
                .isEqualTo(MessageType.BOOK_TICKER);
        assertThat(c.seen).isEmpty();
    }

    @Test
    void markPriceWithoutPriceIsAFormatError() {
        assertThatThrownBy(() -> parser.parse("{\"e\":\"markPriceUpdate\",\"E\":1,\"s\":\"BTCUSDT\"}", new Capture()))
                .isInstanceOf(MarketMessageFormatException.class).hasMessageContaining("markPriceUpdate needs s and p");
        assertThatThrownBy(() -> parser.parse("[1,2]", new Capture()))
                .isInstanceOf(MarketMessageFormatException.class);
    }
}
