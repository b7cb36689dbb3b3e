package dev.pennant.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Row of {@code trading_session}. Package-private mapping type; callers use {@link SessionInfo}. */
@Entity
@Table(name = "trading_session")
class SessionEntity {
    @Id String id;
    @Column(nullable = false) String mode;
    @Column(nullable = false) String venue;
    @Column(nullable = false) String source;
    @Column(nullable = false) String symbol;
    @Column(name = "interval_code", nullable = false) String intervalCode;
    @Column(nullable = false) String strategy;
    @Column(name = "quote_asset", nullable = false) String quoteAsset;
    @Column(name = "starting_cash", nullable = false, precision = 38, scale = 12) BigDecimal startingCash;
    @Column(name = "started_at", nullable = false) long startedAt;
    @Column(name = "ended_at") Long endedAt;

    protected SessionEntity() {
    }

    static SessionEntity of(SessionInfo s) {
        SessionEntity e = new SessionEntity();
        e.id = s.id();
        e.mode = s.mode();
        e.venue = s.venue();
        e.source = s.source().length() > 500 ? s.source().substring(0, 500) : s.source();
        e.symbol = s.symbol();
        e.intervalCode = s.interval().code();
        e.strategy = s.strategy();
        e.quoteAsset = s.quoteAsset();
        e.startingCash = s.startingCash();
        e.startedAt = s.startedAt();
        e.endedAt = s.endedAt();
        return e;
    }

    SessionInfo toInfo() {
        return new SessionInfo(id, mode, venue, source, symbol, dev.pennant.core.model.Interval.parse(intervalCode),
                strategy, quoteAsset, startingCash, startedAt, endedAt);
    }
}
