-- V7: imported Binance market data for backtests (decision 0018). Times are epoch milliseconds UTC; prices in the
-- quote asset, quantities in the base asset, DECIMAL(38,12) like the history tables. The primary keys are Binance's
-- own identities, so importing the same rows again (overlapping files, a re-run) replaces them instead of doubling.
-- market is SPOT or USDM_FUTURES (dev.pennant.core.model.Market).

CREATE TABLE market_bar (
    market          VARCHAR(16)    NOT NULL,
    symbol          VARCHAR(32)    NOT NULL,
    interval_code   VARCHAR(4)     NOT NULL,
    open_time       BIGINT         NOT NULL,
    close_time      BIGINT         NOT NULL,
    open_price      DECIMAL(38,12) NOT NULL,
    high_price      DECIMAL(38,12) NOT NULL,
    low_price       DECIMAL(38,12) NOT NULL,
    close_price     DECIMAL(38,12) NOT NULL,
    volume          DECIMAL(38,12) NOT NULL,
    -- NULL / -1 where the source carried no such column (OHLCV-only files)
    quote_volume    DECIMAL(38,12),
    trades          BIGINT         NOT NULL,
    taker_buy_base  DECIMAL(38,12),
    taker_buy_quote DECIMAL(38,12),
    CONSTRAINT pk_market_bar PRIMARY KEY (market, symbol, interval_code, open_time)
);

-- data.binance.vision aggTrades: agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker[,is_best_match]
CREATE TABLE market_agg_trade (
    market          VARCHAR(16)    NOT NULL,
    symbol          VARCHAR(32)    NOT NULL,
    agg_trade_id    BIGINT         NOT NULL,
    price           DECIMAL(38,12) NOT NULL,
    quantity        DECIMAL(38,12) NOT NULL,
    first_trade_id  BIGINT         NOT NULL,
    last_trade_id   BIGINT         NOT NULL,
    trade_time      BIGINT         NOT NULL,
    buyer_maker     BOOLEAN        NOT NULL,
    best_match      BOOLEAN,
    CONSTRAINT pk_market_agg_trade PRIMARY KEY (market, symbol, agg_trade_id)
);
CREATE INDEX ix_agg_trade_time ON market_agg_trade(market, symbol, trade_time);

-- data.binance.vision trades: id,price,qty,quote_qty,time,is_buyer_maker[,is_best_match]
CREATE TABLE market_trade (
    market          VARCHAR(16)    NOT NULL,
    symbol          VARCHAR(32)    NOT NULL,
    trade_id        BIGINT         NOT NULL,
    price           DECIMAL(38,12) NOT NULL,
    quantity        DECIMAL(38,12) NOT NULL,
    quote_quantity  DECIMAL(38,12),
    trade_time      BIGINT         NOT NULL,
    buyer_maker     BOOLEAN        NOT NULL,
    best_match      BOOLEAN,
    CONSTRAINT pk_market_trade PRIMARY KEY (market, symbol, trade_id)
);
CREATE INDEX ix_trade_time ON market_trade(market, symbol, trade_time);

-- Per-file import progress, so a killed import continues where it stopped. Keyed by the SHA-256 of the file's bytes:
-- the same content under another name is the same import; a changed file starts over. rows_done counts the rows of
-- the file already committed (in the importer's row order); status RUNNING until the last chunk, then DONE.
CREATE TABLE market_import_file (
    sha256          CHAR(64)       NOT NULL PRIMARY KEY,
    file_name       VARCHAR(500)   NOT NULL,
    kind            VARCHAR(16)    NOT NULL,
    market          VARCHAR(16)    NOT NULL,
    symbol          VARCHAR(32)    NOT NULL,
    interval_code   VARCHAR(4),
    rows_done       BIGINT         NOT NULL,
    rows_total      BIGINT,
    status          VARCHAR(8)     NOT NULL,
    started_at      BIGINT         NOT NULL,
    updated_at      BIGINT         NOT NULL
);
