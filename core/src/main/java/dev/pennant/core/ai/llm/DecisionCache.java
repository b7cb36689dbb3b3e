package dev.pennant.core.ai.llm;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Model answers by (symbol, bar, prompt version, model), so a backtest replays an AI-assisted strategy exactly and
 * without calling the model again. Only received answers are cached (valid or not), never transport failures.
 */
public interface DecisionCache {

    /**
     * The key.
     *
     * @param symbol     symbol
     * @param barTime    the bar's close time, epoch ms UTC
     * @param promptHash {@link PromptTemplate#HASH}
     * @param model      model name
     */
    record Key(String symbol, long barTime, String promptHash, String model) {
    }

    /**
     * A cached answer.
     *
     * @param rawOutput    the model's message content
     * @param inputTokens  usage of the original call
     * @param outputTokens usage of the original call
     */
    record Entry(String rawOutput, int inputTokens, int outputTokens) {
    }

    /** The cached answer for {@code key}. */
    Optional<Entry> get(Key key);

    /** Stores an answer (the first one for a key wins). */
    void put(Key key, Entry entry);

    /** A cache in memory (tests, one-shot commands). */
    static DecisionCache inMemory() {
        ConcurrentHashMap<Key, Entry> m = new ConcurrentHashMap<>();
        return new DecisionCache() {
            @Override public Optional<Entry> get(Key key) { return Optional.ofNullable(m.get(key)); }
            @Override public void put(Key key, Entry entry) { m.putIfAbsent(key, entry); }
        };
    }
}
