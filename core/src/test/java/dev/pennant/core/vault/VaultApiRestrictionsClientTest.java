package dev.pennant.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pennant.core.model.Market;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class VaultApiRestrictionsClientTest {
    static final String KEY = "test-key-not-real-abc123";
    static final String SECRET = "test-secret-not-real-def456";

    @Test
    void signatureIsHexHmacSha256OfTheQuery() {
        // RFC 4231-style sanity: HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog")
        assertThat(ApiRestrictionsClient.sign("The quick brown fox jumps over the lazy dog", "key".toCharArray()))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void fetchesAndChecksPermissionsAgainstLoopbackServer() throws Exception {
        try (FakeBinance fake = new FakeBinance(KEY, SECRET, VaultKeyHygieneTest.GOOD)) {
            ApiRestrictionsClient client = new ApiRestrictionsClient(fake.baseUrl());
            ApiKeyRestrictions r = client.fetch(KEY.toCharArray(), SECRET.toCharArray());
            assertThat(r.ipRestrict()).isTrue();
            assertThat(r.permits(Market.SPOT)).isTrue();
            assertThat(r.permits(Market.USDM_FUTURES)).isTrue();
            assertThat(fake.queries).singleElement().satisfies(q ->
                    assertThat(q).matches("recvWindow=5000&timestamp=\\d+&signature=[0-9a-f]{64}"));
        }
    }

    @Test
    void riskyKeyIsRefusedForFuturesLive() throws Exception {
        try (FakeBinance fake = new FakeBinance(KEY, SECRET, VaultKeyHygieneTest.RISKY)) {
            ApiKeyRestrictions r = new ApiRestrictionsClient(fake.baseUrl()).fetch(KEY.toCharArray(), SECRET.toCharArray());
            assertThat(KeyHygiene.assess(r)).filteredOn(KeyHygiene.Warning::loud).hasSize(2);
            assertThatThrownBy(() -> KeyHygiene.requireLivePermitted(r, Market.USDM_FUTURES))
                    .isInstanceOf(KeyPermissionException.class);
        }
    }

    @Test
    void wrongSecretWrongKeyAndStaleTimestampAreClearErrors() throws Exception {
        try (FakeBinance fake = new FakeBinance(KEY, SECRET, VaultKeyHygieneTest.GOOD)) {
            ApiRestrictionsClient client = new ApiRestrictionsClient(fake.baseUrl());
            assertThatThrownBy(() -> client.fetch(KEY.toCharArray(), "test-wrong-secret".toCharArray()))
                    .isInstanceOfSatisfying(KeyCheckException.class, e -> {
                        assertThat(e.binanceCode()).isEqualTo(-1022);
                        assertThat(e.httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).doesNotContain("test-wrong-secret").doesNotContain("signature=");
                    });
            fake.echoKeyInErrors = true;
            assertThatThrownBy(() -> client.fetch("test-other-key-not-real".toCharArray(), SECRET.toCharArray()))
                    .isInstanceOfSatisfying(KeyCheckException.class, e -> {
                        assertThat(e.binanceCode()).isEqualTo(-2015);
                        assertThat(e.getMessage()).doesNotContain("test-other-key-not-real").contains("****");
                    });
            Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-5));
            ApiRestrictionsClient stale = new ApiRestrictionsClient(fake.baseUrl(), HttpClient.newHttpClient(), late, 5000);
            assertThatThrownBy(() -> stale.fetch(KEY.toCharArray(), SECRET.toCharArray()))
                    .isInstanceOfSatisfying(KeyCheckException.class, e -> assertThat(e.binanceCode()).isEqualTo(-1021));
        }
    }

    @Test
    void unreachableServerIsAKeyCheckException() throws Exception {
        java.net.URI dead;
        try (FakeBinance fake = new FakeBinance(KEY, SECRET, "{}")) {
            dead = fake.baseUrl();
        }
        assertThatThrownBy(() -> new ApiRestrictionsClient(dead).fetch(KEY.toCharArray(), SECRET.toCharArray()))
                .isInstanceOfSatisfying(KeyCheckException.class, e -> assertThat(e.httpStatus()).isZero());
    }
}
