package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mapping tests on every user-data and order-response fixture in shared/data/binance/fixtures/nautilus_trader
 * (python-tests/ws_messages, python-tests/http_responses, rust-crate/*): each mapped field is compared with the value
 * in the file, and selected files are checked against literal values read from them.
 */
class BinanceUserDataMappingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final UserDataParser parser = new UserDataParser();

    private static Path fixtures() {
        return SharedData.binance().resolve("fixtures/nautilus_trader");
    }

    private static String read(String rel) throws IOException {
        return Files.readString(fixtures().resolve(rel));
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Every fixture whose event type ('e') is a user-data event, by relative path. */
    private static Map<String, JsonNode> userDataFixtures() throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(fixtures())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode root = JSON.readTree(p.toFile());
                JsonNode e = UserDataParser.unwrap(root);
                String type = e.path("e").asText("");
                if (List.of("executionReport", "ORDER_TRADE_UPDATE", "outboundAccountPosition", "balanceUpdate",
                        "listStatus", "ACCOUNT_UPDATE", "MARGIN_CALL", "TRADE_LITE", "ALGO_UPDATE").contains(type)) {
                    out.put(fixtures().relativize(p).toString(), root);
                }
            }
        }
        return out;
    }

    @Test
    void everyUserDataFixtureMapsFieldByField() throws IOException {
        Map<String, JsonNode> all = userDataFixtures();
        assertThat(all).as("user-data fixtures").hasSize(59);
        int orders = 0;
        int fills = 0;
        for (var entry : all.entrySet()) {
            String file = entry.getKey();
            JsonNode e = UserDataParser.unwrap(entry.getValue());
            Market market = file.contains("futures") ? Market.USDM_FUTURES : Market.SPOT;
            UserDataEvent ev = parser.parse(market, entry.getValue());
            assertThat(ev.eventType()).as(file).isEqualTo(e.path("e").asText());
            assertThat(ev.eventTime()).as(file).isEqualTo(e.path("E").asLong());
            if (ev instanceof UserDataEvent.OrderUpdate u) {
                orders++;
                JsonNode o = market == Market.SPOT ? e : e.path("o");
                assertThat(u.orderId()).as(file).isEqualTo(o.path("i").asLong());
                assertThat(u.executionType()).as(file).isEqualTo(o.path("x").asText());
                assertThat(u.venueStatus()).as(file).isEqualTo(o.path("X").asText());
                assertThat(u.venueType()).as(file).isEqualTo(o.path("o").asText());
                assertThat(u.transactionTime()).as(file).isEqualTo(market == Market.SPOT ? e.path("T").asLong()
                        : e.path("T").asLong());
                String expectedId = !o.path("C").asText("").isEmpty() && market == Market.SPOT ? o.path("C").asText()
                        : o.path("c").asText();
                assertThat(u.clientOrderId()).as(file).isEqualTo(expectedId);
                BigDecimal q = d(o.path("q").asText());
                if (q.signum() == 0) {
                    assertThat(u.order()).as(file).isNull();
                    assertThat(u.note()).as(file).contains("quantity 0.000");
                } else {
                    Order ord = u.order();
                    assertThat(ord.symbol()).as(file).isEqualTo(o.path("s").asText());
                    assertThat(ord.side()).as(file).isEqualTo(Side.valueOf(o.path("S").asText()));
                    assertThat(ord.quantity()).as(file).isEqualByComparingTo(q);
                    assertThat(ord.filledQuantity()).as(file).isEqualByComparingTo(o.path("z").asText());
                    assertThat(ord.updatedTime()).as(file).isEqualTo(o.path("T").asLong());
                    assertThat(ord.clientOrderId()).as(file).isEqualTo(expectedId);
                    if (ord.type() == OrderType.LIMIT) {
                        assertThat(ord.price()).as(file).isEqualByComparingTo(o.path("p").asText());
                    }
                }
                JsonNode l = o.get("l");
                JsonNode lp = o.get("L");
                boolean expectFill = List.of("TRADE", "CALCULATED").contains(o.path("x").asText())
                        && d(l.asText()).signum() > 0 && d(lp.asText()).signum() > 0;
                assertThat(u.fill() != null).as(file + " fill").isEqualTo(expectFill);
                if (u.fill() != null) {
                    fills++;
                    Fill f = u.fill();
                    assertThat(f.quantity()).as(file).isEqualByComparingTo(l.asText());
                    assertThat(f.price()).as(file).isEqualByComparingTo(lp.asText());
                    assertThat(f.tradeId()).as(file).isEqualTo(o.path("t").asLong());
                    assertThat(f.liquiditySide()).as(file)
                            .isEqualTo(o.path("m").asBoolean() ? LiquiditySide.MAKER : LiquiditySide.TAKER);
                    if (o.hasNonNull("n")) assertThat(f.commission()).as(file).isEqualByComparingTo(o.path("n").asText());
                    assertThat(f.commissionAsset()).as(file).isEqualTo(o.path("N").isNull() ? "" : o.path("N").asText(""));
                    assertThat(f.realizedPnl()).isZero();
                }
            }
        }
        assertThat(orders).isEqualTo(44);
        assertThat(fills).isEqualTo(18);
    }

    @Test
    void spotExecutionReportsWithValuesFromTheFiles() throws IOException {
        var trade = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_trade.json"));
        assertThat(trade.order()).isEqualTo(new Order("O-12345-test-trade", "ETHUSDT", Side.BUY, OrderType.LIMIT,
                TimeInForce.GTC, d("1.00000000"), d("2500.00000000"), OrderStatus.PARTIALLY_FILLED, d("0.50000000"),
                d("2499.5"), trade.order().createdTime(), 1759347763167L, null, null));
        assertThat(trade.fill()).isEqualTo(new Fill(98765432L, "O-12345-test-trade", "ETHUSDT", Side.BUY,
                d("0.50000000"), d("2499.50000000"), d("0.00050000"), "ETH", LiquiditySide.MAKER, 1759347763167L,
                BigDecimal.ZERO));

        var rust = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/execution_report_trade.json"));
        assertThat(rust.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(rust.order().averagePrice()).isEqualByComparingTo("2500");
        assertThat(rust.order().createdTime()).isEqualTo(1709654400000L);
        assertThat(rust.fill().commission()).isEqualByComparingTo("0.001");

        var rejected = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_rejected.json"));
        assertThat(rejected.order().status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(rejected.order().rejectReason()).isEqualTo("GTX_ORDER_REJECT");

        var pending = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_pending_cancel.json"));
        assertThat(pending.venueStatus()).isEqualTo("PENDING_CANCEL");
        assertThat(pending.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED); // z = 0.1 filled, still open

        var stp = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_trade_prevention.json"));
        assertThat(stp.order().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(stp.fill()).as("prevented quantity is not a fill").isNull();

        var lZero = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_trade_l_zero.json"));
        assertThat(lZero.fill()).isNull();
        assertThat(lZero.note()).isEqualTo("x=TRADE with last quantity 0.00100000 and last price 0.00000000: no fill emitted");

        var empty = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("python-tests/ws_messages/ws_spot_execution_report_empty_client_id.json"));
        assertThat(empty.clientOrderId()).isEmpty();

        var stop = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/execution_report_stop_loss.json"));
        assertThat(stop.venueType()).isEqualTo("STOP_LOSS_LIMIT");
        assertThat(stop.order().type()).isEqualTo(OrderType.LIMIT);
        assertThat(stop.order().price()).isEqualByComparingTo("2400");

        var wrapped = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/execution_report_wrapped.json"));
        assertThat(wrapped.order().symbol()).isEqualTo("ETHBTC");
        assertThat(wrapped.order().price()).isEqualByComparingTo("0.10264410");
        assertThat(wrapped.orderId()).isEqualTo(4293153L);
    }

    @Test
    void futuresOrderUpdatesWithValuesFromTheFiles() throws IOException {
        var trade = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/order_update_trade.json"));
        assertThat(trade.order().averagePrice()).isEqualByComparingTo("7100.50");
        assertThat(trade.venueRealizedPnl()).isEqualByComparingTo("12.34");
        assertThat(trade.positionSide()).isEqualTo("LONG");
        assertThat(trade.fill()).isEqualTo(new Fill(12345678L, "TEST", "BTCUSDT", Side.BUY, d("0.001"), d("7100.50"),
                d("0.01000000"), "USDT", LiquiditySide.MAKER, 1568879465651L, BigDecimal.ZERO));

        var liq = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("python-tests/ws_messages/ws_futures_order_update_liquidation.json"));
        assertThat(liq.executionType()).isEqualTo("CALCULATED");
        assertThat(liq.order().type()).isEqualTo(OrderType.MARKET);
        assertThat(liq.fill().price()).isEqualByComparingTo("50000");
        assertThat(liq.fill().commission()).isEqualByComparingTo("5");

        var zero = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("python-tests/ws_messages/ws_futures_order_update_liquidation_zero_qty.json"));
        assertThat(zero.order()).isNull();
        assertThat(zero.fill()).isNull();
        assertThat(zero.note()).startsWith("Binance reported quantity 0.000 (FILLED, x=CALCULATED)");

        var adl = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/order_update_adl.json"));
        assertThat(adl.venueStatus()).isEqualTo("NEW_ADL");
        assertThat(adl.order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);

        var trailing = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/order_update_new.json"));
        assertThat(trailing.venueType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(trailing.order().type()).isEqualTo(OrderType.MARKET);
        assertThat(trailing.order().timeInForce()).isNull();

        var gtx = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES,
                read("python-tests/ws_messages/ws_futures_order_update_new_stop_limit_price_match.json"));
        assertThat(gtx.venueType()).isEqualTo("STOP");
        assertThat(gtx.order().price()).isEqualByComparingTo("2405.75");
    }

    @Test
    void accountBalanceListAndLiteEvents() throws IOException {
        var pos = (UserDataEvent.AccountPosition) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/account_position.json"));
        assertThat(pos.lastUpdateTime()).isEqualTo(1709654400000L);
        assertThat(pos.balances()).containsExactly(new UserDataEvent.Balance("USDT", d("10000.00000000"),
                d("2500.00000000")), new UserDataEvent.Balance("ETH", d("5.00000000"), d("0.00000000")));
        var wrappedPos = (UserDataEvent.AccountPosition) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/account_position_wrapped.json"));
        assertThat(wrappedPos.balances()).containsExactly(new UserDataEvent.Balance("ETH", d("10000.000000"),
                d("0.000000")));

        assertThat(parser.parse(Market.SPOT, read("rust-crate/spot/user_data_json/balance_update.json")))
                .isEqualTo(new UserDataEvent.BalanceUpdate(1709654400000L, "BTC", d("0.00100000"), 1709654400000L));
        assertThat(parser.parse(Market.SPOT, read("rust-crate/spot/user_data_json/balance_update_wrapped.json")))
                .isEqualTo(new UserDataEvent.BalanceUpdate(1573200697110L, "BTC", d("100.00000000"), 1573200697068L));

        var list = (UserDataEvent.ListStatus) parser.parse(Market.SPOT,
                read("rust-crate/spot/user_data_json/list_status_wrapped.json"));
        assertThat(list.orderListId()).isEqualTo(2);
        assertThat(list.contingencyType()).isEqualTo("OCO");
        assertThat(list.listStatusType()).isEqualTo("EXEC_STARTED");
        assertThat(list.listOrderStatus()).isEqualTo("EXECUTING");
        assertThat(list.orders()).containsExactly(new UserDataEvent.ListOrder("ETHBTC", 17, "AJYsMjErWJesZvqlJCTUgL"),
                new UserDataEvent.ListOrder("ETHBTC", 18, "bfYPSQdLoqAJeNrOr9adzq"));

        var acc = (UserDataEvent.FuturesAccountUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/account_update.json"));
        assertThat(acc.reason()).isEqualTo("ORDER");
        assertThat(acc.balances()).containsExactly(new UserDataEvent.FuturesBalance("USDT", d("122624.12345678"),
                d("100.12345678"), d("50.12345678")));
        assertThat(acc.positions()).hasSize(3);
        assertThat(acc.positions().get(2)).isEqualTo(new UserDataEvent.FuturesPosition("BTCUSDT", d("-10"),
                d("6563.8"), d("6563.861"), d("-45.04000000"), d("-1423.15600"), "isolated", d("6570.42511771"),
                "SHORT"));
        var bnfcr = (UserDataEvent.FuturesAccountUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/account_update_bnfcr.json"));
        assertThat(bnfcr.balances().getFirst().asset()).isEqualTo("BNFCR");
        assertThat(bnfcr.positions()).isEmpty();

        assertThat(parser.parse(Market.USDM_FUTURES, read("rust-crate/futures/user_data_json/trade_lite.json")))
                .isEqualTo(new UserDataEvent.TradeLite(1568879465651L, 1568879465651L, "BTCUSDT", "TEST", Side.BUY,
                        d("0.001"), d("7100.50"), 8886774L, d("0.001"), d("7100.50"), 12345678L, true));
        // ALGO_UPDATE (conditional orders of the Algo Service), field by field from the docs-derived fixture
        assertThat(parser.parse(Market.USDM_FUTURES, read("rust-crate/futures/user_data_json/algo_update_new.json")))
                .isEqualTo(new UserDataEvent.AlgoUpdate(1750515742303L, 1750515742297L, "Q5xaq5EGKgXXa0fD7fs0Ip",
                        2148719L, "TAKE_PROFIT", "BNBUSDT", Side.SELL, "BOTH", "GTC", d("0.01"), "NEW", null, null,
                        d("0.00000"), d("750"), d("750"), false, false, 0L, "Reduce Only reject"));
        assertThat(((UserDataEvent.AlgoUpdate) parser.parse(Market.USDM_FUTURES,
                read("rust-crate/futures/user_data_json/algo_update_canceled.json"))).algoStatus()).isEqualTo("CANCELED");
    }

    /** No MARGIN_CALL fixture exists; this body is synthetic, in the shape of the USDⓈ-M docs example. */
    @Test
    void marginCallSyntheticDocsShape() {
        var mc = (UserDataEvent.MarginCall) parser.parse(Market.USDM_FUTURES, """
                {"e":"MARGIN_CALL","E":1000,"cw":"3.5","p":[{"s":"ETHUSDT","ps":"LONG","pa":"1.5","mt":"CROSSED",
                 "iw":"0","mp":"200.5","up":"-1.25","mm":"1.75"}]}""");
        assertThat(mc.crossWalletBalance()).isEqualByComparingTo("3.5");
        assertThat(mc.positions()).containsExactly(new UserDataEvent.MarginCallPosition("ETHUSDT", "LONG", d("1.5"),
                "CROSSED", d("0"), d("200.5"), d("-1.25"), d("1.75")));
        assertThatThrownBy(() -> parser.parse(Market.SPOT, "{\"E\":1}")).hasMessageContaining("without event type");
        assertThatThrownBy(() -> parser.parse(Market.SPOT, "{nope")).hasMessageStartingWith("malformed Binance JSON");
    }

    @Test
    void restOrderResponses() throws IOException {
        var full = parser.spotOrderResponse(read("rust-crate/spot/http_json/new_order_full_response.json"));
        assertThat(full.orderId()).isEqualTo(28);
        assertThat(full.order()).isEqualTo(new Order("6gCrw2kRUAF9CvJDGP16IP", "BTCUSDT", Side.SELL, OrderType.MARKET,
                null, d("10.00000000"), null, OrderStatus.FILLED, d("10.00000000"), d("1"), 1507725176595L,
                1507725176595L, null, null));
        assertThat(full.fills()).hasSize(5);
        assertThat(full.fills().getFirst()).isEqualTo(new Fill(56, "6gCrw2kRUAF9CvJDGP16IP", "BTCUSDT", Side.SELL,
                d("1.00000000"), d("4000.00000000"), d("4.00000000"), "USDT", LiquiditySide.TAKER, 1507725176595L,
                BigDecimal.ZERO));
        assertThat(full.fills().stream().map(Fill::quantity).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("10");
        assertThat(full.fills().getLast().tradeId()).isEqualTo(60);

        var limit = parser.spotOrderResponse(read("rust-crate/spot/http_json/order_response.json"));
        assertThat(limit.order().price()).isEqualByComparingTo("0.1");
        assertThat(limit.order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(limit.order().clientOrderId()).isEqualTo("myOrder1");
        assertThat(limit.time()).isEqualTo(1499827319559L);

        var cancel = parser.spotOrderResponse(read("rust-crate/spot/http_json/cancel_order_response.json"));
        assertThat(cancel.order().clientOrderId()).as("original id, not the cancel's").isEqualTo("myOrder1");
        assertThat(cancel.order().status()).isEqualTo(OrderStatus.CANCELED);

        List<UserDataParser.OrderResponse> listed = new ArrayList<>();
        for (String f : List.of("open_orders_response.json", "all_orders_response.json", "cancel_open_orders_response.json")) {
            for (JsonNode o : JSON.readTree(read("rust-crate/spot/http_json/" + f))) {
                if (o.has("side")) listed.add(parser.spotOrderResponse(o));
            }
        }
        assertThat(listed).extracting(r -> r.order().symbol()).contains("LTCBTC", "BTCUSDT");
        assertThat(listed).allSatisfy(r -> assertThat(r.order()).isNotNull());

        var fut = parser.futuresOrderResponse(read("rust-crate/futures/http_json/order_response.json"));
        assertThat(fut.order()).isEqualTo(new Order("testOrder123", "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTC,
                d("0.001"), d("50000.00"), OrderStatus.NEW, d("0.000"), null, 1625474304765L, 1625474304765L, null,
                null));
        var futOrders = JSON.readTree(read("python-tests/http_responses/http_futures_account_orders.json"));
        var trailing = parser.futuresOrderResponse(futOrders.get(0).toString());
        assertThat(trailing.venueType()).isEqualTo("TRAILING_STOP_MARKET");
        assertThat(trailing.order().quantity()).isEqualByComparingTo("0.40");
        assertThat(trailing.order().type()).isEqualTo(OrderType.MARKET);
    }
}
