package dev.pennant.core.ai.sentiment;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A source of sentiment behind one interface: news feeds, the Fear &amp; Greed index, Binance market positioning,
 * social sources. Each is optional; {@link SentimentMonitor} polls them (every 10 minutes by default).
 */
public interface SentimentSource {

    /** A short unique name, e.g. {@code "coindesk-rss"}. */
    String name();

    /** The family of its items. */
    SentimentCategory category();

    /**
     * Reads the source now.
     *
     * @param now the poll time (sources that filter by age use it)
     * @return the scored items, newest first where the source has an order
     * @throws IOException when the source cannot be read or parsed (the message names the source)
     */
    List<SentimentItem> poll(Instant now) throws IOException;
}
