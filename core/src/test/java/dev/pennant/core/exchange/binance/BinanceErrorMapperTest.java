package dev.pennant.core.exchange.binance;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Error bodies below are synthetic, in the shape of Binance's documented {"code":..,"msg":..} answers. */
class BinanceErrorMapperTest {

    private final BinanceErrorMapper mapper = new BinanceErrorMapper(() -> 1_000_000L);

    @Test
    void timestampOutsideRecvWindowIsRetriedOnceAfterAResync() throws Exception {
        BinanceApiException e = mapper.map(400,
                "{\"code\":-1021,\"msg\":\"Timestamp for this request is outside of the recvWindow.\"}", null);
        assertThat(e).isInstanceOf(BinanceApiException.TimestampOutsideRecvWindow.class);
        assertThat(e.code()).isEqualTo(-1021);
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("Binance -1021 (timestamp outside recvWindow, HTTP 400): Timestamp for "
                + "this request is outside of the recvWindow. — Pennant resyncs its clock with the server time and "
                + "retries once");

        AtomicInteger calls = new AtomicInteger();
        AtomicInteger resyncs = new AtomicInteger();
        String ok = BinanceErrorMapper.retryOnceAfterResync(() -> {
            if (calls.incrementAndGet() == 1) throw e;
            return "filled";
        }, resyncs::incrementAndGet);
        assertThat(ok).isEqualTo("filled");
        assertThat(resyncs.get()).isEqualTo(1);

        calls.set(0);
        assertThatThrownBy(() -> BinanceErrorMapper.retryOnceAfterResync(() -> {
            calls.incrementAndGet();
            throw e;
        }, resyncs::incrementAndGet)).isInstanceOf(BinanceApiException.TimestampOutsideRecvWindow.class)
                .hasMessageContaining("resynced its clock and retried once; still rejected");
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void badSignatureIsNeverRetriedAndBlamesTheKeyPair() throws Exception {
        BinanceApiException e = mapper.map(400, "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}",
                null);
        assertThat(e).isInstanceOf(BinanceApiException.InvalidSignature.class);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("-1022").contains("API key / secret pair is wrong");
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> BinanceErrorMapper.retryOnceAfterResync(() -> {
            calls.incrementAndGet();
            throw e;
        }, () -> null)).isSameAs(e);
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void orderAndCancelRejectionsCarryTheReason() {
        var rej = (BinanceApiException.OrderRejected) mapper.map(400,
                "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}", null);
        assertThat(rej.isCancel()).isFalse();
        assertThat(rej.reason()).isEqualTo("Account has insufficient balance for requested action.");
        assertThat(rej.getMessage()).startsWith("Binance -2010 (order rejected, HTTP 400)");
        var cancel = (BinanceApiException.OrderRejected) mapper.map(400, "{\"code\":-2011,\"msg\":\"Unknown order sent.\"}",
                null);
        assertThat(cancel.isCancel()).isTrue();
        assertThat(cancel.getMessage()).contains("cancel rejected").contains("Unknown order sent.");
    }

    @Test
    void filterFailuresNameTheFilter() {
        var lot = (BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-1013,\"msg\":\"Filter failure: LOT_SIZE\"}", null);
        assertThat(lot.filter()).isEqualTo("LOT_SIZE");
        assertThat(lot.getMessage()).contains("filter failure: LOT_SIZE").contains("refreshed");
        assertThat(((BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-1013,\"msg\":\"Filter failure: NOTIONAL\"}", null)).filter()).isEqualTo("NOTIONAL");
        assertThat(((BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-1111,\"msg\":\"Precision is over the maximum defined for this asset.\"}", null)).filter())
                .isEqualTo("PRECISION");
        assertThat(((BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-4003,\"msg\":\"Quantity less than or equal to zero.\"}", null)).filter()).isEqualTo("LOT_SIZE");
        assertThat(((BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-4014,\"msg\":\"Price not increased by tick size.\"}", null)).filter()).isEqualTo("PRICE_FILTER");
        assertThat(((BinanceApiException.FilterFailure) mapper.map(400,
                "{\"code\":-4164,\"msg\":\"Order's notional must be no smaller than 100\"}", null)).filter())
                .isEqualTo("MIN_NOTIONAL");
    }

    @Test
    void rateLimitBanAndKeyErrors() {
        var rl = (BinanceApiException.RateLimited) mapper.map(429,
                "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request weight per 1 "
                        + "MINUTE.\"}", "7");
        assertThat(rl.retryAtMillis()).isEqualTo(1_007_000L);
        assertThat(rl.getMessage()).contains("sends nothing to this market until");
        var ban = (BinanceApiException.IpBanned) mapper.map(418,
                "{\"code\":-1003,\"msg\":\"Way too much request weight used; IP banned until 1659146400000. Please use "
                        + "WebSocket Streams for live updates to avoid bans.\"}", "120");
        assertThat(ban.bannedUntilMillis()).isEqualTo(1659146400000L);
        assertThat(mapper.map(418, "", "120")).isInstanceOf(BinanceApiException.IpBanned.class)
                .extracting(x -> ((BinanceApiException.IpBanned) x).bannedUntilMillis()).isEqualTo(1_120_000L);
        BinanceApiException key = mapper.map(401,
                "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}", null);
        assertThat(key).isInstanceOf(BinanceApiException.ApiKeyRejected.class);
        assertThat(key.getMessage()).contains("IP whitelist");
        assertThat(mapper.map(400, "{\"code\":-2014,\"msg\":\"API-key format invalid.\"}", null))
                .isInstanceOf(BinanceApiException.ApiKeyRejected.class).hasMessageContaining("API key format invalid");
        BinanceApiException other = mapper.map(502, "<html>Bad gateway</html>", null);
        assertThat(other.getClass()).isEqualTo(BinanceApiException.class);
        assertThat(other.code()).isZero();
        assertThat(other.getMessage()).contains("<html>Bad gateway</html>");
    }
}
