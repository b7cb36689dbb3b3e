package dev.pennant.core.persistence;

import dev.pennant.core.model.EquitySnapshot;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Row of {@code equity_snapshot}: one {@link EquitySample} (columns: V1, V3). */
@Entity
@Table(name = "equity_snapshot")
class EquityEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "session_id", nullable = false) String sessionId;
    @Column(name = "event_time", nullable = false) long eventTime;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal cash;
    @Column(name = "position_value", nullable = false, precision = 38, scale = 12) BigDecimal positionValue;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal equity;
    @Column(name = "realized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal realizedPnl;
    @Column(name = "unrealized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal unrealizedPnl;
    @Column(name = "min_equity", nullable = false, precision = 38, scale = 12) BigDecimal minEquity;
    @Column(name = "max_equity", nullable = false, precision = 38, scale = 12) BigDecimal maxEquity;
    @Column(name = "bar_count", nullable = false) int barCount;

    protected EquityEntity() {
    }

    static EquityEntity of(String sessionId, EquitySample sample) {
        EquityEntity e = new EquityEntity();
        e.sessionId = sessionId;
        e.set(sample);
        return e;
    }

    /** Overwrites the values (the recorder's open sample row moves forward with each flush). */
    void set(EquitySample sample) {
        EquitySnapshot s = sample.last();
        eventTime = s.time();
        cash = scale(s.cash());
        positionValue = scale(s.positionValue());
        equity = scale(s.equity());
        realizedPnl = scale(s.realizedPnl());
        unrealizedPnl = scale(s.unrealizedPnl());
        minEquity = scale(sample.minEquity());
        maxEquity = scale(sample.maxEquity());
        barCount = sample.bars();
    }

    private static BigDecimal scale(BigDecimal v) {
        return v.setScale(12, RoundingMode.HALF_EVEN);
    }

    EquitySnapshot toSnapshot() {
        return new EquitySnapshot(eventTime, cash.stripTrailingZeros(), positionValue.stripTrailingZeros(),
                equity.stripTrailingZeros(), realizedPnl.stripTrailingZeros(), unrealizedPnl.stripTrailingZeros());
    }

    EquitySample toSample() {
        return new EquitySample(toSnapshot(), minEquity.stripTrailingZeros(), maxEquity.stripTrailingZeros(), barCount);
    }
}
