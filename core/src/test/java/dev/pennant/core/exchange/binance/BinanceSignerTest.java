package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Market;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signer, server time, endpoints and the instrument registry. No network. */
class BinanceSignerTest {

    /** The HMAC example of Binance's spot "SIGNED endpoint examples" (docs key and query, not a real key). */
    @Test
    void hmacMatchesTheDocsExampleAndHidesTheSecret() {
        char[] secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j".toCharArray();
        BinanceSigner signer = BinanceSigner.hmac(secret);
        java.util.Arrays.fill(secret, '\0'); // caller wipes its copy; the signer still works
        String q = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
                + "&timestamp=1499827319559";
        assertThat(signer.sign(q)).isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        assertThat(signer.signedQuery(q)).endsWith("&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
        assertThat(signer.toString()).isEqualTo("BinanceSigner[HMAC_SHA256]").doesNotContain("NhqP");
        signer.close();
        assertThatThrownBy(() -> signer.sign(q)).isInstanceOf(IllegalStateException.class)
                .hasMessage("signer closed");
        assertThatThrownBy(() -> BinanceSigner.hmac(new char[0])).hasMessage("API secret is empty");
    }

    @Test
    void ed25519ThroughTheConnectorVerifiesWithThePublicKey(@TempDir Path dir) throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path pem = dir.resolve("test-ed25519.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        BinanceSigner signer = BinanceSigner.ed25519(pem);
        String q = "symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&timestamp=1668481559918";
        String signed = signer.signedQuery(q);
        String sig = URLDecoder.decode(signed.substring(signed.indexOf("&signature=") + 11), StandardCharsets.UTF_8);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(kp.getPublic());
        v.update(q.getBytes(StandardCharsets.US_ASCII));
        assertThat(v.verify(Base64.getDecoder().decode(sig))).isTrue();
        assertThat(signer.keyType()).isEqualTo(BinanceSigner.KeyType.ED25519);
        assertThatThrownBy(() -> BinanceSigner.ed25519(dir.resolve("missing.pem")))
                .hasMessageStartingWith("cannot load Ed25519 private key");
    }

    @Test
    void serverTimeOffsetFromTheMidpointAndRecvWindowRule() throws Exception {
        AtomicLong local = new AtomicLong(1_000_000);
        ServerTime st = new ServerTime(local::get);
        assertThat(st.isSynced()).isFalse();
        // request sent at 1_000_000, server says 1_000_540, answer at 1_000_080: midpoint 1_000_040 → offset 500
        long off = st.sync(() -> {
            local.addAndGet(80);
            return 1_000_540L;
        });
        assertThat(off).isEqualTo(500);
        assertThat(st.roundTripMillis()).isEqualTo(80);
        // a slower sample (RTT 400) does not replace the better one
        st.record(1_001_000, 1_001_900, 1_001_400);
        assertThat(st.offsetMillis()).isEqualTo(500);
        // a faster one does
        st.record(1_002_000, 1_002_510, 1_002_010);
        assertThat(st.offsetMillis()).isEqualTo(505);
        local.set(2_000_000);
        assertThat(st.serverNow()).isEqualTo(2_000_505);
        assertThat(st.timestampParams(5000)).isEqualTo("timestamp=2000505&recvWindow=5000");
        assertThatThrownBy(() -> st.timestampParams(60_001)).hasMessageContaining("recvWindow must be 1..60000 ms");
        assertThat(ServerTime.accepted(10_000, 10_999, 5000)).isTrue();
        assertThat(ServerTime.accepted(10_000, 15_001, 5000)).isFalse(); // too old
        assertThat(ServerTime.accepted(12_000, 11_000, 5000)).isFalse(); // 1 s ahead of the server
        st.reset();
        assertThat(st.isSynced()).isFalse();
    }

    @Test
    void endpointsFromTheConnectorsDefaultUrls() {
        assertThat(BinanceEndpoints.MAINNET).isEqualTo(new BinanceEndpoints("mainnet", "https://api.binance.com",
                "wss://stream.binance.com:9443", "https://fapi.binance.com", "wss://fstream.binance.com"));
        assertThat(BinanceEndpoints.TESTNET.spotRest()).isEqualTo("https://testnet.binance.vision");
        assertThat(BinanceEndpoints.TESTNET.futuresRest()).isEqualTo("https://testnet.binancefuture.com");
        assertThat(BinanceEndpoints.withBase("http://127.0.0.1:18080/")).isEqualTo(new BinanceEndpoints("local",
                "http://127.0.0.1:18080", "ws://127.0.0.1:18080", "http://127.0.0.1:18080", "ws://127.0.0.1:18080/fstream"));
        assertThat(BinanceEndpoints.forProfile("testnet")).isSameAs(BinanceEndpoints.TESTNET);
        assertThatThrownBy(() -> BinanceEndpoints.withBase("ftp://x")).hasMessageContaining("http://");
    }

    @Test
    void registryRefreshesBothMarketsWithAFakeFetcherAndKeepsTheOldSnapshotOnFailure() throws Exception {
        ExchangeInfo spot = ExchangeInfoParserTest.load(Market.SPOT, "spot/exchangeInfo-spot-1symbol-20250823.json");
        ExchangeInfo fut = ExchangeInfoParserTest.load(Market.USDM_FUTURES,
                "futures-um/exchangeInfo-fapi-full-20241020.json.gz");
        AtomicInteger calls = new AtomicInteger();
        List<Market> refreshed = new ArrayList<>();
        InstrumentRegistry reg = new InstrumentRegistry(m -> {
            int n = calls.incrementAndGet();
            if (n > 2 && m == Market.SPOT) throw new java.io.IOException("simulated outage");
            return m == Market.SPOT ? spot : fut;
        });
        reg.onRefresh(i -> refreshed.add(i.market()));
        assertThat(reg.all()).isEmpty();
        assertThat(reg.refreshNow()).isEqualTo(2);
        assertThat(reg.all()).hasSize(1 + 347);
        assertThat(reg.instrument(Market.USDM_FUTURES, "BTCUSDT").orElseThrow().tickSize()).isEqualByComparingTo("0.1");
        assertThat(reg.rateLimits(Market.SPOT)).hasSize(4);
        assertThat(reg.refreshNow()).isEqualTo(1); // spot failed, kept
        assertThat(reg.instrument(Market.SPOT, "BTCUSDT")).isPresent();
        assertThat(refreshed).containsExactly(Market.SPOT, Market.USDM_FUTURES, Market.USDM_FUTURES);

        ScheduledExecutorService ses = Executors.newSingleThreadScheduledExecutor();
        try {
            reg.start(ses, Duration.ofMillis(20));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (calls.get() < 10 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(calls.get()).isGreaterThanOrEqualTo(10);
        } finally {
            reg.close();
            ses.shutdownNow();
        }
    }
}
