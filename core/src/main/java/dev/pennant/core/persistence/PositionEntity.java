package dev.pennant.core.persistence;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** Row of {@code position_snapshot}: the latest position per session, symbol and positionSide (V1, V3). */
@Entity
@Table(name = "position_snapshot")
@IdClass(PositionEntity.Key.class)
class PositionEntity {
    @Id @Column(name = "session_id") String sessionId;
    @Id String symbol;
    @Id @Column(name = "position_side") String positionSide;
    @Column(nullable = false) String market;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal quantity;
    @Column(name = "average_entry_price", nullable = false, precision = 38, scale = 12) BigDecimal averageEntryPrice;
    @Column(name = "last_price", nullable = false, precision = 38, scale = 12) BigDecimal lastPrice;
    @Column(name = "realized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal realizedPnl;
    @Column(name = "unrealized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal unrealizedPnl;
    @Column(name = "updated_time", nullable = false) long updatedTime;

    protected PositionEntity() {
    }

    /** Composite key (session, symbol, positionSide): hedge mode holds LONG and SHORT of one symbol. */
    static final class Key implements Serializable {
        String sessionId;
        String symbol;
        String positionSide;

        public Key() {
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(sessionId, k.sessionId) && Objects.equals(symbol, k.symbol)
                    && Objects.equals(positionSide, k.positionSide);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sessionId, symbol, positionSide);
        }
    }

    static PositionEntity of(String sessionId, Position p) {
        PositionEntity e = new PositionEntity();
        e.sessionId = sessionId;
        e.symbol = p.symbol();
        e.positionSide = p.positionSide().name();
        e.market = p.market().name();
        e.quantity = p.quantity();
        // the portfolio divides to get the average, so its scale can exceed the column's 12
        e.averageEntryPrice = p.averageEntryPrice().setScale(12, RoundingMode.HALF_EVEN);
        e.lastPrice = p.lastPrice();
        e.realizedPnl = p.realizedPnl();
        e.unrealizedPnl = p.unrealizedPnl();
        e.updatedTime = p.updatedTime();
        return e;
    }

    Position toPosition() {
        return new Position(symbol, quantity.stripTrailingZeros(), averageEntryPrice.stripTrailingZeros(),
                lastPrice.stripTrailingZeros(), realizedPnl.stripTrailingZeros(), unrealizedPnl.stripTrailingZeros(),
                updatedTime, Market.valueOf(market), PositionSide.valueOf(positionSide));
    }
}
