package dev.pennant.core.exchange.binance;

import dev.pennant.core.exchange.binance.WeightGovernor.Decision;
import dev.pennant.core.exchange.binance.WeightGovernor.Priority;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The governor against a fake server that enforces Binance's limits, with a fake clock. No network. */
class WeightGovernorTest {

    /** Spot 2025 rateLimits (from the real single-symbol exchangeInfo). */
    static final List<RateLimit> SPOT = List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000),
            new RateLimit("ORDERS", "SECOND", 10, 50), new RateLimit("ORDERS", "DAY", 1, 160000),
            new RateLimit("RAW_REQUESTS", "MINUTE", 5, 61000));

    /**
     * Binance's limit model: fixed windows, 429 + Retry-After over a limit, 418 for anything sent during a 429
     * back-off. {@code foreignWeightPerMinute} is used by another program on the same IP at the start of each minute.
     */
    static final class FakeBinance {
        final AtomicLong clock;
        final int foreignWeightPerMinute;
        boolean foreignOnlyInFirstMinute;
        long minute = -1;
        int weight;
        long tenSec = -1;
        int orders10s;
        long retryAfterUntil;
        int count429;
        int count418;
        int served;

        FakeBinance(AtomicLong clock, int foreign) {
            this.clock = clock;
            this.foreignWeightPerMinute = foreign;
        }

        int handle(int w, boolean order, Map<String, String> headers) {
            long now = clock.get();
            if (now / 60_000 != minute) {
                weight = foreignOnlyInFirstMinute && minute >= 0 ? 0 : foreignWeightPerMinute;
                minute = now / 60_000;
            }
            if (now / 10_000 != tenSec) {
                tenSec = now / 10_000;
                orders10s = 0;
            }
            headers.clear();
            if (now < retryAfterUntil) {
                count418++;
                headers.put("Retry-After", "120");
                return 418;
            }
            weight += w;
            if (order) orders10s++;
            headers.put("X-MBX-USED-WEIGHT-1M", Integer.toString(weight));
            if (order) headers.put("X-MBX-ORDER-COUNT-10S", Integer.toString(orders10s));
            if (weight > 6000 || orders10s > 50) {
                count429++;
                long until = weight > 6000 ? (minute + 1) * 60_000 : (tenSec + 1) * 10_000;
                retryAfterUntil = until;
                headers.put("Retry-After", Long.toString((until - now + 999) / 1000));
                return 429;
            }
            served++;
            return 200;
        }
    }

    @Test
    void burstOf10kRequestsNeverBannedAndBackgroundShedFirst() {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        FakeBinance server = new FakeBinance(now, 1500);
        WeightGovernor gov = new WeightGovernor(SPOT, now::get, now::set, 0.9);
        Map<Priority, Integer> sent = new EnumMap<>(Priority.class);
        Map<Priority, Integer> shed = new EnumMap<>(Priority.class);
        Map<String, String> headers = new HashMap<>();
        long start = now.get();
        for (int i = 0; i < 10_000; i++) {
            Priority p = switch (i % 10) {
                case 0, 1 -> Priority.ORDER;
                case 2, 3 -> Priority.ACCOUNT;
                case 4, 5, 6 -> Priority.MARKET_DATA;
                default -> Priority.BACKGROUND;
            };
            EndpointWeights.Cost cost = switch (p) {
                case ORDER -> EndpointWeights.of("POST", "/api/v3/order", 0, true);
                case ACCOUNT -> EndpointWeights.of("GET", "/api/v3/account", 0, false);
                case MARKET_DATA -> EndpointWeights.of("GET", "/api/v3/klines", 1000, true);
                case BACKGROUND -> EndpointWeights.of("GET", "/api/v3/exchangeInfo", 0, false);
            };
            while (true) {
                Decision d = gov.tryAcquire(cost, p);
                if (d.granted()) {
                    int status = server.handle(cost.weight(), cost.orderCount() > 0, headers);
                    gov.onResponse(status, headers::get);
                    sent.merge(p, 1, Integer::sum);
                    break;
                }
                if (d.kind() == Decision.Kind.SHED) {
                    shed.merge(p, 1, Integer::sum);
                    break;
                }
                assertThat(d.retryAt()).isGreaterThan(now.get());
                now.set(d.retryAt()); // the queue: wait until the window rolls over
            }
            now.addAndGet(2); // requests arrive every 2 ms
        }
        assertThat(server.count429).as("429s").isZero();
        assertThat(server.count418).as("418s").isZero();
        assertThat(sent.get(Priority.ORDER)).isEqualTo(2000);
        assertThat(sent.get(Priority.ACCOUNT)).isEqualTo(2000);
        assertThat(sent.get(Priority.MARKET_DATA)).isEqualTo(3000);
        assertThat(shed).containsOnlyKeys(Priority.BACKGROUND);
        assertThat(shed.get(Priority.BACKGROUND)).isGreaterThan(0);
        assertThat(server.served).isEqualTo(10_000 - shed.get(Priority.BACKGROUND));
        assertThat(now.get() - start).as("took several minutes of fake time").isGreaterThan(120_000);
    }

    @Test
    void after429NothingIsSentUntilRetryAfterSoNo418() {
        AtomicLong now = new AtomicLong(60_000L * 1000);
        // another program used nearly everything in the first minute: the first request meets a 429
        FakeBinance server = new FakeBinance(now, 5999);
        server.foreignOnlyInFirstMinute = true;
        WeightGovernor gov = new WeightGovernor(SPOT, now::get, now::set, 0.9);
        Map<String, String> headers = new HashMap<>();
        int sent = 0;
        for (int i = 0; i < 2000; i++) {
            Decision d = gov.tryAcquire(20, false, Priority.ACCOUNT);
            while (!d.granted()) {
                now.set(d.retryAt());
                d = gov.tryAcquire(20, false, Priority.ACCOUNT);
            }
            int status = server.handle(20, false, headers);
            gov.onResponse(status, headers::get);
            sent++;
            now.addAndGet(1);
        }
        assertThat(server.count429).as("only the first request, before any header was seen").isEqualTo(1);
        assertThat(server.count418).isZero();
        assertThat(gov.throttledResponses()).isEqualTo(1);
        assertThat(sent).isEqualTo(2000);
    }

    @Test
    void orderCountLimitAndHeaders() {
        AtomicLong now = new AtomicLong(0);
        WeightGovernor gov = new WeightGovernor(SPOT, now::get, now::set, 0.9);
        int granted = 0;
        while (gov.tryAcquire(1, true, Priority.ORDER).granted()) granted++;
        assertThat(granted).isEqualTo(45); // 90 % of 50 orders per 10 s
        Decision d = gov.tryAcquire(1, true, Priority.ORDER);
        assertThat(d.kind()).isEqualTo(Decision.Kind.WAIT);
        assertThat(d.retryAt()).isEqualTo(10_000);
        assertThat(d.reason()).contains("ORDERS 45/50 per 10S");
        // non-order requests are not held back by the order count
        assertThat(gov.tryAcquire(2, false, Priority.MARKET_DATA).granted()).isTrue();
        // server says weight is 5000 already: market data (85 % of 5400 = 4590) must wait, orders may still go
        gov.onResponse(200, Map.of("x-mbx-used-weight-1m", "5000")::get);
        assertThat(gov.tryAcquire(2, false, Priority.MARKET_DATA).kind()).isEqualTo(Decision.Kind.WAIT);
        assertThat(gov.tryAcquire(20, false, Priority.BACKGROUND).kind()).isEqualTo(Decision.Kind.SHED);
        assertThat(gov.tryAcquire(20, false, Priority.ACCOUNT).granted()).isTrue();
        assertThat(gov.usage().getFirst().used()).isEqualTo(5020);
    }

    @Test
    void blockingAcquireWaitsWithTheSleeperAndGivesUpPastItsLimit() throws Exception {
        AtomicLong now = new AtomicLong(5_000);
        WeightGovernor gov = new WeightGovernor(List.of(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 100)), now::get,
                now::set, 0.9);
        gov.acquire(90, false, Priority.ORDER, 0);
        gov.acquire(10, false, Priority.ORDER, 60_000); // waits for the next minute
        assertThat(now.get()).isEqualTo(60_000);
        assertThatThrownBy(() -> gov.acquire(85, false, Priority.ORDER, 1_000))
                .isInstanceOf(WeightGovernor.ThrottledException.class).hasMessageContaining("REQUEST_WEIGHT 10/100");
        assertThatThrownBy(() -> gov.acquire(80, false, Priority.BACKGROUND, 600_000))
                .hasMessageContaining("SHED");
    }

    @Test
    void weightsTable() {
        assertThat(EndpointWeights.of("GET", "/api/v3/depth", 5000, true).weight()).isEqualTo(250);
        assertThat(EndpointWeights.of("GET", "/api/v3/depth", 100, true).weight()).isEqualTo(5);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/klines", 1500, true).weight()).isEqualTo(10);
        assertThat(EndpointWeights.of("POST", "/fapi/v1/order", 0, true)).isEqualTo(new EndpointWeights.Cost(1, 1));
        assertThat(EndpointWeights.of("GET", "/api/v3/ticker/24hr", 0, false).weight()).isEqualTo(80);
        assertThatThrownBy(() -> EndpointWeights.of("GET", "/api/v3/unknown", 0, false))
                .hasMessageContaining("no request weight known for GET /api/v3/unknown");
        assertThat(new RateLimit("ORDERS", "SECOND", 10, 300).headerName()).isEqualTo("X-MBX-ORDER-COUNT-10S");
        assertThat(new RateLimit("RAW_REQUESTS", "MINUTE", 5, 61000).windowMillis()).isEqualTo(300_000);
    }
}
