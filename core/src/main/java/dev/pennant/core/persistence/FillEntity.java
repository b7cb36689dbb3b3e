package dev.pennant.core.persistence;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Row of {@code fill} (columns: V1, V3). */
@Entity
@Table(name = "fill")
class FillEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) Long id;
    @Column(name = "session_id", nullable = false) String sessionId;
    @Column(name = "trade_id", nullable = false) long tradeId;
    @Column(name = "client_order_id", nullable = false) String clientOrderId;
    @Column(nullable = false) String symbol;
    @Column(nullable = false) String side;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal quantity;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal price;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal commission;
    @Column(name = "commission_asset", nullable = false) String commissionAsset;
    @Column(name = "liquidity_side", nullable = false) String liquiditySide;
    @Column(name = "event_time", nullable = false) long eventTime;
    @Column(name = "realized_pnl", nullable = false, precision = 38, scale = 12) BigDecimal realizedPnl;
    @Column(nullable = false) String market;
    @Column(name = "position_side", nullable = false) String positionSide;

    protected FillEntity() {
    }

    static FillEntity of(String sessionId, Fill f) {
        FillEntity e = new FillEntity();
        e.sessionId = sessionId;
        e.tradeId = f.tradeId();
        e.clientOrderId = f.clientOrderId();
        e.symbol = f.symbol();
        e.side = f.side().name();
        e.quantity = f.quantity();
        e.price = f.price();
        e.commission = f.commission();
        e.commissionAsset = f.commissionAsset();
        e.liquiditySide = f.liquiditySide().name();
        e.eventTime = f.time();
        e.realizedPnl = f.realizedPnl();
        e.market = f.market().name();
        e.positionSide = f.positionSide().name();
        return e;
    }

    Fill toFill() {
        return new Fill(tradeId, clientOrderId, symbol, Side.valueOf(side), quantity.stripTrailingZeros(),
                price.stripTrailingZeros(), commission.stripTrailingZeros(), commissionAsset,
                LiquiditySide.valueOf(liquiditySide), eventTime, realizedPnl.stripTrailingZeros(),
                Market.valueOf(market), PositionSide.valueOf(positionSide));
    }
}
