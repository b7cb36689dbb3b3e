package dev.pennant.core.vault;

import dev.pennant.core.model.Market;

/** LIVE trading refused: the API key is not permitted on the market. */
public final class KeyPermissionException extends Exception {
    private static final long serialVersionUID = 1L;
    private final Market market;

    public KeyPermissionException(Market market, String message) {
        super(message);
        this.market = market;
    }

    public Market market() {
        return market;
    }
}
