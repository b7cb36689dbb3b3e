package dev.pennant.core.persistence;

import dev.pennant.core.model.Fill;

/**
 * A fill read back from the history with the session it belongs to (a {@link FillQuery} may span sessions).
 *
 * @param sessionId the session that made the fill
 * @param fill      the fill
 */
public record StoredFill(String sessionId, Fill fill) {
}
