package dev.pennant.core.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pennant.core.model.Market;
import dev.pennant.core.vault.KeyHygiene.Code;
import dev.pennant.core.vault.KeyHygiene.Severity;
import dev.pennant.core.vault.KeyHygiene.Warning;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VaultKeyHygieneTest {
    /** Shape of the Binance documentation example, plus a field this parser does not know. */
    static final String RISKY = """
            {"ipRestrict":false,"createTime":1698645219000,"enableInternalTransfer":false,"enableFutures":false,
             "enablePortfolioMarginTrading":false,"enableVanillaOptions":false,"permitsUniversalTransfer":false,
             "enableReading":true,"enableSpotAndMarginTrading":false,"enableWithdrawals":true,"enableMargin":false,
             "enableFixApiTrade":false}""";
    static final String GOOD = """
            {"ipRestrict":true,"createTime":1698645219000,"enableInternalTransfer":false,"enableFutures":true,
             "enablePortfolioMarginTrading":false,"enableVanillaOptions":false,"permitsUniversalTransfer":false,
             "enableReading":true,"enableSpotAndMarginTrading":true,"enableWithdrawals":false,"enableMargin":false}""";

    @Test
    void parsesAllFields() {
        ApiKeyRestrictions r = ApiKeyRestrictions.parse(RISKY);
        assertThat(r.ipRestrict()).isFalse();
        assertThat(r.createTime()).isEqualTo(Instant.ofEpochMilli(1698645219000L));
        assertThat(r.enableReading()).isTrue();
        assertThat(r.enableWithdrawals()).isTrue();
        assertThat(r.enableSpotAndMarginTrading()).isFalse();
        assertThat(r.enableFutures()).isFalse();
        ApiKeyRestrictions g = ApiKeyRestrictions.parse(GOOD);
        assertThat(g).isEqualTo(new ApiKeyRestrictions(true, Instant.ofEpochMilli(1698645219000L), false, true, false,
                false, false, true, true, false, false));
    }

    @Test
    void loudWarningsForWithdrawalsAndMissingIpWhitelist() {
        List<Warning> w = KeyHygiene.assess(ApiKeyRestrictions.parse(RISKY));
        assertThat(w).filteredOn(Warning::loud).extracting(Warning::code)
                .containsExactly(Code.WITHDRAWALS_ENABLED, Code.NO_IP_RESTRICTION);
        assertThat(w.getFirst().message()).contains("WITHDRAWALS ARE ENABLED");
        assertThat(w).extracting(Warning::code).contains(Code.NO_TRADING_PERMISSION);
        assertThat(w.getLast().severity()).isEqualTo(Severity.INFO);
        assertThat(w.getLast().message()).contains("reading").contains("withdrawals ENABLED").contains("NOT IP-restricted");
    }

    @Test
    void cleanKeyOnlyGetsThePermissionsLine() {
        ApiKeyRestrictions r = ApiKeyRestrictions.parse(GOOD);
        List<Warning> w = KeyHygiene.assess(r);
        assertThat(w).singleElement().satisfies(x -> {
            assertThat(x.code()).isEqualTo(Code.PERMISSIONS);
            assertThat(x.message()).isEqualTo("Permissions: reading, spot & margin trading, futures; withdrawals disabled; IP-restricted");
        });
    }

    @Test
    void missingFieldsArePessimistic() {
        ApiKeyRestrictions r = ApiKeyRestrictions.parse("{\"enableReading\":true}");
        assertThat(r.enableWithdrawals()).isTrue();
        assertThat(r.ipRestrict()).isFalse();
        assertThat(r.permits(Market.SPOT)).isFalse();
        assertThat(KeyHygiene.assess(r)).filteredOn(Warning::loud).hasSize(2);
    }

    @Test
    void errorBodiesAreRejected() {
        assertThatThrownBy(() -> ApiKeyRestrictions.parse("{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeyRestrictions.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiKeyRestrictions.parse("[]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void liveTradingGatePerMarket() throws Exception {
        ApiKeyRestrictions spotOnly = new ApiKeyRestrictions(true, null, false, false, false, false, false, true, true, false, false);
        assertThat(KeyHygiene.permits(spotOnly, Market.SPOT)).isTrue();
        assertThat(KeyHygiene.permits(spotOnly, Market.USDM_FUTURES)).isFalse();
        KeyHygiene.requireLivePermitted(spotOnly, Market.SPOT);
        assertThatThrownBy(() -> KeyHygiene.requireLivePermitted(spotOnly, Market.USDM_FUTURES))
                .isInstanceOfSatisfying(KeyPermissionException.class, e -> {
                    assertThat(e.market()).isEqualTo(Market.USDM_FUTURES);
                    assertThat(e.getMessage()).contains("refused").contains("enableFutures");
                });
    }
}
