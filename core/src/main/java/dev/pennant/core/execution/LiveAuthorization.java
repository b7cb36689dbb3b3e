package dev.pennant.core.execution;

import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.model.Market;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.vault.ApiKeyRestrictions;
import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.KeyHygiene;
import dev.pennant.core.vault.KeyPermissionException;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Permission to trade LIVE on Binance: the only way to get a {@code BinanceExecutionClient} for a real venue
 * (mainnet or testnet). It can be built only by {@link #grant}, from
 * <ol>
 *   <li>an entry of an <b>unlocked</b> vault: active, a Binance key of the market's kind ({@code BINANCE_SPOT} for
 *       spot, {@code BINANCE_FUTURES} for USDⓈ-M) with both API key and secret, of the profile's environment;</li>
 *   <li>a profile: {@link Profile#TESTNET} or {@link Profile#MAINNET} ({@link BinanceEndpoints#TESTNET} /
 *       {@link BinanceEndpoints#MAINNET});</li>
 *   <li>the key's restrictions ({@code GET /sapi/v1/account/apiRestrictions}, {@code ApiRestrictionsClient}): required
 *       on mainnet, where {@link KeyHygiene#requireLivePermitted} must pass and withdrawals must be disabled; optional
 *       on testnet, which has no {@code /sapi} endpoints;</li>
 *   <li>a confirmation the user types back exactly: {@link #confirmationPhrase}, e.g.
 *       {@code LIVE main account USDM_FUTURES mainnet max-drawdown 25%}, built from the risk limits in force.</li>
 * </ol>
 * Every refusal throws and names the field. The authorization holds no secret: the client factory decrypts the key and
 * secret from the vault at the moment it builds the signer ({@link #withCredentials}), so locking the vault afterwards
 * stops new live clients. {@link #toString()} shows label, market and profile only.
 */
public final class LiveAuthorization {

    /** A live Binance environment. */
    public enum Profile {
        /** testnet.binance.vision / testnet.binancefuture.com. */
        TESTNET(BinanceEndpoints.TESTNET, KeyEnvironment.TESTNET),
        /** Production. */
        MAINNET(BinanceEndpoints.MAINNET, KeyEnvironment.MAINNET);

        private final BinanceEndpoints endpoints;
        private final KeyEnvironment environment;

        Profile(BinanceEndpoints endpoints, KeyEnvironment environment) {
            this.endpoints = endpoints;
            this.environment = environment;
        }

        /** The profile's base URLs. */
        public BinanceEndpoints endpoints() {
            return endpoints;
        }

        /** The vault environment its keys must have. */
        public KeyEnvironment environment() {
            return environment;
        }

        /** Lower-case name as typed in the confirmation ({@code mainnet}, {@code testnet}). */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Receives the credentials for the duration of one call; both arrays are wiped afterwards. */
    @FunctionalInterface
    public interface CredentialUse<T> {
        T use(char[] apiKey, char[] secret) throws VaultException;
    }

    private final UnlockedVault vault;
    private final String entryId;
    private final String accountLabel;
    private final Profile profile;
    private final Market market;
    private final RiskLimits limits;
    private final String confirmation;

    private LiveAuthorization(UnlockedVault vault, String entryId, String accountLabel, Profile profile, Market market,
                              RiskLimits limits, String confirmation) {
        this.vault = vault;
        this.entryId = entryId;
        this.accountLabel = accountLabel;
        this.profile = profile;
        this.market = market;
        this.limits = limits;
        this.confirmation = confirmation;
    }

    /**
     * The sentence the user must type back: {@code LIVE <account label> <market> <profile> max-drawdown <p>%}, where
     * market is {@code SPOT} or {@code USDM_FUTURES}, profile {@code mainnet} or {@code testnet}, and p the risk
     * limits' {@link RiskLimits#maxDrawdownHalt()} in percent (0.25 → {@code 25}, 0.125 → {@code 12.5}).
     *
     * @throws NullPointerException naming the missing argument
     */
    public static String confirmationPhrase(String accountLabel, Market market, Profile profile, RiskLimits limits) {
        return String.join(" ", expectedFields(accountLabel, market, profile, limits));
    }

    private static List<String> expectedFields(String label, Market market, Profile profile, RiskLimits limits) {
        Objects.requireNonNull(label, "accountLabel");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(limits, "limits");
        String pct = BigDecimal.valueOf(limits.maxDrawdownHalt()).movePointRight(2).stripTrailingZeros()
                .toPlainString();
        return List.of("LIVE", label, market.name(), profile.label(), "max-drawdown", pct + "%");
    }

    /**
     * Checks everything (see the class comment) and grants LIVE trading.
     *
     * @param vault        an unlocked vault
     * @param entryId      the vault entry with the Binance API key and secret
     * @param profile      testnet or mainnet
     * @param market       the market to trade
     * @param restrictions the key's restrictions; required on mainnet, may be {@code null} on testnet
     * @param limits       the risk limits in force
     * @param confirmation what the user typed: exactly {@link #confirmationPhrase}
     * @throws IllegalStateException    {@code vault}: the vault is locked
     * @throws IllegalArgumentException naming the field: {@code entryId} (unknown or retired), {@code entry kind},
     *                                  {@code profile} (environment of the key), {@code entry} (no key/secret),
     *                                  {@code restrictions} (missing on mainnet, withdrawals enabled), or the
     *                                  confirmation's field that differs ({@code keyword}, {@code account label},
     *                                  {@code market}, {@code profile}, {@code max-drawdown}, {@code percent},
     *                                  {@code format})
     * @throws KeyPermissionException   the key may not trade on the market ({@link KeyHygiene#requireLivePermitted})
     * @throws VaultException           the vault failed while reading the entry's metadata
     */
    public static LiveAuthorization grant(UnlockedVault vault, String entryId, Profile profile, Market market,
                                          ApiKeyRestrictions restrictions, RiskLimits limits, String confirmation)
            throws VaultException, KeyPermissionException {
        Objects.requireNonNull(vault, "vault");
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(confirmation, "confirmation");
        if (vault.isLocked()) {
            throw new IllegalStateException("vault: the vault is locked; unlock it before going LIVE");
        }
        EntryInfo e = vault.entry(entryId).orElseThrow(() ->
                new IllegalArgumentException("entryId: the vault has no entry " + entryId));
        if (!e.active()) {
            throw new IllegalArgumentException("entryId: entry '" + e.label() + "' was retired by a key rotation at "
                    + e.retiredAt() + "; use its replacement");
        }
        EntryKind wanted = market == Market.SPOT ? EntryKind.BINANCE_SPOT : EntryKind.BINANCE_FUTURES;
        if (e.kind() != wanted) {
            throw new IllegalArgumentException("entry kind: " + market + " needs a " + wanted + " entry, '"
                    + e.label() + "' is " + e.kind());
        }
        if (e.environment() != profile.environment()) {
            throw new IllegalArgumentException("profile: entry '" + e.label() + "' holds a " + e.environment()
                    + " key, the profile is " + profile);
        }
        if (!e.hasApiKey() || !e.hasSecret()) {
            throw new IllegalArgumentException("entry: '" + e.label() + "' lacks its " + (!e.hasApiKey() ? "API key"
                    : "secret"));
        }
        if (restrictions == null && profile == Profile.MAINNET) {
            throw new IllegalArgumentException("restrictions: required on mainnet; fetch them with "
                    + "ApiRestrictionsClient (GET /sapi/v1/account/apiRestrictions) first");
        }
        if (restrictions != null) {
            if (restrictions.enableWithdrawals()) {
                throw new IllegalArgumentException("restrictions: withdrawals are ENABLED on the key of '" + e.label()
                        + "'; Pennant never withdraws: create a key with withdrawals disabled before going LIVE");
            }
            KeyHygiene.requireLivePermitted(restrictions, market);
        }
        checkConfirmation(confirmation, expectedFields(e.label(), market, profile, limits));
        return new LiveAuthorization(vault, e.id(), e.label(), profile, market, limits, confirmation);
    }

    private static void checkConfirmation(String typed, List<String> want) {
        String expected = String.join(" ", want);
        if (typed.equals(expected)) return;
        String hint = " (type exactly: " + expected + ")";
        if (!typed.startsWith(want.get(0) + " ")) {
            throw new IllegalArgumentException("confirmation: field 'keyword' must be 'LIVE', was '"
                    + firstToken(typed) + "'" + hint);
        }
        String rest = typed.substring(want.get(0).length() + 1);
        if (!rest.startsWith(want.get(1) + " ")) {
            throw new IllegalArgumentException("confirmation: field 'account label' must be '" + want.get(1)
                    + "'" + hint);
        }
        String[] tail = rest.substring(want.get(1).length() + 1).split(" ", -1);
        String[] names = {"market", "profile", "max-drawdown", "percent"};
        for (int i = 0; i < names.length; i++) {
            String got = i < tail.length ? tail[i] : "";
            if (!got.equals(want.get(i + 2))) {
                throw new IllegalArgumentException("confirmation: field '" + names[i] + "' must be '" + want.get(i + 2)
                        + "', was '" + got + "'" + hint);
            }
        }
        throw new IllegalArgumentException("confirmation: field 'format' has " + (tail.length - names.length)
                + " extra part(s) after the percent" + hint);
    }

    private static String firstToken(String s) {
        int sp = s.indexOf(' ');
        return sp < 0 ? s : s.substring(0, sp);
    }

    /**
     * Lends the entry's API key and secret to {@code use}, then wipes both arrays.
     *
     * @throws VaultException when the vault was locked meanwhile (or the entry vanished)
     */
    public <T> T withCredentials(CredentialUse<T> use) throws VaultException {
        char[] key = vault.apiKey(entryId);
        char[] secret = vault.secret(entryId);
        try {
            return use.use(key, secret);
        } finally {
            Arrays.fill(key, '\0');
            Arrays.fill(secret, '\0');
        }
    }

    /**
     * Throws unless this authorization covers {@code endpoints} and {@code market} (the client factory's check).
     *
     * @throws IllegalArgumentException naming the field that does not match
     */
    public void requireCovers(BinanceEndpoints endpoints, Market market) {
        if (!profile.endpoints().equals(endpoints)) {
            throw new IllegalArgumentException("endpoints: authorized for " + profile.label() + ", asked for "
                    + endpoints.name());
        }
        if (this.market != market) {
            throw new IllegalArgumentException("market: authorized for " + this.market + ", asked for " + market);
        }
    }

    /** The vault entry's id. */
    public String entryId() {
        return entryId;
    }

    /** The vault entry's label (the account label of the confirmation). */
    public String accountLabel() {
        return accountLabel;
    }

    /** Testnet or mainnet. */
    public Profile profile() {
        return profile;
    }

    /** The profile's endpoints. */
    public BinanceEndpoints endpoints() {
        return profile.endpoints();
    }

    /** The authorized market. */
    public Market market() {
        return market;
    }

    /** The risk limits the confirmation was given for. */
    public RiskLimits limits() {
        return limits;
    }

    /** The confirmation as typed (equal to {@link #confirmationPhrase}). */
    public String confirmation() {
        return confirmation;
    }

    @Override
    public String toString() {
        return "LiveAuthorization[" + accountLabel + ", " + market + ", " + profile.label() + "]";
    }
}
