package dev.pennant.core.persistence;

import dev.pennant.core.model.Position;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/** Row of {@code position_snapshot}: the latest position per session and symbol. */
@Entity
@Table(name = "position_snapshot")
@IdClass(PositionEntity.Key.class)
class PositionEntity {
    @Id @Column(name = "session_id") String sessionId;
    @Id String symbol;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal quantity;
    @Column(name = "average_entry_price", nullable = false, precision = 38, scale = 12) BigDecimal averageEntryPrice;
    @Column(name = "last_price", nullable = false, precision = 38, scale = 12) BigDecimal lastPrice;
    @Column(name = "realized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal realizedPnl;
    @Column(name = "unrealized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal unrealizedPnl;
    @Column(name = "updated_time", nullable = false) long updatedTime;

    protected PositionEntity() {
    }

    /** Composite key (session, symbol). */
    static final class Key implements Serializable {
        String sessionId;
        String symbol;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sessionId, k.sessionId) && Objects.equals(symbol, k.symbol);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, symbol);
        }
    }

    static PositionEntity of(String sessionId, Position p) {
        PositionEntity e = new PositionEntity();
        e.sessionId = sessionId;
        e.symbol = p.symbol();
        e.quantity = p.quantity();
        e.averageEntryPrice = p.averageEntryPrice().setScale(12, java.math.RoundingMode.HALF_EVEN);
        e.lastPrice = p.lastPrice();
        e.realizedPnl = p.realizedPnl();
        e.unrealizedPnl = p.unrealizedPnl();
        e.updatedTime = p.updatedTime();
        return e;
    }

    Position toPosition() {
        return new Position(symbol, quantity.stripTrailingZeros(), averageEntryPrice.stripTrailingZeros(),
                lastPrice.stripTrailingZeros(), realizedPnl.stripTrailingZeros(), unrealizedPnl.stripTrailingZeros(),
                updatedTime);
    }
}
