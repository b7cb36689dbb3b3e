package dev.pennant.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

import java.io.IOException;

/**
 * Keeps a routine WebSocket drop out of the log as an ERROR with a stack trace (declared in
 * {@code pennant-logback.xml}).
 *
 * <p>Both Binance connectors ({@code com.binance.connector.client.utils.WebSocketConnection} and
 * {@code com.binance.connector.futures.client.utils.WebSocketConnection}) log every OkHttp {@code onFailure} as
 * {@code error("[Connection {}] Failure", id, throwable)}, i.e. with a full stack trace, although a dropped stream is
 * expected and Pennant reconnects by design ({@code BinanceLiveSource}, {@code StreamManager} log one WARN line per
 * drop with the reason). This filter denies exactly those events when the throwable is an {@link IOException} (EOF,
 * reset, timeout, refused, failed handshake) and logs one DEBUG line instead; anything else the connectors report at
 * ERROR (e.g. a runtime exception out of a callback) passes unchanged, stack trace included.
 */
public final class StreamDropLogFilter extends TurboFilter {

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (level != Level.ERROR || logger == null || format == null || !format.endsWith("] Failure")
                || !isConnectorSocketLogger(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        Throwable cause = t;
        if (cause == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable th) {
            cause = th; // SLF4J: a trailing throwable argument is the event's throwable
        }
        if (!(cause instanceof IOException)) {
            return FilterReply.NEUTRAL;
        }
        if (logger.isDebugEnabled()) {
            Object id = params != null && params.length > 0 && !(params[0] instanceof Throwable) ? params[0] : "?";
            logger.debug("[Connection {}] dropped: {}", id, cause.toString()); // DEBUG: not handled here again
        }
        return FilterReply.DENY;
    }

    /** The connectors' WebSocket connection loggers (spot and futures). */
    static boolean isConnectorSocketLogger(String name) {
        return name.startsWith("com.binance.connector.") && name.endsWith(".utils.WebSocketConnection");
    }
}
