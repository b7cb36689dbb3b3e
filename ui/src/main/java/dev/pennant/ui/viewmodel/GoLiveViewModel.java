package dev.pennant.ui.viewmodel;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceExecutionClient;
import dev.pennant.core.execution.LiveAuthorization;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.vault.ApiKeyRestrictions;
import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The "Go LIVE" dialog's state: every guard rail between a PAPER session and orders on a real (or loopback) venue.
 * Going LIVE needs, in this order, (a) the vault unlocked, (b) a vault entry of the market's Binance kind with API key
 * and secret, (c) a venue — {@link Target#TESTNET} or {@link Target#MAINNET}, or {@link Target#LOCAL_SIMULATOR} when
 * the terminal runs with a loopback {@code --exchange-url} (then only that one: market data and orders must come from
 * the same venue) — and (d) the exact confirmation phrase, which names the account (the entry's label), the market,
 * the venue and the maximum drawdown of the risk limits in force ({@link LiveAuthorization#confirmationPhrase};
 * {@code local} in place of the profile for the simulator). {@link #confirm()} refuses with a message naming the field
 * and the rule in {@link #errorProperty()}; on success it returns a {@link LiveGrant} that builds the venue.
 *
 * <p>Testnet and mainnet go through {@link LiveAuthorization#grant} (mainnet also needs the key's restrictions, asked
 * of {@link RestrictionsLookup}); the simulator through {@link BinanceExecutionClient#local}, which accepts loopback
 * URLs only. FX thread only; nothing here contacts a venue except the restrictions lookup on mainnet.
 */
public final class GoLiveViewModel {

    /** Where LIVE orders go. */
    public enum Target {
        /** The local Binance-compatible simulator of {@code --exchange-url} (loopback only); testnet keys only. */
        LOCAL_SIMULATOR("local simulator", "local"),
        /** Binance's testnets (spot testnet.binance.vision, futures testnet.binancefuture.com). */
        TESTNET("Binance TESTNET", "testnet"),
        /** Binance production: real money. */
        MAINNET("Binance MAINNET (real money)", "mainnet");

        private final String title;
        private final String word;

        Target(String title, String word) {
            this.title = title;
            this.word = word;
        }

        /** For the venue choice, e.g. {@code local simulator}. */
        public String title() {
            return title;
        }

        /** The word the confirmation names: {@code local}, {@code testnet}, {@code mainnet}. */
        public String word() {
            return word;
        }

        LiveAuthorization.Profile profile() {
            return this == MAINNET ? LiveAuthorization.Profile.MAINNET : LiveAuthorization.Profile.TESTNET;
        }
    }

    /**
     * A vault entry as the dialog lists it (metadata only; views see no vault types).
     *
     * @param id          the entry's id
     * @param label       its label (the account of the confirmation)
     * @param environment {@code MAINNET} or {@code TESTNET}
     */
    public record KeyChoice(String id, String label, String environment) {
        static KeyChoice of(EntryInfo e) {
            return new KeyChoice(e.id(), e.label(), e.environment().name());
        }

        @Override
        public String toString() {
            return label + " (" + environment.toLowerCase(Locale.ROOT) + ")";
        }
    }

    /** The key's restrictions ({@code GET /sapi/v1/account/apiRestrictions}); required by mainnet. */
    @FunctionalInterface
    public interface RestrictionsLookup {
        /**
         * @return the restrictions of {@code entryId}'s key, or {@code null} when they cannot be known (testnet)
         * @throws Exception when the venue could not be asked (the dialog shows the reason)
         */
        ApiKeyRestrictions fetch(UnlockedVault vault, String entryId, LiveAuthorization.Profile profile) throws Exception;
    }

    /**
     * Permission to start one LIVE session.
     *
     * @param target        where orders go
     * @param accountLabel  the vault entry's label
     * @param market        the market traded
     * @param endpoints     the venue's URLs
     * @param authorization the {@link LiveAuthorization} for testnet/mainnet; {@code null} for the loopback simulator
     * @param confirmation  the phrase as typed
     */
    public record LiveGrant(Target target, String accountLabel, Market market, BinanceEndpoints endpoints,
                            LiveAuthorization authorization, String confirmation, Function<Instrument,
                            Function<Consumer<Runnable>, ExecutionClient>> venues) {

        /**
         * The venue factory for {@code PaperSession.live}: given the engine executor, a {@link BinanceExecutionClient}
         * trading {@code instrument}, in the ledger's quote asset. The key and secret are read from the vault only
         * when the factory runs (and wiped after); a vault locked meanwhile fails it with an
         * {@link IllegalStateException}.
         */
        public Function<Consumer<Runnable>, ExecutionClient> venueFactory(Instrument instrument) {
            return venues.apply(instrument);
        }

        @Override
        public String toString() {
            return "LiveGrant[" + accountLabel + ", " + market + ", " + target.word() + "]";
        }
    }

    private final Supplier<Optional<UnlockedVault>> vault;
    private final Market market;
    private final String symbol;
    private final RiskLimits limits;
    private final String loopbackUrl; // non-null: only the local simulator is offered
    private final String blocked;     // non-empty: LIVE is impossible here (e.g. a replay), said why
    private final RestrictionsLookup restrictions;

    private final ReadOnlyBooleanWrapper unlocked = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<KeyChoice> entries = FXCollections.observableArrayList();
    private volatile List<EntryInfo> infos = List.of(); // read by confirmAsync off the FX thread
    private final ObservableList<Target> targets = FXCollections.observableArrayList();
    private final ObjectProperty<KeyChoice> entry = new SimpleObjectProperty<>();
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>();
    private final StringProperty typed = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper expected = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);

    /**
     * @param vault        the unlocked vault, or empty while locked (asked again on {@link #refresh()})
     * @param market       the session's market
     * @param symbol       the session's symbol (shown)
     * @param limits       the risk limits in force (the confirmation names the maximum drawdown)
     * @param exchangeUrl  the terminal's {@code --exchange-url}, or {@code null}; on loopback only the simulator is
     *                     offered, elsewhere nothing (a third-party venue is never traded on)
     * @param blocked      why LIVE is impossible now (e.g. the terminal replays recorded klines), or empty
     * @param restrictions asked for the key's restrictions on mainnet
     * @throws NullPointerException naming the missing argument
     */
    public GoLiveViewModel(Supplier<Optional<UnlockedVault>> vault, Market market, String symbol, RiskLimits limits,
                           String exchangeUrl, String blocked, RestrictionsLookup restrictions) {
        this.vault = Objects.requireNonNull(vault, "vault");
        this.market = Objects.requireNonNull(market, "market");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.blocked = blocked == null ? "" : blocked;
        this.restrictions = Objects.requireNonNull(restrictions, "restrictions");
        if (exchangeUrl == null) {
            this.loopbackUrl = null;
            targets.setAll(Target.TESTNET, Target.MAINNET);
        } else if (isLoopback(exchangeUrl)) {
            this.loopbackUrl = exchangeUrl;
            targets.setAll(Target.LOCAL_SIMULATOR);
        } else {
            this.loopbackUrl = null; // another venue's market data: no LIVE target fits
        }
        target.set(targets.isEmpty() ? null : targets.getFirst());
        entry.addListener((o, a, b) -> updateExpected());
        target.addListener((o, a, b) -> updateExpected());
        typed.addListener((o, a, b) -> error.set(""));
        refresh();
    }

    /** Re-reads whether the vault is unlocked and its entries for the market (after the unlock dialog). */
    public void refresh() {
        Optional<UnlockedVault> v = vault.get();
        unlocked.set(v.isPresent());
        List<EntryInfo> fit = List.of();
        if (v.isPresent()) {
            try {
                fit = v.get().activeEntries().stream().filter(e -> e.kind() == kind()).toList();
            } catch (VaultException e) {
                error.set("vault: " + e.getMessage());
            }
        }
        KeyChoice was = entry.get();
        infos = fit;
        entries.setAll(fit.stream().map(KeyChoice::of).toList());
        entry.set(was != null && entries.contains(was) ? was : entries.size() == 1 ? entries.getFirst() : null);
        updateExpected();
    }

    /**
     * Checks every guard rail and grants going LIVE.
     *
     * @return the grant; empty when refused, with {@link #errorProperty()} naming the field and the rule
     */
    public Optional<LiveGrant> confirm() {
        try {
            return Optional.of(grant(entry.get(), target.get(), typed.get()));
        } catch (Exception e) {
            error.set(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * As {@link #confirm()}, but the checks that may ask a venue (mainnet: the key's restrictions, one HTTP call) run
     * on {@code io}, never on the FX thread: the inputs are read now (FX thread), {@link #busyProperty()} is true
     * until the answer, and the result (with {@link #errorProperty()} set on refusal) is delivered on the FX thread
     * through {@code fx}.
     *
     * @param io where the checks run (e.g. a virtual thread per call)
     * @param fx the FX thread's executor ({@code Platform::runLater}; tests: {@code Runnable::run})
     * @return completes on the FX thread with the grant, or empty when refused
     */
    public java.util.concurrent.CompletableFuture<Optional<LiveGrant>> confirmAsync(java.util.concurrent.Executor io,
                                                                                   java.util.concurrent.Executor fx) {
        KeyChoice chosen = entry.get();
        Target t = target.get();
        String phrase = typed.get();
        busy.set(true);
        error.set("");
        var out = new java.util.concurrent.CompletableFuture<Optional<LiveGrant>>();
        io.execute(() -> {
            LiveGrant g = null;
            String why = null;
            try {
                g = grant(chosen, t, phrase);
            } catch (Exception e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            LiveGrant granted = g;
            String refused = why;
            fx.execute(() -> {
                busy.set(false);
                if (refused != null) error.set(refused);
                out.complete(Optional.ofNullable(granted));
            });
        });
        return out;
    }

    /** True while {@link #confirmAsync} checks (the dialog's Go LIVE button waits). */
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    private LiveGrant grant(KeyChoice chosen, Target t, String typedPhrase) throws Exception {
        if (!blocked.isEmpty()) {
            throw new IllegalStateException(blocked);
        }
        UnlockedVault v = vault.get().orElseThrow(() ->
                new IllegalStateException("vault: the vault is locked; unlock it before going LIVE"));
        EntryInfo e = chosen == null ? null : infos.stream().filter(i -> i.id().equals(chosen.id())).findFirst()
                .orElse(null);
        if (e == null) {
            throw new IllegalArgumentException(entries.isEmpty()
                    ? "key: the vault holds no active " + kind() + " entry for " + market + "; add one with "
                    + "`pennant vault add`"
                    : "key: choose the vault entry whose API key trades " + market);
        }
        if (t == null) {
            throw new IllegalArgumentException("venue: LIVE trades on Binance testnet/mainnet or on a loopback "
                    + "simulator; this terminal's --exchange-url is neither");
        }
        String phrase = typedPhrase == null ? "" : typedPhrase.strip();
        if (t == Target.LOCAL_SIMULATOR) {
            return localGrant(v, e, phrase);
        }
        ApiKeyRestrictions r;
        try {
            r = restrictions.fetch(v, e.id(), t.profile());
        } catch (Exception failed) {
            throw new IllegalStateException("restrictions: could not read the key's restrictions from "
                    + t.word() + " (" + failed.getMessage() + "); nothing was started", failed);
        }
        LiveAuthorization auth = LiveAuthorization.grant(v, e.id(), t.profile(), market, r, limits, phrase);
        return new LiveGrant(t, auth.accountLabel(), market, auth.endpoints(), auth, phrase,
                inst -> post -> {
                    try {
                        return BinanceExecutionClient.live(auth, post, instruments(inst), inst.quoteAsset(),
                                BinanceExecutionClient.Options.defaults());
                    } catch (VaultException locked) {
                        throw new IllegalStateException("vault: " + locked.getMessage(), locked);
                    }
                });
    }

    private LiveGrant localGrant(UnlockedVault v, EntryInfo e, String phrase) {
        if (e.environment() != KeyEnvironment.TESTNET) {
            throw new IllegalArgumentException("key: the local simulator takes TESTNET keys only; '" + e.label()
                    + "' holds a " + e.environment() + " key");
        }
        if (!e.hasApiKey() || !e.hasSecret()) {
            throw new IllegalArgumentException("key: '" + e.label() + "' lacks its "
                    + (!e.hasApiKey() ? "API key" : "secret"));
        }
        String want = phrase(e.label(), Target.LOCAL_SIMULATOR);
        if (!phrase.equals(want)) {
            throw new IllegalArgumentException("confirmation: must be exactly '" + want + "' (account label, market, "
                    + "venue and max drawdown, separated by single spaces)");
        }
        BinanceEndpoints endpoints = BinanceEndpoints.withBase(loopbackUrl);
        String id = e.id();
        return new LiveGrant(Target.LOCAL_SIMULATOR, e.label(), market, endpoints, null, phrase,
                inst -> post -> {
                    char[] key = null;
                    char[] secret = null;
                    try {
                        key = v.apiKey(id);
                        secret = v.secret(id);
                        return BinanceExecutionClient.local(endpoints, new String(key), secret, Set.of(market), post,
                                instruments(inst), inst.quoteAsset(), BinanceExecutionClient.Options.defaults());
                    } catch (VaultException locked) {
                        throw new IllegalStateException("vault: " + locked.getMessage(), locked);
                    } finally {
                        if (key != null) Arrays.fill(key, '\0');
                        if (secret != null) Arrays.fill(secret, '\0');
                    }
                });
    }

    private static java.util.function.BiFunction<Market, String, Instrument> instruments(Instrument inst) {
        return (m, s) -> m == inst.market() && s.equals(inst.symbol()) ? inst : null;
    }

    private void updateExpected() {
        KeyChoice e = entry.get();
        Target t = target.get();
        expected.set(e == null || t == null ? "" : phrase(e.label(), t));
    }

    /** The phrase for {@code label} on {@code t}: core's, with {@code local} as the venue for the simulator. */
    private String phrase(String label, Target t) {
        String core = LiveAuthorization.confirmationPhrase(label, market, t.profile(), limits);
        if (t != Target.LOCAL_SIMULATOR) {
            return core;
        }
        String head = "LIVE " + label + " " + market.name() + " " + t.profile().label() + " ";
        return "LIVE " + label + " " + market.name() + " local " + core.substring(head.length());
    }

    private EntryKind kind() {
        return market == Market.SPOT ? EntryKind.BINANCE_SPOT : EntryKind.BINANCE_FUTURES;
    }

    static boolean isLoopback(String url) {
        try {
            String host = URI.create(url).getHost();
            return host != null && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                    || host.equals("::1"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The risk limits in force, for the dialog: {@code max drawdown 25 % · allocation 10 % · …}. */
    public String limitsText() {
        return "max drawdown " + pct(limits.maxDrawdownHalt()) + " % (trading halts) · allocation "
                + pct(limits.allocationFraction()) + " % of equity per entry · max position "
                + pct(limits.maxPositionFraction()) + " % of equity";
    }

    private static String pct(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    /** What is traded: {@code BTCUSDT · SPOT}. */
    public String instrumentText() {
        return symbol + " · " + market;
    }

    /** Why LIVE is impossible here, or empty. */
    public String blockedReason() {
        return blocked;
    }

    /** True while the vault is unlocked (as of the last {@link #refresh()}). */
    public ReadOnlyBooleanProperty unlockedProperty() { return unlocked.getReadOnlyProperty(); }
    /** Active vault entries of the market's Binance kind. */
    public ObservableList<KeyChoice> entries() { return entries; }
    /** The venues offered. */
    public ObservableList<Target> targets() { return targets; }
    /** The chosen entry (the account). */
    public ObjectProperty<KeyChoice> entryProperty() { return entry; }
    /** The chosen venue. */
    public ObjectProperty<Target> targetProperty() { return target; }
    /** What the user typed. */
    public StringProperty typedProperty() { return typed; }
    /** The phrase to type (empty until an entry and a venue are chosen). */
    public ReadOnlyStringProperty expectedPhraseProperty() { return expected.getReadOnlyProperty(); }
    /** The last refusal, naming the field and the rule; cleared when the phrase is edited. */
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }

    @Override
    public String toString() {
        return "GoLiveViewModel[" + instrumentText() + ", " + String.join("/", targets.stream().map(Target::word)
                .toList()).toLowerCase(Locale.ROOT) + "]";
    }
}
