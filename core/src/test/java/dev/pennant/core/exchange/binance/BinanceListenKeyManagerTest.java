package dev.pennant.core.exchange.binance;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** ListenKeyManager with a fake REST function and a fake clock (no network, no real waiting). */
class BinanceListenKeyManagerTest {

    static final class FakeApi implements ListenKeyManager.ListenKeyApi {
        final List<String> calls = new ArrayList<>();
        int next = 1;
        String active;
        boolean networkDown;
        boolean forgetKey;

        @Override
        public String create() {
            calls.add("create");
            active = "synthetic-listen-key-" + next++;
            return active;
        }

        @Override
        public void keepAlive(String key) throws Exception {
            calls.add("keepAlive " + key);
            if (networkDown) throw new java.io.IOException("connection reset");
            if (forgetKey || !key.equals(active)) {
                throw new BinanceApiException(400, -1125, "This listenKey does not exist.", "unknown key", "re-create");
            }
        }

        @Override
        public void close(String key) {
            calls.add("close " + key);
        }
    }

    @Test
    void keepsAliveEvery30MinutesAndRecreatesOnExpiry() throws Exception {
        AtomicLong now = new AtomicLong(0);
        FakeApi api = new FakeApi();
        List<String> newKeys = new ArrayList<>();
        ListenKeyManager m = new ListenKeyManager(api, now::get, newKeys::add);
        assertThat(m.open()).isEqualTo("synthetic-listen-key-1");
        // 3 hours of one-minute ticks
        for (int minute = 1; minute <= 180; minute++) {
            now.set(minute * 60_000L);
            m.tick();
        }
        assertThat(m.keepAliveCount()).isEqualTo(6);
        assertThat(api.calls).containsExactly("create", "keepAlive synthetic-listen-key-1",
                "keepAlive synthetic-listen-key-1", "keepAlive synthetic-listen-key-1", "keepAlive synthetic-listen-key-1",
                "keepAlive synthetic-listen-key-1", "keepAlive synthetic-listen-key-1");
        assertThat(newKeys).isEmpty();

        // Binance forgot the key: the next keep-alive gets -1125 → new key, listener told
        api.forgetKey = true;
        now.addAndGet(ListenKeyManager.KEEP_ALIVE_MS);
        m.tick();
        api.forgetKey = false;
        assertThat(newKeys).containsExactly("synthetic-listen-key-2");
        assertThat(m.currentKey()).isEqualTo("synthetic-listen-key-2");

        // network down: keep-alives fail every minute; after 60 min without success the key is replaced
        api.networkDown = true;
        long base = now.get();
        for (int minute = 1; minute <= 60; minute++) {
            now.set(base + minute * 60_000L);
            m.tick();
        }
        api.networkDown = false;
        assertThat(newKeys).containsExactly("synthetic-listen-key-2", "synthetic-listen-key-3");

        // the stream says listenKeyExpired
        m.onListenKeyExpired();
        assertThat(newKeys).hasSize(3).endsWith("synthetic-listen-key-4");
        assertThat(m.createdCount()).isEqualTo(4);

        m.close();
        assertThat(api.calls.getLast()).isEqualTo("close synthetic-listen-key-4");
        assertThat(m.currentKey()).isNull();
        assertThat(m.toString()).doesNotContain("synthetic-listen-key");
    }
}
