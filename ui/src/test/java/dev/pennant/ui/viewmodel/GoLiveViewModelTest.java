package dev.pennant.ui.viewmodel;

import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.execution.LiveAuthorization;
import dev.pennant.core.model.Market;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Every guard rail of going LIVE, without a JavaFX toolkit and without any venue (nothing is built). */
class GoLiveViewModelTest {
    private static final KdfParams FAST = new KdfParams(64, 1, 1);
    /** max drawdown 12.5 %: the phrase's percent is computed from it (0.125 × 100, trailing zeros stripped). */
    private static final RiskLimits LIMITS = new RiskLimits(0.1, 0.5, 0.125, new BigDecimal("0.001"));

    @TempDir
    Path dir;
    private UnlockedVault vault;
    private boolean locked;
    private final AtomicInteger lookups = new AtomicInteger();

    @BeforeEach
    void vault() throws Exception {
        vault = VaultFile.create(VaultFile.defaultPath(dir), "test password not real".toCharArray(), FAST,
                VaultOptions.defaults().withPolicy(new KdfPolicy(FAST, KdfPolicy.DEFAULT_CEILING)));
        try (NewEntry sim = NewEntry.builder("sim", EntryKind.BINANCE_SPOT).environment(KeyEnvironment.TESTNET)
                .apiKey("sim-key-not-real".toCharArray()).secret("sim-secret-not-real".toCharArray()).build();
             NewEntry main = NewEntry.builder("main", EntryKind.BINANCE_SPOT).environment(KeyEnvironment.MAINNET)
                     .apiKey("fake-key-not-real".toCharArray()).secret("fake-secret-not-real".toCharArray()).build();
             NewEntry fut = NewEntry.builder("futures", EntryKind.BINANCE_FUTURES).environment(KeyEnvironment.TESTNET)
                     .apiKey("fake-key-not-real".toCharArray()).secret("fake-secret-not-real".toCharArray()).build()) {
            vault.put(sim);
            vault.put(main);
            vault.put(fut);
        }
    }

    @AfterEach
    void close() {
        vault.close();
    }

    private GoLiveViewModel vm(String exchangeUrl) {
        return new GoLiveViewModel(() -> locked ? Optional.empty() : Optional.of(vault), Market.SPOT, "BTCUSDT", LIMITS,
                exchangeUrl, "", (v, id, p) -> {
                    lookups.incrementAndGet();
                    return null;
                });
    }

    private static void choose(GoLiveViewModel vm, String label) {
        vm.entryProperty().set(vm.entries().stream().filter(e -> e.label().equals(label)).findFirst().orElseThrow());
    }

    @Test
    void aLockedVaultIsRefusedAndNamesTheVault() {
        locked = true;
        GoLiveViewModel vm = vm("http://127.0.0.1:18090");
        assertThat(vm.unlockedProperty().get()).isFalse();
        assertThat(vm.entries()).isEmpty();
        vm.typedProperty().set("LIVE sim SPOT local max-drawdown 12.5%");
        assertThat(vm.confirm()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("vault: the vault is locked; unlock it before going LIVE");
        // unlocking and refreshing lists the market's entries: the two spot keys, not the futures one
        locked = false;
        vm.refresh();
        assertThat(vm.unlockedProperty().get()).isTrue();
        assertThat(vm.entries()).extracting(e -> e.label()).containsExactlyInAnyOrder("sim", "main");
    }

    @Test
    void noKeyChosenIsRefusedAndAMarketWithoutKeysSaysSo() throws Exception {
        GoLiveViewModel vm = vm("http://127.0.0.1:18090");
        assertThat(vm.entryProperty().get()).isNull(); // two candidates: the user must choose
        assertThat(vm.expectedPhraseProperty().get()).isEmpty();
        assertThat(vm.confirm()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("key: choose the vault entry whose API key trades SPOT");

        GoLiveViewModel fut = new GoLiveViewModel(() -> Optional.of(vault), Market.USDM_FUTURES, "ETHUSDT", LIMITS,
                null, "", (v, id, p) -> null);
        assertThat(fut.entries()).extracting(e -> e.label()).containsExactly("futures");
        assertThat(fut.entryProperty().get().label()).isEqualTo("futures"); // the only one is preselected
        vault.remove(fut.entries().getFirst().id());
        fut.refresh();
        assertThat(fut.confirm()).isEmpty();
        assertThat(fut.errorProperty().get()).isEqualTo("key: the vault holds no active BINANCE_FUTURES entry for "
                + "USDM_FUTURES; add one with `pennant vault add`");
    }

    @Test
    void aWrongPhraseIsRefusedNamingTheRuleAndEditingClearsTheError() {
        GoLiveViewModel vm = vm("http://127.0.0.1:18090");
        assertThat(vm.targets()).containsExactly(GoLiveViewModel.Target.LOCAL_SIMULATOR);
        choose(vm, "sim");
        assertThat(vm.expectedPhraseProperty().get()).isEqualTo("LIVE sim SPOT local max-drawdown 12.5%");
        vm.typedProperty().set("LIVE sim SPOT local max-drawdown 25%");
        assertThat(vm.confirm()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("confirmation: must be exactly 'LIVE sim SPOT local "
                + "max-drawdown 12.5%' (account label, market, venue and max drawdown, separated by single spaces)");
        vm.typedProperty().set("LIVE sim SPOT local max-drawdown 12.5");
        assertThat(vm.errorProperty().get()).isEmpty();

        // testnet: LiveAuthorization names the field that differs
        GoLiveViewModel net = vm(null);
        assertThat(net.targets()).containsExactly(GoLiveViewModel.Target.TESTNET, GoLiveViewModel.Target.MAINNET);
        choose(net, "sim");
        assertThat(net.expectedPhraseProperty().get()).isEqualTo("LIVE sim SPOT testnet max-drawdown 12.5%");
        net.typedProperty().set("LIVE sim SPOT mainnet max-drawdown 12.5%");
        assertThat(net.confirm()).isEmpty();
        assertThat(net.errorProperty().get()).isEqualTo("confirmation: field 'profile' must be 'testnet', was "
                + "'mainnet' (type exactly: LIVE sim SPOT testnet max-drawdown 12.5%)");
    }

    @Test
    void aMainnetKeyIsRefusedByTheSimulatorAndATestnetKeyByMainnet() {
        GoLiveViewModel vm = vm("http://localhost:18090");
        choose(vm, "main");
        vm.typedProperty().set(vm.expectedPhraseProperty().get());
        assertThat(vm.confirm()).isEmpty();
        assertThat(vm.errorProperty().get()).isEqualTo("key: the local simulator takes TESTNET keys only; 'main' "
                + "holds a MAINNET key");

        GoLiveViewModel net = vm(null);
        choose(net, "sim");
        net.targetProperty().set(GoLiveViewModel.Target.MAINNET);
        net.typedProperty().set("LIVE sim SPOT mainnet max-drawdown 12.5%");
        assertThat(net.confirm()).isEmpty();
        assertThat(net.errorProperty().get()).isEqualTo("profile: entry 'sim' holds a TESTNET key, the profile is "
                + "MAINNET");
    }

    @Test
    void aThirdPartyExchangeUrlOffersNoVenueAndAReplayIsBlocked() {
        GoLiveViewModel vm = vm("https://example.invalid");
        assertThat(vm.targets()).isEmpty();
        choose(vm, "sim");
        assertThat(vm.confirm()).isEmpty();
        assertThat(vm.errorProperty().get()).startsWith("venue: LIVE trades on Binance testnet/mainnet or on a "
                + "loopback simulator");
        GoLiveViewModel replay = new GoLiveViewModel(() -> Optional.of(vault), Market.SPOT, "BTCUSDT", LIMITS,
                null, "market data: replaying", (v, id, p) -> null);
        assertThat(replay.confirm()).isEmpty();
        assertThat(replay.errorProperty().get()).isEqualTo("market data: replaying");
    }

    @Test
    void theExactPhraseGrantsTheSimulatorAndTestnetWithAnAuthorization() {
        GoLiveViewModel vm = vm("http://127.0.0.1:18090");
        choose(vm, "sim");
        vm.typedProperty().set("LIVE sim SPOT local max-drawdown 12.5%");
        GoLiveViewModel.LiveGrant g = vm.confirm().orElseThrow();
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(g.target()).isEqualTo(GoLiveViewModel.Target.LOCAL_SIMULATOR);
        assertThat(g.accountLabel()).isEqualTo("sim");
        assertThat(g.market()).isEqualTo(Market.SPOT);
        assertThat(g.endpoints()).isEqualTo(BinanceEndpoints.withBase("http://127.0.0.1:18090"));
        assertThat(g.authorization()).isNull(); // the loopback simulator needs none (BinanceExecutionClient.local)

        GoLiveViewModel net = vm(null);
        choose(net, "sim");
        net.typedProperty().set("LIVE sim SPOT testnet max-drawdown 12.5%");
        GoLiveViewModel.LiveGrant t = net.confirm().orElseThrow();
        LiveAuthorization auth = t.authorization();
        assertThat(auth).isNotNull();
        assertThat(auth.profile()).isEqualTo(LiveAuthorization.Profile.TESTNET);
        assertThat(auth.market()).isEqualTo(Market.SPOT);
        assertThat(auth.accountLabel()).isEqualTo("sim");
        assertThat(auth.limits()).isEqualTo(LIMITS);
        assertThat(auth.confirmation()).isEqualTo("LIVE sim SPOT testnet max-drawdown 12.5%");
        assertThat(t.endpoints()).isEqualTo(BinanceEndpoints.TESTNET);
        assertThat(lookups.get()).isEqualTo(1); // the restrictions were asked for once, on the grant
        assertThat(vm.limitsText()).isEqualTo("max drawdown 12.5 % (trading halts) · allocation 10 % of equity per "
                + "entry · max position 50 % of equity");
    }

    @Test
    void theMainnetRestrictionsLookupRunsOffTheCallersThreadAndTheButtonWaits() throws Exception {
        java.util.List<Runnable> io = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<String> askedOn = new java.util.concurrent.atomic.AtomicReference<>();
        GoLiveViewModel net = new GoLiveViewModel(() -> Optional.of(vault), Market.SPOT, "BTCUSDT", LIMITS, null, "",
                (v, id, p) -> {
                    askedOn.set(Thread.currentThread().getName());
                    throw new java.io.IOException("connect timed out");
                });
        choose(net, "main");
        net.targetProperty().set(GoLiveViewModel.Target.MAINNET);
        net.typedProperty().set(net.expectedPhraseProperty().get());
        var answer = net.confirmAsync(io::add, Runnable::run);
        assertThat(askedOn.get()).as("nothing asked on the caller's (FX) thread").isNull();
        assertThat(net.busyProperty().get()).isTrue();
        assertThat(answer).isNotDone();
        Thread worker = new Thread(io.getFirst(), "golive-test-io");
        worker.start();
        worker.join();
        assertThat(askedOn.get()).isEqualTo("golive-test-io");
        assertThat(answer.get()).isEmpty();
        assertThat(net.busyProperty().get()).isFalse();
        assertThat(net.errorProperty().get()).isEqualTo("restrictions: could not read the key's restrictions from "
                + "mainnet (connect timed out); nothing was started");
    }
}
