-- Tamper-evident audit log of security events (issue 4), mirrored from the daily audit files by H2AuditSink.
-- One row per AuditRecord: hash = SHA-256 of the canonical JSON {seq,time,type,details,prev}; prev_hash links the chain.
-- time is epoch milliseconds UTC (like the history tables); details is a JSON object of non-secret strings.
CREATE TABLE audit_log (
    seq        BIGINT       NOT NULL PRIMARY KEY,
    time       BIGINT       NOT NULL,
    type       VARCHAR(40)  NOT NULL,
    details    JSON         NOT NULL,
    prev_hash  CHAR(64)     NOT NULL,
    hash       CHAR(64)     NOT NULL
);
