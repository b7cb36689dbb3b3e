package dev.pennant.core.execution;

import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceExecutionClient;
import dev.pennant.core.model.Market;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.vault.ApiKeyRestrictions;
import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.KeyPermissionException;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The going-live guard: every refusal names its field, a wrong confirmation names the part that differs, the
 * authorization never carries or prints the secret, and the execution client builds for a real venue only through it.
 * Vault keys are plainly fake; Argon2 parameters are the cheapest the policy allows.
 */
class LiveAuthorizationTest {

    private static final KdfParams FAST = new KdfParams(64, 1, 1);
    private static final VaultOptions OPTIONS = VaultOptions.defaults()
            .withPolicy(new KdfPolicy(FAST, new KdfParams(1024, 4, 2)));
    private static final String KEY = "live-auth-key-not-real";
    private static final String SECRET = "live-auth-secret-not-real-Q7";

    @TempDir
    Path dir;
    private UnlockedVault vault;
    private EntryInfo futuresMainnet;
    private EntryInfo spotTestnet;
    private EntryInfo noSecret;

    /** What /sapi/v1/account/apiRestrictions answers for a key with futures trading, IP-restricted, no withdrawals. */
    private static ApiKeyRestrictions restrictions(boolean futures, boolean spot, boolean withdrawals) {
        return new ApiKeyRestrictions(true, null, false, futures, false, false, false, true, spot, withdrawals, false);
    }

    @BeforeEach
    void setUp() throws VaultException {
        vault = VaultFile.create(VaultFile.defaultPath(dir), "correct horse battery (test only)".toCharArray(), FAST,
                OPTIONS);
        futuresMainnet = put("main futures", EntryKind.BINANCE_FUTURES, KeyEnvironment.MAINNET, true);
        spotTestnet = put("spot test", EntryKind.BINANCE_SPOT, KeyEnvironment.TESTNET, true);
        noSecret = put("half", EntryKind.BINANCE_FUTURES, KeyEnvironment.MAINNET, false);
    }

    @AfterEach
    void tearDown() {
        vault.close();
    }

    private EntryInfo put(String label, EntryKind kind, KeyEnvironment env, boolean withSecret) throws VaultException {
        NewEntry.Builder b = NewEntry.builder(label, kind).environment(env).apiKey(KEY.toCharArray());
        if (withSecret) b.secret(SECRET.toCharArray());
        try (NewEntry e = b.build()) {
            return vault.put(e);
        }
    }

    private static final RiskLimits LIMITS = RiskLimits.defaults(); // max drawdown halt 0.25

    @Test
    void thePhraseComesFromTheLimitsInForce() {
        assertThat(LiveAuthorization.confirmationPhrase("main futures", Market.USDM_FUTURES,
                LiveAuthorization.Profile.MAINNET, LIMITS)).isEqualTo("LIVE main futures USDM_FUTURES mainnet max-drawdown 25%");
        RiskLimits tight = new RiskLimits(0.95, 1.0, 0.125, new BigDecimal("0.001"));
        assertThat(LiveAuthorization.confirmationPhrase("x", Market.SPOT, LiveAuthorization.Profile.TESTNET, tight))
                .isEqualTo("LIVE x SPOT testnet max-drawdown 12.5%");
        RiskLimits seven = new RiskLimits(0.95, 1.0, 0.07, new BigDecimal("0.001"));
        assertThat(LiveAuthorization.confirmationPhrase("x", Market.SPOT, LiveAuthorization.Profile.TESTNET, seven))
                .endsWith("max-drawdown 7%");
    }

    @Test
    void grantsWithEverythingRightAndHidesTheSecret() throws Exception {
        LiveAuthorization a = LiveAuthorization.grant(vault, futuresMainnet.id(), LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, restrictions(true, false, false), LIMITS,
                "LIVE main futures USDM_FUTURES mainnet max-drawdown 25%");
        assertThat(a.endpoints()).isEqualTo(BinanceEndpoints.MAINNET);
        assertThat(a.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(a.accountLabel()).isEqualTo("main futures");
        assertThat(a.toString()).isEqualTo("LiveAuthorization[main futures, USDM_FUTURES, mainnet]")
                .doesNotContain(KEY).doesNotContain(SECRET);
        String seen = a.withCredentials((k, s) -> new String(k) + "|" + s.length);
        assertThat(seen).isEqualTo(KEY + "|" + SECRET.length());
        // testnet: restrictions cannot be fetched there (no /sapi), so they are optional
        LiveAuthorization t = LiveAuthorization.grant(vault, spotTestnet.id(), LiveAuthorization.Profile.TESTNET,
                Market.SPOT, null, LIMITS, "LIVE spot test SPOT testnet max-drawdown 25%");
        assertThat(t.endpoints()).isEqualTo(BinanceEndpoints.TESTNET);
    }

    @Test
    void aWrongConfirmationNamesTheField() {
        String ok = "LIVE main futures USDM_FUTURES mainnet max-drawdown 25%";
        assertRefused("live main futures USDM_FUTURES mainnet max-drawdown 25%", "field 'keyword'");
        assertRefused("LIVE main future USDM_FUTURES mainnet max-drawdown 25%", "field 'account label'");
        assertRefused("LIVE main futures SPOT mainnet max-drawdown 25%", "field 'market' must be 'USDM_FUTURES', was 'SPOT'");
        assertRefused("LIVE main futures USDM_FUTURES testnet max-drawdown 25%", "field 'profile' must be 'mainnet'");
        assertRefused("LIVE main futures USDM_FUTURES mainnet drawdown 25%", "field 'max-drawdown'");
        assertRefused("LIVE main futures USDM_FUTURES mainnet max-drawdown 50%", "field 'percent' must be '25%', was '50%'");
        assertRefused("LIVE main futures USDM_FUTURES mainnet max-drawdown", "field 'percent' must be '25%', was ''");
        assertRefused(ok + " ", "field 'format'");
        assertRefused(ok + " now", "field 'format'");
        assertThatThrownBy(() -> grant(futuresMainnet, ok.replace("25%", "26%")))
                .hasMessageContaining("(type exactly: " + ok + ")");
    }

    private void assertRefused(String typed, String field) {
        assertThatThrownBy(() -> grant(futuresMainnet, typed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("confirmation: ").hasMessageContaining(field)
                .hasMessageNotContaining(SECRET).hasMessageNotContaining(KEY);
    }

    private LiveAuthorization grant(EntryInfo e, String typed) throws Exception {
        return LiveAuthorization.grant(vault, e.id(), LiveAuthorization.Profile.MAINNET, Market.USDM_FUTURES,
                restrictions(true, false, false), LIMITS, typed);
    }

    @Test
    void refusesTheWrongEntryProfileOrKey() {
        String phrase = "LIVE main futures USDM_FUTURES mainnet max-drawdown 25%";
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, "no-such-id", LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, restrictions(true, false, false), LIMITS, phrase))
                .hasMessageStartingWith("entryId: ");
        // spot entry for a futures session
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, spotTestnet.id(), LiveAuthorization.Profile.TESTNET,
                Market.USDM_FUTURES, null, LIMITS, phrase)).hasMessageStartingWith("entry kind: ");
        // a mainnet key on the testnet profile
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, futuresMainnet.id(), LiveAuthorization.Profile.TESTNET,
                Market.USDM_FUTURES, null, LIMITS, phrase)).hasMessageStartingWith("profile: ")
                .hasMessageContaining("MAINNET key");
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, noSecret.id(), LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, restrictions(true, false, false), LIMITS, "LIVE half USDM_FUTURES mainnet "
                        + "max-drawdown 25%")).hasMessageStartingWith("entry: ").hasMessageContaining("secret");
        // mainnet without the key's restrictions
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, futuresMainnet.id(), LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, null, LIMITS, phrase)).hasMessageStartingWith("restrictions: required on mainnet");
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, futuresMainnet.id(), LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, restrictions(true, false, true), LIMITS, phrase))
                .hasMessageStartingWith("restrictions: withdrawals are ENABLED");
        // KeyHygiene.requireLivePermitted: the key has spot trading only
        assertThatThrownBy(() -> LiveAuthorization.grant(vault, futuresMainnet.id(), LiveAuthorization.Profile.MAINNET,
                Market.USDM_FUTURES, restrictions(false, true, false), LIMITS, phrase))
                .isInstanceOf(KeyPermissionException.class).hasMessageContaining("enableFutures");
    }

    @Test
    void aLockedVaultGrantsNothingAndStopsTheClientFactory() throws Exception {
        LiveAuthorization a = grant(futuresMainnet, "LIVE main futures USDM_FUTURES mainnet max-drawdown 25%");
        vault.lock();
        assertThatThrownBy(() -> grant(futuresMainnet, "LIVE main futures USDM_FUTURES mainnet max-drawdown 25%"))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("vault: ");
        // the authorization holds no secret: with the vault locked the live client cannot be built
        assertThatThrownBy(() -> BinanceExecutionClient.live(a, Runnable::run, (m, s) -> null, "USDT",
                BinanceExecutionClient.Options.defaults())).isInstanceOf(VaultException.class)
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void theLocalFactoryRefusesRealVenues() {
        char[] secret = "sim-secret-not-real".toCharArray();
        for (BinanceEndpoints e : new BinanceEndpoints[]{BinanceEndpoints.MAINNET, BinanceEndpoints.TESTNET,
                BinanceEndpoints.withBase("https://api.binance.com"), BinanceEndpoints.withBase("http://10.0.0.5:8080")}) {
            assertThatThrownBy(() -> BinanceExecutionClient.local(e, "sim-key-not-real", secret,
                    Set.of(Market.SPOT), Runnable::run, (m, s) -> null, "USDT", BinanceExecutionClient.Options.defaults()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("endpoints: ")
                    .hasMessageContaining("LiveAuthorization");
        }
        try (BinanceExecutionClient c = BinanceExecutionClient.local(BinanceEndpoints.withBase("http://127.0.0.1:1"),
                "sim-key-not-real", secret, Set.of(Market.SPOT), Runnable::run, (m, s) -> null, "USDT",
                BinanceExecutionClient.Options.defaults())) {
            assertThat(c.venue()).isEqualTo("binance-local");
        }
    }
}
