package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Binance REST error answers ({@code {"code":-1021,"msg":"..."}} with an HTTP status) into typed
 * {@link BinanceApiException}s, and implements the -1021 policy ({@link #retryOnceAfterResync}).
 *
 * <p>Codes (Binance spot "Error codes", USDⓈ-M "Error Code"): -1021 timestamp outside recvWindow; -1022 signature
 * invalid; -2010 new order rejected; -2011 cancel rejected; -2013 no such order; -2019/-2021/-2022 futures order
 * rejections; -1013 filter failure (spot, {@code "Filter failure: LOT_SIZE"}); -1111 precision; futures -4003…-4164
 * quantity/price/notional rule; -1003 and HTTP 429 too many requests; HTTP 418 IP banned; -2014/-2015 API key.
 * Stateless and thread-safe.
 */
public final class BinanceErrorMapper {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILTER = Pattern.compile("Filter failure: ([A-Z_]+)");
    private static final Pattern BANNED_UNTIL = Pattern.compile("banned until (\\d{10,})");

    private final LongSupplier clock;

    /** @param clock epoch ms, for turning {@code Retry-After} seconds into an instant */
    public BinanceErrorMapper(LongSupplier clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Maps one error answer.
     *
     * @param httpStatus the HTTP status (4xx)
     * @param body       the response body (JSON {@code code}/{@code msg}; anything else is kept as the message)
     * @param retryAfter the {@code Retry-After} header in seconds, or {@code null}
     */
    public BinanceApiException map(int httpStatus, String body, String retryAfter) {
        int code = 0;
        String msg = body == null ? "" : body.strip();
        try {
            JsonNode n = JSON.readTree(body == null ? "" : body);
            if (n != null && n.has("code")) {
                code = n.get("code").asInt();
                msg = n.path("msg").asText("");
            }
        } catch (Exception ignored) {
            // not JSON (proxy page, empty body): keep the text
        }
        return map(httpStatus, code, msg, retryAfter);
    }

    /** Maps an already split answer (e.g. from the connector's {@code BinanceClientException}). */
    public BinanceApiException map(int httpStatus, int code, String msg, String retryAfter) {
        long now = clock.getAsLong();
        long retryAt = now + 60_000;
        if (retryAfter != null) {
            try {
                retryAt = now + Long.parseLong(retryAfter.trim()) * 1000L;
            } catch (NumberFormatException ignored) {
                // keep the default minute
            }
        }
        if (httpStatus == 418) {
            Matcher m = BANNED_UNTIL.matcher(msg);
            return new BinanceApiException.IpBanned(httpStatus, code, msg, m.find() ? Long.parseLong(m.group(1)) : retryAt);
        }
        if (httpStatus == 429 || code == -1003) {
            Matcher m = BANNED_UNTIL.matcher(msg);
            if (m.find()) return new BinanceApiException.IpBanned(httpStatus, code, msg, Long.parseLong(m.group(1)));
            return new BinanceApiException.RateLimited(httpStatus, code, msg, retryAt);
        }
        return switch (code) {
            case -1021 -> new BinanceApiException.TimestampOutsideRecvWindow(httpStatus, code, msg,
                    "Pennant resyncs its clock with the server time and retries once");
            case -1022 -> new BinanceApiException.InvalidSignature(httpStatus, code, msg);
            case -2010, -2013, -2019, -2021, -2022 -> new BinanceApiException.OrderRejected(httpStatus, code, msg, false);
            case -2011 -> new BinanceApiException.OrderRejected(httpStatus, code, msg, true);
            case -2014, -2015 -> new BinanceApiException.ApiKeyRejected(httpStatus, code, msg);
            case -1013 -> {
                Matcher m = FILTER.matcher(msg);
                yield new BinanceApiException.FilterFailure(httpStatus, code, msg, m.find() ? m.group(1) : "UNKNOWN_FILTER");
            }
            case -1111 -> new BinanceApiException.FilterFailure(httpStatus, code, msg, "PRECISION");
            case -4003, -4004, -4005, -4023 -> new BinanceApiException.FilterFailure(httpStatus, code, msg, "LOT_SIZE");
            case -4013, -4014 -> new BinanceApiException.FilterFailure(httpStatus, code, msg, "PRICE_FILTER");
            case -4016, -4024 -> new BinanceApiException.FilterFailure(httpStatus, code, msg, "PERCENT_PRICE");
            case -4164 -> new BinanceApiException.FilterFailure(httpStatus, code, msg, "MIN_NOTIONAL");
            default -> new BinanceApiException(httpStatus, code, msg, "error", "not retried");
        };
    }

    /**
     * Runs {@code call}; on -1021 runs {@code resync} (e.g. {@link ServerTime#sync}) and calls once more. A second
     * -1021 is thrown with the action "resynced and retried once". Other errors pass through untouched.
     *
     * @throws Exception whatever the call or the resync throws
     */
    public static <T> T retryOnceAfterResync(Callable<T> call, Callable<?> resync) throws Exception {
        try {
            return call.call();
        } catch (BinanceApiException.TimestampOutsideRecvWindow first) {
            resync.call();
            try {
                return call.call();
            } catch (BinanceApiException.TimestampOutsideRecvWindow second) {
                throw new BinanceApiException.TimestampOutsideRecvWindow(second.httpStatus(), second.code(),
                        second.binanceMessage(), "Pennant resynced its clock and retried once; still rejected: "
                        + "check the computer's clock");
            }
        }
    }
}
