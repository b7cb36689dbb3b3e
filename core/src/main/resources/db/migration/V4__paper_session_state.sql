-- The paper venue's and the engine ledger's state after the last order or fill of a paper session, so a restart can
-- resume it exactly (open orders with their queue positions, locks, positions, balances). JSON written in the same
-- transaction as the fill that changed it.
CREATE TABLE paper_session_state (
    session_id  VARCHAR(40)            NOT NULL PRIMARY KEY REFERENCES trading_session(id),
    state_json  CHARACTER LARGE OBJECT NOT NULL,
    updated_at  BIGINT                 NOT NULL
);
