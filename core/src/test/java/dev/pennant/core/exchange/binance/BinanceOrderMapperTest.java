package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.execution.FillReport;
import dev.pennant.core.execution.OrderStatusReport;
import dev.pennant.core.execution.PositionReport;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Pennant orders → Binance parameters for every order type of both markets (Binance spot "New order (TRADE)", USDⓈ-M
 * "New Order" and the Algo Service "New Algo Order"), cancel/query/modify requests, and the parsing of Binance answers
 * (docs-example fixtures of {@code shared/data/binance/fixtures/nautilus_trader}).
 */
class BinanceOrderMapperTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static Order order(String id, Side side, OrderType type, TimeInForce tif, String qty, String price,
                               OrderOptions opts) {
        return new Order(id, "BTCUSDT", side, type, tif, d(qty), price == null ? null : d(price), OrderStatus.NEW,
                BigDecimal.ZERO, null, 1_000, 1_000, null, null, opts, false, null);
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void selfTradePreventionModeIsSentAsBinancesParameterOnlyWhenSet() {
        for (dev.pennant.core.model.StpMode m : dev.pennant.core.model.StpMode.values()) {
            var spot = BinanceOrderMapper.newOrder(order("pn-s", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.001",
                    "48000.10", OrderOptions.SPOT.withSelfTradePreventionMode(m)));
            assertThat(spot.path()).isEqualTo("/api/v3/order");
            assertThat(spot.params()).containsEntry("selfTradePreventionMode", m.name());
            var fut = BinanceOrderMapper.newOrder(order("pn-f", Side.SELL, OrderType.MARKET, null, "0.001", null,
                    OrderOptions.FUTURES.withSelfTradePreventionMode(m)));
            assertThat(fut.path()).isEqualTo("/fapi/v1/order");
            assertThat(fut.params()).containsEntry("selfTradePreventionMode", m.name());
        }
        var algo = BinanceOrderMapper.newOrder(order("pn-a", Side.SELL, OrderType.STOP_MARKET, null, "0.001", null,
                OrderOptions.FUTURES.withStopPrice(d("40000")).withSelfTradePreventionMode(
                        dev.pennant.core.model.StpMode.EXPIRE_TAKER)));
        assertThat(algo.path()).isEqualTo("/fapi/v1/algoOrder");
        assertThat(algo.params()).containsEntry("selfTradePreventionMode", "EXPIRE_TAKER");
        var unset = BinanceOrderMapper.newOrder(order("pn-u", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.001",
                "48000.10", OrderOptions.SPOT));
        assertThat(unset.params()).doesNotContainKey("selfTradePreventionMode");
        // the withers keep the mode
        OrderOptions o = OrderOptions.FUTURES.withSelfTradePreventionMode(dev.pennant.core.model.StpMode.EXPIRE_BOTH)
                .withReduceOnly(true).withStrategyId("s").withGoodTillDate(5).withContingency("l", "p");
        assertThat(o.selfTradePreventionMode()).isEqualTo(dev.pennant.core.model.StpMode.EXPIRE_BOTH);
    }

    @Test
    void spotEveryType() {
        OrderOptions spot = OrderOptions.SPOT;
        var r = BinanceOrderMapper.newOrder(order("pn-1", Side.BUY, OrderType.LIMIT, TimeInForce.IOC, "0.00100",
                "48000.10", spot));
        assertThat(r.method() + " " + r.path()).isEqualTo("POST /api/v3/order");
        assertThat(r.params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "timeInForce", "IOC", "quantity", "0.001", "price", "48000.1", "newClientOrderId", "pn-1",
                "newOrderRespType", "FULL"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-2", Side.SELL, OrderType.MARKET, null, "0.5", null, spot))
                .params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET",
                "quantity", "0.5", "newClientOrderId", "pn-2", "newOrderRespType", "FULL"));
        // MARKET by quote amount: quantity 0 until it fills, quoteOrderQty sent instead
        assertThat(BinanceOrderMapper.newOrder(order("pn-3", Side.BUY, OrderType.MARKET, null, "0", null,
                spot.withQuoteOrderQty(d("250.00")))).params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT",
                "side", "BUY", "type", "MARKET", "quoteOrderQty", "250", "newClientOrderId", "pn-3",
                "newOrderRespType", "FULL"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-4", Side.BUY, OrderType.LIMIT_MAKER, null, "1", "47000",
                spot)).params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "BUY", "type",
                "LIMIT_MAKER", "quantity", "1", "price", "47000", "newClientOrderId", "pn-4", "newOrderRespType", "FULL"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-5", Side.SELL, OrderType.STOP_LOSS, null, "1", null,
                spot.withStopPrice(d("45000")))).params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side",
                "SELL", "type", "STOP_LOSS", "quantity", "1", "stopPrice", "45000", "newClientOrderId", "pn-5",
                "newOrderRespType", "FULL"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-6", Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC,
                "1", "44900", spot.withStopPrice(d("45000")))).params()).containsExactlyEntriesOf(map("symbol",
                "BTCUSDT", "side", "SELL", "type", "STOP_LOSS_LIMIT", "timeInForce", "GTC", "quantity", "1", "price",
                "44900", "stopPrice", "45000", "newClientOrderId", "pn-6", "newOrderRespType", "FULL"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-7", Side.SELL, OrderType.TAKE_PROFIT, null, "1", null,
                spot.withStopPrice(d("52000")))).params()).containsEntry("stopPrice", "52000")
                .doesNotContainKey("price").doesNotContainKey("timeInForce");
        // trailing: callbackRate 1.5 % = 150 BIPS trailingDelta (Binance spot "Trailing Stop FAQ": 100 = 1 %), with
        // stopPrice as its activation price (Pennant's Order needs the stopPrice of a spot conditional order)
        assertThat(BinanceOrderMapper.newOrder(order("pn-8", Side.SELL, OrderType.TAKE_PROFIT_LIMIT, TimeInForce.GTC,
                "1", "51900", spot.withStopPrice(d("52000")).withTrailing(d("1.5"), null))).params())
                .containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "SELL", "type", "TAKE_PROFIT_LIMIT",
                        "timeInForce", "GTC", "quantity", "1", "price", "51900", "stopPrice", "52000",
                        "trailingDelta", "150", "newClientOrderId", "pn-8", "newOrderRespType", "FULL"));
    }

    @Test
    void futuresPlainAndAlgoTypes() {
        OrderOptions fut = OrderOptions.FUTURES;
        var limit = BinanceOrderMapper.newOrder(order("pn-1", Side.SELL, OrderType.LIMIT, TimeInForce.GTD, "0.010",
                "61000.0", fut.withGoodTillDate(1_900_000_000_000L)));
        assertThat(limit.method() + " " + limit.path()).isEqualTo("POST /fapi/v1/order");
        assertThat(limit.params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "SELL", "positionSide",
                "BOTH", "type", "LIMIT", "timeInForce", "GTD", "goodTillDate", "1900000000000", "quantity", "0.01",
                "price", "61000", "newClientOrderId", "pn-1", "newOrderRespType", "RESULT"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-2", Side.SELL, OrderType.MARKET, null, "0.01", null,
                fut.withReduceOnly(true))).params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "SELL",
                "positionSide", "BOTH", "type", "MARKET", "quantity", "0.01", "reduceOnly", "true",
                "newClientOrderId", "pn-2", "newOrderRespType", "RESULT"));
        // hedge mode: positionSide LONG, no reduceOnly
        assertThat(BinanceOrderMapper.newOrder(order("pn-3", Side.BUY, OrderType.MARKET, null, "0.01", null,
                fut.withPositionSide(PositionSide.LONG))).params()).containsEntry("positionSide", "LONG");

        var stop = BinanceOrderMapper.newOrder(order("pn-4", Side.SELL, OrderType.STOP_MARKET, null, "0", null,
                fut.withStopPrice(d("58000.0")).withClosePosition(true).withWorkingType(WorkingType.MARK_PRICE)));
        assertThat(stop.method() + " " + stop.path()).isEqualTo("POST /fapi/v1/algoOrder");
        assertThat(stop.params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "SELL", "positionSide",
                "BOTH", "algoType", "CONDITIONAL", "type", "STOP_MARKET", "closePosition", "true", "triggerPrice",
                "58000", "workingType", "MARK_PRICE", "clientAlgoId", "pn-4"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-5", Side.BUY, OrderType.STOP, TimeInForce.GTC, "0.02",
                "62100", fut.withStopPrice(d("62000")))).params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT",
                "side", "BUY", "positionSide", "BOTH", "algoType", "CONDITIONAL", "type", "STOP", "timeInForce", "GTC",
                "quantity", "0.02", "price", "62100", "triggerPrice", "62000", "workingType", "CONTRACT_PRICE",
                "clientAlgoId", "pn-5"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-6", Side.SELL, OrderType.TAKE_PROFIT, TimeInForce.GTC, "0.02",
                "63900", fut.withStopPrice(d("64000")))).params()).containsEntry("type", "TAKE_PROFIT")
                .containsEntry("price", "63900").containsEntry("triggerPrice", "64000");
        assertThat(BinanceOrderMapper.newOrder(order("pn-7", Side.SELL, OrderType.TAKE_PROFIT_MARKET, null, "0.02",
                null, fut.withStopPrice(d("64000")).withReduceOnly(true))).params()).containsExactlyEntriesOf(map(
                "symbol", "BTCUSDT", "side", "SELL", "positionSide", "BOTH", "algoType", "CONDITIONAL", "type",
                "TAKE_PROFIT_MARKET", "quantity", "0.02", "triggerPrice", "64000", "workingType", "CONTRACT_PRICE",
                "reduceOnly", "true", "clientAlgoId", "pn-7"));
        assertThat(BinanceOrderMapper.newOrder(order("pn-8", Side.SELL, OrderType.TRAILING_STOP_MARKET, null, "0.02",
                null, fut.withTrailing(d("0.8"), d("65000")))).params()).containsExactlyEntriesOf(map("symbol",
                "BTCUSDT", "side", "SELL", "positionSide", "BOTH", "algoType", "CONDITIONAL", "type",
                "TRAILING_STOP_MARKET", "quantity", "0.02", "callbackRate", "0.8", "activatePrice", "65000",
                "workingType", "CONTRACT_PRICE", "clientAlgoId", "pn-8"));
    }

    @Test
    void refusesWhatBinanceWouldRefuseNamingTheField() {
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.BUY, OrderType.MARKET, null, "1", null,
                OrderOptions.FUTURES.withReduceOnly(true).withPositionSide(PositionSide.SHORT))))
                .hasMessageStartingWith("reduceOnly: cannot be sent in hedge mode");
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.SELL, OrderType.STOP_MARKET, null, "0",
                null, OrderOptions.FUTURES.withStopPrice(d("1")).withClosePosition(true).withReduceOnly(true))))
                .hasMessageStartingWith("reduceOnly: cannot be sent with closePosition");
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.BUY, OrderType.MARKET, null, "0", null,
                OrderOptions.FUTURES.withQuoteOrderQty(d("100"))))).hasMessageStartingWith("quoteOrderQty: ");
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.BUY, OrderType.MARKET, null, "1", null,
                OrderOptions.SPOT.withWorkingType(WorkingType.MARK_PRICE)))).hasMessageStartingWith("workingType: ");
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.BUY, OrderType.LIMIT, TimeInForce.GTD, "1",
                "1", OrderOptions.SPOT))).hasMessageStartingWith("timeInForce: GTD is USDⓈ-M only");
        assertThatThrownBy(() -> BinanceOrderMapper.newOrder(order("a", Side.BUY, OrderType.MARKET, null, "1", null,
                OrderOptions.SPOT.withPositionSide(PositionSide.LONG)))).hasMessageStartingWith("positionSide: ");
    }

    @Test
    void cancelQueryAndModifyRequests() {
        Order spot = order("pn-9", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.003", "40000", OrderOptions.SPOT)
                .withFill(d("0.001"), d("40000"), 2_000);
        var cancel = BinanceOrderMapper.cancel(spot);
        assertThat(cancel.method() + " " + cancel.path() + " " + cancel.params())
                .isEqualTo("DELETE /api/v3/order {symbol=BTCUSDT, origClientOrderId=pn-9}");
        Order algo = order("pn-10", Side.SELL, OrderType.STOP_MARKET, null, "0.01", null,
                OrderOptions.FUTURES.withStopPrice(d("50000")));
        assertThat(BinanceOrderMapper.cancel(algo).path()).isEqualTo("/fapi/v1/algoOrder");
        assertThat(BinanceOrderMapper.cancel(algo).params()).isEqualTo(Map.of("clientAlgoId", "pn-10"));
        assertThat(BinanceOrderMapper.query(Market.USDM_FUTURES, "BTCUSDT", "pn-11", null, false).params())
                .containsExactlyEntriesOf(map("symbol", "BTCUSDT", "origClientOrderId", "pn-11"));
        assertThat(BinanceOrderMapper.query(Market.SPOT, "BTCUSDT", null, "77", false).params())
                .containsExactlyEntriesOf(map("symbol", "BTCUSDT", "orderId", "77"));

        // spot cancel-replace: the new LIMIT is for what is left to fill (0.005 total − 0.001 filled), same id
        var replace = BinanceOrderMapper.modify(spot, d("0.005"), d("39990"));
        assertThat(replace.method() + " " + replace.path()).isEqualTo("POST /api/v3/order/cancelReplace");
        assertThat(replace.params()).containsExactlyEntriesOf(map("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT",
                "cancelReplaceMode", "STOP_ON_FAILURE", "timeInForce", "GTC", "quantity", "0.004", "price", "39990",
                "cancelOrigClientOrderId", "pn-9", "newClientOrderId", "pn-9", "newOrderRespType", "FULL"));
        // futures modify: PUT with the new total quantity and the price, both mandatory (the old price is kept)
        Order fut = order("pn-12", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, "0.02", "61000", OrderOptions.FUTURES);
        var put = BinanceOrderMapper.modify(fut, d("0.030"), null);
        assertThat(put.method() + " " + put.path() + " " + put.params())
                .isEqualTo("PUT /fapi/v1/order {symbol=BTCUSDT, side=SELL, origClientOrderId=pn-12, quantity=0.03, "
                        + "price=61000}");
        assertThatThrownBy(() -> BinanceOrderMapper.modify(spot, d("0.001"), null))
                .hasMessageStartingWith("quantity: 0.001 is not above the filled 0.001");
        assertThatThrownBy(() -> BinanceOrderMapper.modify(algo, d("1"), null)).hasMessageStartingWith("type: ");
    }

    private static JsonNode fixture(String rel) throws IOException {
        return JSON.readTree(Files.readString(SharedData.binance().resolve("fixtures/nautilus_trader/" + rel)));
    }

    @Test
    void parsesBinanceAnswers() throws IOException {
        // spot FULL answer (docs example): a SELL MARKET of 10 filled in 5 trades, fees in USDT
        JsonNode full = fixture("rust-crate/spot/http_json/new_order_full_response.json");
        OrderStatusReport r = BinanceOrderMapper.orderReport(Market.SPOT, full);
        assertThat(r.clientOrderId()).isEqualTo("6gCrw2kRUAF9CvJDGP16IP");
        assertThat(r.venueOrderId()).isEqualTo("28");
        assertThat(r.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.filledQuantity()).isEqualByComparingTo("10");
        List<FillReport> fills = BinanceOrderMapper.responseFills(r, full);
        assertThat(fills).extracting(FillReport::tradeId).containsExactly(56L, 57L, 58L, 59L, 60L);
        assertThat(fills.get(1).price()).isEqualByComparingTo("3999");
        assertThat(fills.get(1).commission()).isEqualByComparingTo("19.995");
        assertThat(fills.get(1).time()).isEqualTo(1507725176595L);
        assertThat(fills).allMatch(f -> f.liquiditySide() == LiquiditySide.TAKER && f.side() == Side.SELL);

        OrderStatusReport cancel = BinanceOrderMapper.orderReport(Market.SPOT,
                fixture("rust-crate/spot/http_json/cancel_order_response.json"));
        assertThat(cancel.clientOrderId()).as("origClientOrderId, not the cancel's id").isEqualTo("myOrder1");
        assertThat(cancel.status()).isEqualTo(OrderStatus.CANCELED);

        OrderStatusReport fut = BinanceOrderMapper.orderReport(Market.USDM_FUTURES,
                fixture("rust-crate/futures/http_json/order_response.json"));
        assertThat(fut.clientOrderId()).isEqualTo("testOrder123");
        assertThat(fut.price()).isEqualByComparingTo("50000");
        assertThat(fut.averagePrice()).isNull();
        assertThat(fut.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(fut.toOrder().type()).isEqualTo(OrderType.LIMIT);

        JsonNode algo = fixture("rust-crate/futures/http_json/open_algo_orders.json").get(0);
        OrderStatusReport a = BinanceOrderMapper.algoReport(algo);
        assertThat(a.clientOrderId()).isEqualTo("test-algo-order-1");
        assertThat(a.venueOrderId()).isEqualTo("123456789");
        assertThat(a.venueType()).isEqualTo("STOP_MARKET");
        assertThat(a.stopPrice()).isEqualByComparingTo("45000");
        assertThat(a.status()).isEqualTo(OrderStatus.NEW);
        Order ao = a.toOrder();
        assertThat(ao.type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(ao.stopPrice()).isEqualByComparingTo("45000");
        assertThat(BinanceOrderMapper.algoStatus("FINISHED", d("1"), d("1"))).isEqualTo(OrderStatus.FILLED);
        assertThat(BinanceOrderMapper.algoStatus("FINISHED", d("1"), d("0.4"))).isEqualTo(OrderStatus.CANCELED);
        assertThat(BinanceOrderMapper.algoStatus("TRIGGERED", d("1"), d("0.4"))).isEqualTo(OrderStatus.PARTIALLY_FILLED);

        // spot myTrades (docs example: fee in BNB) and USDⓈ-M userTrades
        FillReport spotTrade = BinanceOrderMapper.trades(Market.SPOT,
                fixture("rust-crate/spot/http_json/account_trades_response.json")).getFirst();
        assertThat(spotTrade).isEqualTo(new FillReport(Market.SPOT, "BNBBTC", null, "100234", 28457, Side.BUY,
                d("12.00000000"), d("4.00000100"), d("10.10000000"), "BNB", LiquiditySide.TAKER, PositionSide.BOTH,
                null, 1499865549590L));
        List<FillReport> userTrades = BinanceOrderMapper.trades(Market.USDM_FUTURES,
                fixture("python-tests/http_responses/http_futures_account_trades.json"));
        assertThat(userTrades.get(1).side()).isEqualTo(Side.BUY);
        assertThat(userTrades.get(1).venueRealizedPnl()).isEqualByComparingTo("-0.00325");
        assertThat(userTrades.get(1).commission()).isEqualByComparingTo("0.005558");

        List<PositionReport> pos = BinanceOrderMapper.positions(fixture("rust-crate/futures/http_json/account_info_v2.json"));
        assertThat(pos).containsExactly(new PositionReport(Market.USDM_FUTURES, "BTCUSDT", PositionSide.BOTH,
                d("0"), d("0.00000")));
    }
}
