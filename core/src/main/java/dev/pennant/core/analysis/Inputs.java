package dev.pennant.core.analysis;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the ordered, unmodifiable "inputs" maps every analysis result carries (for the reasoning panel to cite). */
final class Inputs {
    private Inputs() {
    }

    /** Alternating keys and values; values are numbers, strings or enums. */
    static Map<String, Object> of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of key/value arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** {@code base} plus more pairs, order kept. */
    static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.putAll(of(keyValues));
        return Collections.unmodifiableMap(m);
    }

    /** An unmodifiable ordered copy. */
    static Map<String, Object> copy(Map<String, Object> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
