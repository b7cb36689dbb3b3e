-- V3: every Binance order type and option, futures positionSide on fills and positions, sampled equity rows,
-- and the indexes the history views query by. Existing rows keep their values; new columns get the values the
-- pre-V3 model implied (spot, one-way, no stop, not triggered).

-- Order type names up to 20 chars (TRAILING_STOP_MARKET), statuses up to 16 (EXPIRED_IN_MATCH): room to spare.
ALTER TABLE trade_order ALTER COLUMN order_type SET DATA TYPE VARCHAR(32);
ALTER TABLE trade_order ALTER COLUMN status SET DATA TYPE VARCHAR(32);
ALTER TABLE trade_order ADD COLUMN market           VARCHAR(16)    DEFAULT 'SPOT' NOT NULL;
ALTER TABLE trade_order ADD COLUMN position_side    VARCHAR(8)     DEFAULT 'BOTH' NOT NULL;
-- quote asset prices; callback_rate is in percent (Binance callbackRate 0.1..10)
ALTER TABLE trade_order ADD COLUMN stop_price       DECIMAL(38,12);
ALTER TABLE trade_order ADD COLUMN quote_order_qty  DECIMAL(38,12);
ALTER TABLE trade_order ADD COLUMN callback_rate    DECIMAL(38,12);
ALTER TABLE trade_order ADD COLUMN activation_price DECIMAL(38,12);
ALTER TABLE trade_order ADD COLUMN working_type     VARCHAR(16)    DEFAULT 'CONTRACT_PRICE' NOT NULL;
ALTER TABLE trade_order ADD COLUMN reduce_only      BOOLEAN        DEFAULT FALSE NOT NULL;
ALTER TABLE trade_order ADD COLUMN close_position   BOOLEAN        DEFAULT FALSE NOT NULL;
-- GTD expiry, epoch ms UTC; 0 when not GTD
ALTER TABLE trade_order ADD COLUMN good_till_date   BIGINT         DEFAULT 0 NOT NULL;
ALTER TABLE trade_order ADD COLUMN order_list_id    VARCHAR(64);
ALTER TABLE trade_order ADD COLUMN parent_id        VARCHAR(40);
ALTER TABLE trade_order ADD COLUMN strategy_id      VARCHAR(64);
ALTER TABLE trade_order ADD COLUMN triggered        BOOLEAN        DEFAULT FALSE NOT NULL;
ALTER TABLE trade_order ADD COLUMN venue_order_id   VARCHAR(64);

ALTER TABLE fill ADD COLUMN market        VARCHAR(16) DEFAULT 'SPOT' NOT NULL;
ALTER TABLE fill ADD COLUMN position_side VARCHAR(8)  DEFAULT 'BOTH' NOT NULL;
-- Fill pages (HistoryStore.fillPage) filter by session, or by symbol and side, or only by time, and sort by event
-- time then id. H2 reads a page straight off an index only when the ORDER BY lists the index columns from the first
-- (the equality columns included), so each index ends with event_time, id and fillPage orders by exactly these.
CREATE INDEX ix_fill_session_time ON fill(session_id, event_time, id);
CREATE INDEX ix_fill_symbol_side_time ON fill(symbol, side, event_time, id);
CREATE INDEX ix_fill_time ON fill(event_time, id);

-- Hedge mode holds a LONG and a SHORT position per symbol.
ALTER TABLE position_snapshot ADD COLUMN market        VARCHAR(16) DEFAULT 'SPOT' NOT NULL;
ALTER TABLE position_snapshot ADD COLUMN position_side VARCHAR(8)  DEFAULT 'BOTH' NOT NULL;
ALTER TABLE position_snapshot DROP PRIMARY KEY;
ALTER TABLE position_snapshot ADD CONSTRAINT pk_position PRIMARY KEY (session_id, symbol, position_side);

-- One equity row now stands for bar_count bars (sampling, decision 0012): equity etc. are those of its last bar,
-- min/max_equity the extremes over its bars, so drawdowns survive sampling. Old rows are one bar each.
ALTER TABLE equity_snapshot ADD COLUMN min_equity DECIMAL(38,12);
ALTER TABLE equity_snapshot ADD COLUMN max_equity DECIMAL(38,12);
ALTER TABLE equity_snapshot ADD COLUMN bar_count  INTEGER DEFAULT 1 NOT NULL;
UPDATE equity_snapshot SET min_equity = equity, max_equity = equity;
ALTER TABLE equity_snapshot ALTER COLUMN min_equity SET NOT NULL;
ALTER TABLE equity_snapshot ALTER COLUMN max_equity SET NOT NULL;

-- PAPER and LIVE (and BACKTEST) histories are listed apart.
CREATE INDEX ix_session_mode ON trading_session(mode, started_at);
