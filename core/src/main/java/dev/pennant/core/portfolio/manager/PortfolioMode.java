package dev.pennant.core.portfolio.manager;

/** Whether a portfolio trades on the paper venue or on the exchange. */
public enum PortfolioMode {
    PAPER, LIVE
}
