-- AI reasoning record (docs/decisions/0019): every automated decision (AI analysis, strategy signal, risk veto) with
-- its inputs, model, prompt hash, raw and parsed output, usage and latency; orders linked at entry and exit; the
-- outcome once the position closed. Plus the decision cache that lets a backtest replay AI answers without a call.
CREATE TABLE ai_decision (
    id              BIGINT AUTO_INCREMENT PRIMARY KEY,
    decision_time   BIGINT          NOT NULL,
    recorded_at     BIGINT          NOT NULL,
    kind            VARCHAR(20)     NOT NULL,
    status          VARCHAR(20)     NOT NULL,
    symbol          VARCHAR(40)     NOT NULL,
    strategy        VARCHAR(80),
    session_id      VARCHAR(40),
    signal_id       VARCHAR(80),
    action          VARCHAR(10),
    confidence      DOUBLE PRECISION,
    inputs_json     CHARACTER LARGE OBJECT,
    model           VARCHAR(120),
    prompt_hash     VARCHAR(20),
    raw_output      CHARACTER LARGE OBJECT,
    parsed_json     CHARACTER LARGE OBJECT,
    reason          VARCHAR(4000),
    latency_ms      BIGINT          NOT NULL DEFAULT 0,
    input_tokens    INT             NOT NULL DEFAULT 0,
    output_tokens   INT             NOT NULL DEFAULT 0,
    cost_usd        DECIMAL(20, 8)  NOT NULL DEFAULT 0,
    cached          BOOLEAN         NOT NULL DEFAULT FALSE,
    outcome_pnl     DECIMAL(38, 12),
    outcome_result  VARCHAR(10),
    outcome_at      BIGINT,
    reflection      VARCHAR(2000)
);
CREATE INDEX ai_decision_symbol ON ai_decision (symbol, decision_time);
CREATE INDEX ai_decision_recorded ON ai_decision (recorded_at);

CREATE TABLE ai_decision_order (
    decision_id     BIGINT       NOT NULL REFERENCES ai_decision(id),
    client_order_id VARCHAR(80)  NOT NULL,
    role            VARCHAR(10)  NOT NULL,
    PRIMARY KEY (decision_id, client_order_id)
);
CREATE INDEX ai_decision_order_coid ON ai_decision_order (client_order_id);

CREATE TABLE ai_decision_cache (
    symbol          VARCHAR(40)  NOT NULL,
    bar_time        BIGINT       NOT NULL,
    prompt_hash     VARCHAR(20)  NOT NULL,
    model           VARCHAR(120) NOT NULL,
    raw_output      CHARACTER LARGE OBJECT NOT NULL,
    input_tokens    INT          NOT NULL,
    output_tokens   INT          NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (symbol, bar_time, prompt_hash, model)
);
