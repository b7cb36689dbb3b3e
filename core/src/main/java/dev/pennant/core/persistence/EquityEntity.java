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

/** Row of {@code equity_snapshot}. */
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

    protected EquityEntity() {
    }

    static EquityEntity of(String sessionId, EquitySnapshot s) {
        EquityEntity e = new EquityEntity();
        e.sessionId = sessionId;
        e.eventTime = s.time();
        e.cash = s.cash().setScale(12, RoundingMode.HALF_EVEN);
        e.positionValue = s.positionValue().setScale(12, RoundingMode.HALF_EVEN);
        e.equity = s.equity().setScale(12, RoundingMode.HALF_EVEN);
        e.realizedPnl = s.realizedPnl().setScale(12, RoundingMode.HALF_EVEN);
        e.unrealizedPnl = s.unrealizedPnl().setScale(12, RoundingMode.HALF_EVEN);
        return e;
    }

    EquitySnapshot toSnapshot() {
        return new EquitySnapshot(eventTime, cash.stripTrailingZeros(), positionValue.stripTrailingZeros(),
                equity.stripTrailingZeros(), realizedPnl.stripTrailingZeros(), unrealizedPnl.stripTrailingZeros());
    }
}
