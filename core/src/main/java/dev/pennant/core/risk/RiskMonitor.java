package dev.pennant.core.risk;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;

/**
 * The engine listener that feeds the risk engine's governors: closed bars (returns, ATR, freshness), forming bars
 * (freshness), venue acceptances and rejections (exchange-error breaker), fills (slippage breaker). Registered first
 * by the trading engine, so the governors see a bar before any order the bar's signals send. Engine thread only.
 */
public final class RiskMonitor implements EngineListener {

    private final RiskEngine risk;
    private String lastSymbol;
    private long lastTime = Long.MIN_VALUE;

    RiskMonitor(RiskEngine risk) {
        this.risk = risk;
    }

    @Override
    public void onBar(Bar bar, IndicatorSnapshot indicators) {
        if (bar.closeTime() == lastTime && bar.symbol().equals(lastSymbol)) {
            return; // one call per bound strategy: count the bar once
        }
        lastSymbol = bar.symbol();
        lastTime = bar.closeTime();
        double h = bar.high().doubleValue();
        double l = bar.low().doubleValue();
        double c = bar.close().doubleValue();
        risk.governor().onBar(bar.symbol(), h, l, c, bar.closeTime());
        PortfolioScope ps = risk.portfolios();
        if (ps != null) {
            for (String id : ps.portfolioIds()) {
                RiskGovernor g = ps.governor(id);
                if (g != null) {
                    g.onBar(bar.symbol(), h, l, c, bar.closeTime());
                }
            }
        }
    }

    @Override
    public void onBarUpdate(Bar bar) {
        long now = risk.now();
        if (now != Long.MIN_VALUE) {
            risk.governor().onData(now); // a forming bar arrived now: the feed is alive
        }
    }

    @Override
    public void onOrderEvent(OrderEvent e) {
        switch (e) {
            case OrderEvent.OrderRejected r when r.reason() != null && r.reason().startsWith("venue:") ->
                    each(g -> g.onVenueReject(r.eventTime(), r.reason()), r.order().clientOrderId());
            case OrderEvent.OrderAccepted a -> each(RiskGovernor::onVenueAccept, a.order().clientOrderId());
            default -> {
            }
        }
    }

    @Override
    public void onFill(Fill fill, Position position) {
        each(g -> g.onFill(fill.clientOrderId(), fill.price(), fill.time()), fill.clientOrderId());
    }

    private void each(java.util.function.Consumer<RiskGovernor> call, String clientOrderId) {
        call.accept(risk.governor());
        PortfolioScope ps = risk.portfolios();
        String pid = ps == null ? null : ps.assigned(clientOrderId);
        if (pid != null && ps.governor(pid) != null) {
            call.accept(ps.governor(pid));
        }
    }
}
