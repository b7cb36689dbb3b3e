package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.execution.ExecutionEngine;
import dev.pennant.core.execution.ExecutionListener;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.http.HttpTimeoutException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceExecutionClient} against a scripted Binance (each REST answer written by hand in Binance's documented
 * shape) and stream events parsed by the real {@link UserDataParser}, with the real order manager and portfolio
 * behind it. REST "runs" on a queue the test pumps; every report must reach the engine only through the engine
 * executor (a second queue), never on the I/O side. Figures are worked out by hand in the comments.
 */
class BinanceExecutionClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long AUG_2024 = 1_722_470_400_000L;
    private static final Instrument SPOT = new RecordedExchangeInfo(SharedData.binance())
            .choose(Market.SPOT, "BTCUSDT", AUG_2024, AUG_2024).instrument();
    private static final Instrument FUT = new RecordedExchangeInfo(SharedData.binance())
            .choose(Market.USDM_FUTURES, "BTCUSDT", AUG_2024, AUG_2024).instrument();
    private static final BinanceErrorMapper ERRORS = new BinanceErrorMapper(() -> 0L);

    /** A request the client sent. */
    record Call(Market market, String method, String path, Map<String, String> params) {
        String route() {
            return method + " " + path;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Function<Call, String>>> script = new HashMap<>();
    private final Deque<Runnable> ioQueue = new ArrayDeque<>();
    private final Deque<Runnable> engineQueue = new ArrayDeque<>();
    private final List<OrderEvent> events = new ArrayList<>();
    private final List<String> wrongThread = new ArrayList<>();
    private final Map<String, BigDecimal> prices = new HashMap<>(Map.of("BTCUSDT", new BigDecimal("48000")));
    private boolean onEngine;
    private long now = 1_000;
    private Portfolio portfolio;
    private ExecutionEngine exec;
    private BinanceExecutionClient client;
    private final UserDataParser parser = new UserDataParser();

    private void setUp(Instrument instrument) {
        portfolio = new Portfolio("USDT", new BigDecimal("10000"));
        client = new BinanceExecutionClient("binance-test", this::answer, engineQueue::add, ioQueue::add,
                (m, s) -> m == instrument.market() && s.equals(instrument.symbol()) ? instrument : null, "USDT",
                () -> now, EnumSet.of(instrument.market()), new BinanceExecutionClient.Options(3, 3, 0, a -> null));
        exec = new ExecutionEngine(client, new RiskEngine(RiskLimits.defaults()), portfolio, new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent e) {
                if (!onEngine && !(e instanceof OrderEvent.OrderSubmitted)) wrongThread.add(e.toString());
                events.add(e);
            }
        }, () -> now, "t", s -> s.equals(instrument.symbol()) ? instrument : null, prices::get);
        if (instrument.market() == Market.USDM_FUTURES) portfolio.setLeverage("BTCUSDT", 10);
    }

    private String answer(Market m, String method, String path, Map<String, String> params) {
        Call c = new Call(m, method, path, Map.copyOf(params));
        calls.add(c);
        Deque<Function<Call, String>> q = script.get(c.route());
        if (q == null || q.isEmpty()) throw new AssertionError("unscripted call " + c);
        return q.poll().apply(c);
    }

    private void on(String route, Function<Call, String> answer) {
        script.computeIfAbsent(route, k -> new ArrayDeque<>()).add(answer);
    }

    /** Runs the I/O side, then the engine side, until nothing is left. */
    private void pump() {
        while (!ioQueue.isEmpty() || !engineQueue.isEmpty()) {
            while (!ioQueue.isEmpty()) ioQueue.poll().run();
            onEngine = true;
            try {
                while (!engineQueue.isEmpty()) engineQueue.poll().run();
            } finally {
                onEngine = false;
            }
        }
    }

    private List<String> kinds() {
        return events.stream().map(e -> e.getClass().getSimpleName()).toList();
    }

    private long count(String route) {
        return calls.stream().filter(c -> c.route().equals(route)).count();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private static RuntimeException timeout() {
        return new UncheckedIOException("POST /api/v3/order failed: HttpTimeoutException", new HttpTimeoutException(
                "request timed out"));
    }

    private static RuntimeException binance(int http, int code, String msg) {
        return ERRORS.map(http, "{\"code\":" + code + ",\"msg\":\"" + msg + "\"}", null);
    }

    /** A spot order answer (FULL when fills are given). */
    private static String spotOrder(String cid, long orderId, String side, String type, String qty, String price,
                                    String status, String executed, String cumQuote, String... fills) {
        ObjectNode n = JSON.createObjectNode().put("symbol", "BTCUSDT").put("orderId", orderId).put("orderListId", -1)
                .put("clientOrderId", cid).put("transactTime", 1_500).put("price", price).put("origQty", qty)
                .put("executedQty", executed).put("cummulativeQuoteQty", cumQuote).put("status", status)
                .put("timeInForce", "GTC").put("type", type).put("side", side).put("workingTime", 1_500);
        var arr = n.putArray("fills");
        for (int i = 0; i < fills.length; i += 5) {
            arr.addObject().put("price", fills[i]).put("qty", fills[i + 1]).put("commission", fills[i + 2])
                    .put("commissionAsset", fills[i + 3]).put("tradeId", Long.parseLong(fills[i + 4]));
        }
        return n.toString();
    }

    /** A spot executionReport. */
    private void spotEvent(String cid, long orderId, String side, String type, String qty, String price, String x,
                           String status, String lastQty, String lastPx, String cumQty, String commission,
                           String asset, long tradeId, boolean maker) {
        ObjectNode e = JSON.createObjectNode().put("e", "executionReport").put("E", 1_600).put("s", "BTCUSDT")
                .put("c", x.equals("CANCELED") ? "cancel-web" : cid).put("S", side).put("o", type).put("f", "GTC")
                .put("q", qty).put("p", price).put("P", "0").put("x", x).put("X", status).put("r", "NONE")
                .put("i", orderId).put("l", lastQty).put("z", cumQty).put("L", lastPx).put("n", commission)
                .put("N", asset).put("T", 1_600).put("t", tradeId).put("m", maker).put("O", 1_500)
                .put("Z", "0").put("C", x.equals("CANCELED") ? cid : "");
        client.onUserData(Market.SPOT, parser.parse(Market.SPOT, e.toString()));
    }

    /** A USDⓈ-M ORDER_TRADE_UPDATE. */
    private void futuresEvent(String cid, long orderId, String side, String type, String qty, String price, String x,
                              String status, String lastQty, String lastPx, String cumQty, String commission,
                              long tradeId) {
        ObjectNode e = JSON.createObjectNode().put("e", "ORDER_TRADE_UPDATE").put("E", 1_700).put("T", 1_700);
        e.putObject("o").put("s", "BTCUSDT").put("c", cid).put("S", side).put("o", type).put("f", "GTC")
                .put("q", qty).put("p", price).put("ap", "0").put("sp", "0").put("x", x).put("X", status)
                .put("i", orderId).put("l", lastQty).put("z", cumQty).put("L", lastPx).put("N", "USDT")
                .put("n", commission).put("T", 1_700).put("t", tradeId).put("m", false).put("R", false)
                .put("ps", "BOTH").put("rp", "0");
        client.onUserData(Market.USDM_FUTURES, parser.parse(Market.USDM_FUTURES, e.toString()));
    }

    private Order submit(OrderRequest r) {
        Order o = exec.execute(new TradingCommand.SubmitOrder(r));
        pump();
        return exec.order(o.clientOrderId());
    }

    // -------------------------------------------------------------------------------------------------- tests

    @Test
    void aSpotFillFromTheRestAnswerAndTheStreamIsBookedOnceWithTheFeeInKind() {
        setUp(SPOT);
        // Binance takes the BUY's fee in BTC: 0.1 % of 0.001 = 0.000001 BTC
        on("POST /api/v3/order", c -> spotOrder(c.params().get("newClientOrderId"), 5_000_001, "BUY", "MARKET", "0.001",
                "0", "FILLED", "0.001", "48.00012", "48000.12", "0.001", "0.000001", "BTC", "900001"));
        Order o = submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001")));
        assertThat(calls.getFirst().params()).containsEntry("newClientOrderId", "t-1").containsEntry("type", "MARKET")
                .containsEntry("quantity", "0.001");
        // the stream brings the same trade (t = 900001) again, twice
        spotEvent("t-1", 5_000_001, "BUY", "MARKET", "0.001", "0", "NEW", "NEW", "0", "0", "0", "0", "BTC", -1, false);
        spotEvent("t-1", 5_000_001, "BUY", "MARKET", "0.001", "0", "TRADE", "FILLED", "0.001", "48000.12", "0.001",
                "0.000001", "BTC", 900001, false);
        spotEvent("t-1", 5_000_001, "BUY", "MARKET", "0.001", "0", "TRADE", "FILLED", "0.001", "48000.12", "0.001",
                "0.000001", "BTC", 900001, false);
        pump();
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderFilled", "OrderFilled");
        OrderEvent.OrderFilled trade = (OrderEvent.OrderFilled) events.get(2);
        OrderEvent.OrderFilled inKind = (OrderEvent.OrderFilled) events.get(3);
        assertThat(trade.fill().tradeId()).isEqualTo(900001);
        assertThat(trade.lastQty()).isEqualByComparingTo("0.001");
        assertThat(trade.lastPx()).isEqualByComparingTo("48000.12");
        // 0.000001 BTC × 48,000.12 = 0.04800012 USDT
        assertThat(trade.commission()).isEqualByComparingTo("0.04800012");
        assertThat(trade.commissionAsset()).isEqualTo("USDT");
        assertThat(inKind.fill().tradeId()).isEqualTo(-900001);
        assertThat(inKind.fill().side()).isEqualTo(Side.SELL);
        assertThat(inKind.lastQty()).isEqualByComparingTo("0.000001");
        // the ledger moves as the Binance balances: BTC +0.000999, USDT −0.001 × 48,000.12 = −48.00012
        assertThat(portfolio.position("BTCUSDT").quantity()).isEqualByComparingTo("0.000999");
        assertThat(portfolio.cash()).isEqualByComparingTo("9951.99988");
        assertThat(portfolio.feesPaid()).isEqualByComparingTo("0.04800012");
        assertThat(exec.order(o.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(exec.order(o.clientOrderId()).venueOrderId()).isEqualTo("5000001");
        assertThat(client.bookedFills()).hasSize(2);
        assertThat(wrongThread).isEmpty();
    }

    @Test
    void aTimedOutPlacementIsLookedUpAndNeverSentTwice() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> {
            throw timeout();
        });
        // the order did arrive: GET order by origClientOrderId finds it, filled (a GET answer has no fills)
        on("GET /api/v3/order", c -> spotOrder(c.params().get("origClientOrderId"), 5_000_002, "BUY", "MARKET",
                "0.001", "0", "FILLED", "0.001", "48.00012"));
        Order o = submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001")));
        assertThat(count("POST /api/v3/order")).isEqualTo(1);
        assertThat(calls.get(1).params()).containsEntry("origClientOrderId", "t-1").containsEntry("symbol", "BTCUSDT");
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted");
        // the fill arrives by the stream and is booked
        spotEvent("t-1", 5_000_002, "BUY", "MARKET", "0.001", "0", "TRADE", "FILLED", "0.001", "48000", "0.001",
                "0.048", "USDT", 900002, false);
        pump();
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderFilled");
        assertThat(exec.order(o.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
        assertThat(client.inDoubt()).isEmpty();
        assertThat(wrongThread).isEmpty();
    }

    @Test
    void aTimedOutPlacementBinanceDoesNotKnowIsSentAgainUnderTheSameId() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> {
            throw timeout();
        });
        on("GET /api/v3/order", c -> {
            throw binance(400, -2013, "Order does not exist.");
        });
        on("POST /api/v3/order", c -> spotOrder(c.params().get("newClientOrderId"), 5_000_003, "BUY", "LIMIT", "0.001",
                "47000", "NEW", "0", "0"));
        Order o = submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), d("47000")));
        assertThat(calls).extracting(Call::route).containsExactly("POST /api/v3/order", "GET /api/v3/order",
                "POST /api/v3/order");
        assertThat(calls.get(2).params()).isEqualTo(calls.get(0).params());
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted");
        assertThat(exec.order(o.clientOrderId()).venueOrderId()).isEqualTo("5000003");
    }

    @Test
    void whenNobodyCanSayWhetherTheOrderExistsNothingMoreIsSent() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> {
            throw binance(500, -1007, "Timeout waiting for response from backend server. Send status unknown; "
                    + "execution status unknown.");
        });
        for (int i = 0; i < 3; i++) {
            on("GET /api/v3/order", c -> {
                throw new UncheckedIOException(new java.net.ConnectException("refused"));
            });
        }
        Order o = submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), d("47000")));
        assertThat(calls).extracting(Call::route).containsExactly("POST /api/v3/order", "GET /api/v3/order",
                "GET /api/v3/order", "GET /api/v3/order");
        assertThat(kinds()).containsExactly("OrderSubmitted");
        assertThat(exec.order(o.clientOrderId()).status()).isEqualTo(OrderStatus.NEW);
        assertThat(client.inDoubt()).containsExactly("t-1");
        // the stream settles it
        spotEvent("t-1", 5_000_004, "BUY", "LIMIT", "0.001", "47000", "NEW", "NEW", "0", "0", "0", "0", "", -1, false);
        pump();
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted");
        assertThat(client.inDoubt()).isEmpty();
    }

    @Test
    void anOrderTheStreamAlreadyReportedIsNeitherQueriedNorResent() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> {
            // the order reached Binance and its NEW event arrives while the HTTP answer is lost
            spotEvent("t-1", 5_000_005, "BUY", "LIMIT", "0.001", "47000", "NEW", "NEW", "0", "0", "0", "0", "", -1,
                    false);
            throw timeout();
        });
        submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), d("47000")));
        assertThat(calls).extracting(Call::route).containsExactly("POST /api/v3/order");
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted");
    }

    @Test
    void binanceErrorsBecomeRejectionsWithCodeAndMessage() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> {
            throw binance(400, -2010, "Account has insufficient balance for requested action.");
        });
        Order o = submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001")));
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderRejected");
        assertThat(((OrderEvent.OrderRejected) events.get(1)).reason())
                .isEqualTo("venue: -2010 Account has insufficient balance for requested action.");
        assertThat(o.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(count("POST /api/v3/order")).as("a clear rejection is not retried").isEqualTo(1);
    }

    @Test
    void aCancelAnsweredByRestAndStreamIsReportedOnceAndARefusalSaysWhy() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> spotOrder("t-1", 5_000_006, "BUY", "LIMIT", "0.001", "47000", "NEW", "0", "0"));
        submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), d("47000")));
        on("DELETE /api/v3/order", c -> JSON.createObjectNode().put("symbol", "BTCUSDT")
                .put("origClientOrderId", "t-1").put("orderId", 5_000_006).put("clientOrderId", "cancel-1")
                .put("transactTime", 1_800).put("price", "47000").put("origQty", "0.001").put("executedQty", "0")
                .put("cummulativeQuoteQty", "0").put("status", "CANCELED").put("timeInForce", "GTC")
                .put("type", "LIMIT").put("side", "BUY").toString());
        exec.execute(new TradingCommand.CancelOrder("t-1"));
        pump();
        assertThat(calls.getLast().params()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.of(
                "symbol", "BTCUSDT", "origClientOrderId", "t-1")));
        spotEvent("t-1", 5_000_006, "BUY", "LIMIT", "0.001", "47000", "CANCELED", "CANCELED", "0", "0", "0", "0", "",
                -1, false);
        pump();
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderCanceled");

        on("POST /api/v3/order", c -> spotOrder("t-2", 5_000_007, "BUY", "LIMIT", "0.001", "47000", "NEW", "0", "0"));
        submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.001"), d("47000")));
        on("DELETE /api/v3/order", c -> {
            throw binance(400, -2011, "Unknown order sent.");
        });
        exec.execute(new TradingCommand.CancelOrder("t-2"));
        pump();
        assertThat(events.getLast()).isInstanceOf(OrderEvent.OrderRequestRejected.class);
        assertThat(((OrderEvent.OrderRequestRejected) events.getLast()).reason()).isEqualTo("-2011 Unknown order sent.");
        assertThat(exec.order("t-2").status()).isEqualTo(OrderStatus.NEW);
        assertThat(wrongThread).isEmpty();
    }

    @Test
    void spotModifyIsACancelReplaceUnderTheSameIdAndTheOldOrdersCancelIsNotOurs() {
        setUp(SPOT);
        on("POST /api/v3/order", c -> spotOrder("t-1", 5_000_010, "BUY", "LIMIT", "0.003", "47000", "NEW", "0", "0"));
        submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.003"), d("47000")));
        on("POST /api/v3/order/cancelReplace", c -> {
            ObjectNode n = JSON.createObjectNode().put("cancelResult", "SUCCESS").put("newOrderResult", "SUCCESS");
            n.set("newOrderResponse", uncheckedTree(spotOrder("t-1", 5_000_011, "BUY", "LIMIT", "0.004", "46900",
                    "NEW", "0", "0")));
            return n.toString();
        });
        exec.execute(new TradingCommand.ModifyOrder("t-1", d("0.004"), d("46900")));
        // the stream: the old venue order canceled, the new one NEW
        spotEvent("t-1", 5_000_010, "BUY", "LIMIT", "0.003", "47000", "CANCELED", "CANCELED", "0", "0", "0", "0", "",
                -1, false);
        pump();
        spotEvent("t-1", 5_000_011, "BUY", "LIMIT", "0.004", "46900", "NEW", "NEW", "0", "0", "0", "0", "", -1, false);
        spotEvent("t-1", 5_000_011, "BUY", "LIMIT", "0.004", "46900", "TRADE", "FILLED", "0.004", "46900", "0.004",
                "0.1876", "USDT", 900011, true);
        pump();
        assertThat(calls.get(1).params()).containsEntry("cancelOrigClientOrderId", "t-1")
                .containsEntry("newClientOrderId", "t-1").containsEntry("quantity", "0.004")
                .containsEntry("price", "46900");
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderUpdated", "OrderFilled");
        Order o = exec.order("t-1");
        assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(o.venueOrderId()).isEqualTo("5000011");
        assertThat(o.price()).isEqualByComparingTo("46900");
        // 10,000 − 0.004 × 46,900 (187.6) − 0.1876
        assertThat(portfolio.cash()).isEqualByComparingTo("9812.2124");
    }

    @Test
    void futuresModifyIsAPutAndTheAmendmentEventDoesNotRepeatIt() {
        setUp(FUT);
        prices.put("BTCUSDT", d("61000"));
        on("POST /fapi/v1/order", c -> futuresOrder("t-1", 8_000_001, "SELL", "LIMIT", "0.010", "61000", "NEW", "0"));
        submit(OrderRequest.limit(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, d("0.010"), d("61000")));
        on("PUT /fapi/v1/order", c -> futuresOrder("t-1", 8_000_001, "SELL", "LIMIT", "0.020", "60500", "NEW", "0"));
        exec.execute(new TradingCommand.ModifyOrder("t-1", d("0.020"), d("60500")));
        pump();
        futuresEvent("t-1", 8_000_001, "SELL", "LIMIT", "0.020", "60500", "AMENDMENT", "NEW", "0", "0", "0", "0", 0);
        pump();
        assertThat(calls.get(1).params()).containsEntry("origClientOrderId", "t-1").containsEntry("quantity", "0.02")
                .containsEntry("price", "60500").containsEntry("side", "SELL");
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderUpdated");
        assertThat(exec.order("t-1").quantity()).isEqualByComparingTo("0.02");
        assertThat(exec.order("t-1").price()).isEqualByComparingTo("60500");
        // the futures fill comes only from the stream (RESULT answers carry no trades)
        futuresEvent("t-1", 8_000_001, "SELL", "LIMIT", "0.020", "60500", "TRADE", "FILLED", "0.020", "60500",
                "0.020", "0.242", 70_001);
        pump();
        Position p = portfolio.position("BTCUSDT");
        assertThat(p.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(p.quantity()).isEqualByComparingTo("-0.02");
        assertThat(portfolio.cash()).isEqualByComparingTo("9999.758"); // the wallet pays only the fee
        assertThat(wrongThread).isEmpty();
    }

    private static String futuresOrder(String cid, long orderId, String side, String type, String qty, String price,
                                       String status, String executed) {
        return JSON.createObjectNode().put("orderId", orderId).put("symbol", "BTCUSDT").put("status", status)
                .put("clientOrderId", cid).put("price", price).put("avgPrice", "0").put("origQty", qty)
                .put("executedQty", executed).put("cumQuote", "0").put("timeInForce", "GTC").put("type", type)
                .put("origType", type).put("reduceOnly", false).put("closePosition", false).put("side", side)
                .put("positionSide", "BOTH").put("stopPrice", "0").put("workingType", "CONTRACT_PRICE")
                .put("time", 1_500).put("updateTime", 1_500).toString();
    }

    private static com.fasterxml.jackson.databind.JsonNode uncheckedTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aFuturesStopGoesToTheAlgoServiceAndItsTriggeredOrdersFillsAreItsOwn() {
        setUp(FUT);
        prices.put("BTCUSDT", d("60000"));
        on("POST /fapi/v1/order", c -> futuresOrder("t-1", 8_000_001, "BUY", "MARKET", "0.010", "0", "NEW", "0"));
        submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.010")));
        futuresEvent("t-1", 8_000_001, "BUY", "MARKET", "0.010", "0", "TRADE", "FILLED", "0.010", "60000", "0.010",
                "0.24", 70_001);
        pump();
        on("POST /fapi/v1/algoOrder", c -> JSON.createObjectNode().put("algoId", 7001).put("clientAlgoId", "t-2")
                .put("algoType", "CONDITIONAL").put("orderType", "STOP_MARKET").put("symbol", "BTCUSDT")
                .put("side", "SELL").put("positionSide", "BOTH").put("quantity", "0.010").put("algoStatus", "NEW")
                .put("triggerPrice", "59000").put("workingType", "CONTRACT_PRICE").put("createTime", 2_000)
                .put("updateTime", 2_000).toString());
        Order stop = submit(OrderRequest.conditional(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, OrderType.STOP_MARKET,
                d("0.010"), d("59000"), null).reduceOnly(dev.pennant.core.model.PositionSide.BOTH));
        assertThat(calls.getLast().route()).isEqualTo("POST /fapi/v1/algoOrder");
        assertThat(calls.getLast().params()).containsEntry("clientAlgoId", stop.clientOrderId())
                .containsEntry("triggerPrice", "59000").containsEntry("reduceOnly", "true");
        assertThat(stop.venueOrderId()).isEqualTo("7001");
        // the actual order's trade arrives before the ALGO_UPDATE that names it (different event types: no order)
        futuresEvent("ao-9001", 9_001, "SELL", "MARKET", "0.010", "0", "TRADE", "FILLED", "0.010", "58990", "0.010",
                "0.235960", 70_002);
        pump();
        assertThat(exec.order("ao-9001")).isNull();
        client.onUserData(Market.USDM_FUTURES, parser.parse(Market.USDM_FUTURES, """
                {"e":"ALGO_UPDATE","T":2500,"E":2501,"o":{"caid":"t-2","aid":7001,"at":"CONDITIONAL","o":"STOP_MARKET",
                 "s":"BTCUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0.010","X":"TRIGGERED","ai":"9001","ap":"0",
                 "aq":"0","act":"MARKET","tp":"59000","p":"0","wt":"CONTRACT_PRICE","cp":false,"R":true,"tt":2500,
                 "gtd":0,"rm":""}}"""));
        client.onUserData(Market.USDM_FUTURES, parser.parse(Market.USDM_FUTURES, """
                {"e":"ALGO_UPDATE","T":2600,"E":2601,"o":{"caid":"t-2","aid":7001,"at":"CONDITIONAL","o":"STOP_MARKET",
                 "s":"BTCUSDT","S":"SELL","ps":"BOTH","f":"GTC","q":"0.010","X":"FINISHED","ai":"9001","ap":"58990",
                 "aq":"0.010","act":"MARKET","tp":"59000","p":"0","wt":"CONTRACT_PRICE","cp":false,"R":true,"tt":2500,
                 "gtd":0,"rm":""}}"""));
        pump();
        assertThat(kinds()).containsExactly("OrderSubmitted", "OrderAccepted", "OrderFilled", "OrderSubmitted",
                "OrderAccepted", "OrderTriggered", "OrderFilled");
        Order done = exec.order("t-2");
        assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
        assertThat(done.triggered()).isTrue();
        assertThat(portfolio.position("BTCUSDT").isFlat()).isTrue();
        // realised: −0.24 + 0.010 × (58,990 − 60,000) − 0.23596 = −10.57596
        assertThat(portfolio.realizedPnl()).isEqualByComparingTo("-10.57596");
        assertThat(wrongThread).isEmpty();
    }

    @Test
    void aParameterTheMarketLacksIsRefusedBeforeSending() {
        setUp(SPOT);
        // a spot order type the mapper refuses (trailing activation price is USDⓈ-M only) never reaches Binance
        Order o = submit(new OrderRequest("BTCUSDT", Side.BUY, OrderType.STOP_LOSS, null, d("0.001"), null,
                OrderOptions.SPOT.withStopPrice(d("49000")).withTrailing(d("1"), d("48500")), null, null));
        assertThat(calls).isEmpty();
        assertThat(o.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(o.rejectReason()).isEqualTo("venue: not sent: activationPrice: USDⓈ-M trailing stops only");
    }
}
