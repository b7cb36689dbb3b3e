package dev.pennant.core.vault;

import dev.pennant.core.model.Market;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a Binance API key from its {@link ApiKeyRestrictions}: loud warnings for withdrawal permission and a missing
 * IP whitelist, a summary of its permissions, and the LIVE-trading gate per market.
 */
public final class KeyHygiene {
    private static final Logger LOG = LoggerFactory.getLogger(KeyHygiene.class);

    /** How loud a finding is. */
    public enum Severity {
        /** Show prominently (red banner, confirmation); the key can move money out or be used from anywhere. */
        CRITICAL,
        /** Worth fixing. */
        WARNING,
        /** Informational (which permissions the key has). */
        INFO
    }

    /** Kind of finding. */
    public enum Code {
        WITHDRAWALS_ENABLED,
        NO_IP_RESTRICTION,
        INTERNAL_TRANSFER_ENABLED,
        UNIVERSAL_TRANSFER_ENABLED,
        NO_TRADING_PERMISSION,
        READING_DISABLED,
        PERMISSIONS
    }

    /**
     * One finding.
     *
     * @param severity how loud
     * @param code     machine-readable kind
     * @param message  user-facing text (no secrets)
     */
    public record Warning(Severity severity, Code code, String message) {
        /** True for {@link Severity#CRITICAL}. */
        public boolean loud() {
            return severity == Severity.CRITICAL;
        }
    }

    private KeyHygiene() {
    }

    /** All findings, CRITICAL first, ending with an INFO line listing the permissions. */
    public static List<Warning> assess(ApiKeyRestrictions r) {
        List<Warning> out = new ArrayList<>();
        if (r.enableWithdrawals()) {
            out.add(new Warning(Severity.CRITICAL, Code.WITHDRAWALS_ENABLED,
                    "WITHDRAWALS ARE ENABLED on this API key: anyone holding it can move funds off the exchange. "
                            + "Pennant never withdraws; create a key with withdrawals disabled."));
        }
        if (!r.ipRestrict()) {
            out.add(new Warning(Severity.CRITICAL, Code.NO_IP_RESTRICTION,
                    "NO IP WHITELIST on this API key: it works from any computer in the world if it leaks. "
                            + "Restrict it to your IP address in the Binance API management page."));
        }
        if (r.enableInternalTransfer()) {
            out.add(new Warning(Severity.WARNING, Code.INTERNAL_TRANSFER_ENABLED,
                    "Internal transfer between accounts is enabled; Pennant does not need it."));
        }
        if (r.permitsUniversalTransfer()) {
            out.add(new Warning(Severity.WARNING, Code.UNIVERSAL_TRANSFER_ENABLED,
                    "Universal transfer is enabled; Pennant does not need it."));
        }
        if (!r.enableReading()) {
            out.add(new Warning(Severity.WARNING, Code.READING_DISABLED,
                    "Reading is disabled: Pennant cannot load balances or orders with this key."));
        }
        if (!r.enableSpotAndMarginTrading() && !r.enableFutures()) {
            out.add(new Warning(Severity.WARNING, Code.NO_TRADING_PERMISSION,
                    "The key has no trading permission (spot or futures): LIVE trading will be refused."));
        }
        out.add(new Warning(Severity.INFO, Code.PERMISSIONS, "Permissions: " + describe(r)));
        return List.copyOf(out);
    }

    /** One line: e.g. {@code "reading, spot & margin trading, futures; withdrawals DISABLED; IP-restricted"}. */
    public static String describe(ApiKeyRestrictions r) {
        List<String> p = new ArrayList<>();
        if (r.enableReading()) {
            p.add("reading");
        }
        if (r.enableSpotAndMarginTrading()) {
            p.add("spot & margin trading");
        }
        if (r.enableMargin()) {
            p.add("margin loans");
        }
        if (r.enableFutures()) {
            p.add("futures");
        }
        if (r.enablePortfolioMarginTrading()) {
            p.add("portfolio margin");
        }
        if (r.enableVanillaOptions()) {
            p.add("options");
        }
        if (r.enableInternalTransfer()) {
            p.add("internal transfer");
        }
        if (r.permitsUniversalTransfer()) {
            p.add("universal transfer");
        }
        String perms = p.isEmpty() ? "none" : String.join(", ", p);
        return perms + "; withdrawals " + (r.enableWithdrawals() ? "ENABLED" : "disabled") + "; "
                + (r.ipRestrict() ? "IP-restricted" : "NOT IP-restricted");
    }

    /** Whether the key may trade on {@code market}. */
    public static boolean permits(ApiKeyRestrictions r, Market market) {
        return r.permits(market);
    }

    /** The LIVE-trading gate: throws unless the key may trade on {@code market}. */
    public static void requireLivePermitted(ApiKeyRestrictions r, Market market) throws KeyPermissionException {
        if (!r.permits(market)) {
            throw new KeyPermissionException(market, "LIVE trading on " + market + " refused: the API key is not permitted"
                    + " for " + (market == Market.SPOT ? "spot trading (enableSpotAndMarginTrading)" : "futures (enableFutures)")
                    + ". Permissions: " + describe(r));
        }
    }

    /** Logs the findings (CRITICAL at WARN with a banner). {@code label} is the entry label, never the key. */
    public static void log(String label, List<Warning> warnings) {
        for (Warning w : warnings) {
            switch (w.severity()) {
                case CRITICAL -> LOG.warn("!!! API KEY '{}': {}", label, w.message());
                case WARNING -> LOG.warn("API key '{}': {}", label, w.message());
                case INFO -> LOG.info("API key '{}': {}", label, w.message());
            }
        }
    }
}
