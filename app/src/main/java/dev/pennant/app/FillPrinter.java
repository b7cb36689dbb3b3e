package dev.pennant.app;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;

/** Prints each fill on one line (CLI commands). */
final class FillPrinter implements EngineListener {

    private final PrintWriter out;

    private FillPrinter(PrintWriter out) {
        this.out = out;
    }

    static FillPrinter to(PrintWriter out) {
        return new FillPrinter(out);
    }

    /** A listener that prints nothing. */
    static final class None implements EngineListener {
    }

    @Override
    public void onFill(Fill f, Position p) {
        out.printf(Locale.ROOT, "fill: %s #%d %s %s %s @ %s fee %s %s realised %s position %s%n",
                Instant.ofEpochMilli(f.time()), f.tradeId(), f.clientOrderId(), f.side(),
                f.quantity().toPlainString(), f.price().stripTrailingZeros().toPlainString(),
                f.commission().stripTrailingZeros().toPlainString(), f.commissionAsset(),
                f.realizedPnl().setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString(),
                p.quantity().stripTrailingZeros().toPlainString());
        out.flush();
    }
}
