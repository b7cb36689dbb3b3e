package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.exchange.binance.BinanceExecutionClient;
import dev.pennant.core.execution.Reconciler;
import dev.pennant.core.marketdata.MarketDataSource;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryStore;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Opens the window's LIVE sessions (io thread; blocking REST calls): the ledger starts from the account's balance
 * of the quote asset at the venue ({@link BinanceExecutionClient#walletBalance}: spot free + locked, USDⓈ-M wallet
 * balance) instead of the configured paper amount, and the {@link Reconciler} is on — at start and after every
 * reconnect of a user-data stream — over the session's instrument, with trades from the venue's time at start and,
 * on spot, the venue's balances at start as the baseline (so holdings from before the session are not differences).
 */
final class LiveSessions {

    private LiveSessions() {
    }

    /**
     * A LIVE session on {@code grant}'s venue, its user-data streams started and reconciled once (the session itself
     * is not started yet).
     *
     * @param onReconciled every reconciliation result, on the engine thread
     * @throws Exception what the venue answers (no balance, refused listenKey, I/O); nothing stays open then
     */
    static PaperSession open(EngineConfig config, MarketDataSource src, HistoryStore store,
                             GoLiveViewModel.LiveGrant grant, Consumer<Reconciler.Result> onReconciled) throws Exception {
        Market market = config.instrument().market();
        String quote = config.instrument().quoteAsset();
        PaperSession live = PaperSession.live(config, src, store, grant.venueFactory(config.instrument()), "LIVE",
                v -> v instanceof BinanceExecutionClient c ? c.walletBalance(market, quote) : config.startingCash());
        try {
            if (live.venue() instanceof BinanceExecutionClient c) {
                Reconciler.VenueQuery venue = c.venueQuery();
                Map<String, BigDecimal> baseline = market == Market.SPOT ? venue.balances(Market.SPOT) : Map.of();
                Reconciler.Scope scope = new Reconciler.Scope(List.of(config.instrument()), venue.time());
                c.enableReconciliation(() -> scope, () -> new Reconciler.LocalState(live.engine().execution().orders(),
                        c.bookedFills(), live.engine().portfolio().positions(), baseline), onReconciled);
                c.start(); // user-data streams (listenKey) before the first order, then the first reconciliation
            }
            return live;
        } catch (Exception e) {
            live.close();
            throw e;
        }
    }

    /** The session's config with the ledger's actual starting cash (the venue's balance for LIVE). */
    static EngineConfig asStarted(EngineConfig config, PaperSession s) {
        BigDecimal cash = s.engine().portfolio().startingCash();
        return new EngineConfig(config.instrument(), config.interval(), cash, config.feeRate(), config.strategy(),
                config.risk());
    }
}
