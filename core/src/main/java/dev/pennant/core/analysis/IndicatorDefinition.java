package dev.pennant.core.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One configured indicator: a {@link IndicatorKind} with a value for each of its parameters, validated against the
 * catalogue's ranges. Immutable; usable as a map key.
 *
 * @param kind       the indicator
 * @param parameters parameter name → value, in the kind's parameter order, every parameter present (defaults filled)
 */
public record IndicatorDefinition(IndicatorKind kind, Map<String, Double> parameters) {

    /**
     * Fills defaults and validates.
     *
     * @throws IllegalArgumentException naming the parameter and the rule: unknown name, out of range, not whole, or
     *                                  a cross-parameter rule (MACD and volume trend need fast &lt; slow)
     */
    public IndicatorDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(parameters, "parameters");
        for (String name : parameters.keySet()) {
            kind.parameter(name);
        }
        Map<String, Double> full = new LinkedHashMap<>();
        for (IndicatorParameter p : kind.parameters()) {
            Double v = parameters.get(p.name());
            double value = v == null ? p.defaultValue() : v;
            p.check(kind.code(), value);
            full.put(p.name(), value);
        }
        if ((kind == IndicatorKind.MACD || kind == IndicatorKind.VOLUME_TREND) && !(full.get("fast") < full.get("slow"))) {
            throw new IllegalArgumentException(kind.code() + " parameter fast (" + IndicatorParameter.format(full.get("fast"))
                    + ") must be < slow (" + IndicatorParameter.format(full.get("slow")) + ")");
        }
        parameters = Collections.unmodifiableMap(full);
    }

    /** The kind with every parameter at its default. */
    public static IndicatorDefinition defaults(IndicatorKind kind) {
        return new IndicatorDefinition(kind, Map.of());
    }

    /**
     * The kind with positional parameter values (in {@link IndicatorKind#parameters()} order); missing trailing values
     * take their defaults.
     *
     * @throws IllegalArgumentException when more values than parameters are given, or a value breaks a rule
     */
    public static IndicatorDefinition of(IndicatorKind kind, double... values) {
        List<IndicatorParameter> ps = kind.parameters();
        if (values.length > ps.size()) {
            throw new IllegalArgumentException(kind.code() + " takes at most " + ps.size() + " parameter(s) "
                    + ps.stream().map(IndicatorParameter::name).toList() + ", got " + values.length);
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(ps.get(i).name(), values[i]);
        }
        return new IndicatorDefinition(kind, m);
    }

    /**
     * Parses the form {@link #name()} prints: {@code "EMA(21)"}, {@code "BB(20,2)"}, {@code "OBV"}, {@code "RSI"}
     * (defaults). The code is case-insensitive.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static IndicatorDefinition parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        int open = t.indexOf('(');
        if (open < 0) {
            return defaults(IndicatorKind.ofCode(t));
        }
        if (!t.endsWith(")")) {
            throw new IllegalArgumentException("indicator '" + text + "' must look like CODE or CODE(p1,p2,...)");
        }
        IndicatorKind kind = IndicatorKind.ofCode(t.substring(0, open));
        String inner = t.substring(open + 1, t.length() - 1).trim();
        if (inner.isEmpty()) {
            return defaults(kind);
        }
        String[] parts = inner.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("indicator '" + text + "': parameter " + (i + 1) + " '" + parts[i].trim()
                        + "' is not a number");
            }
        }
        return of(kind, values);
    }

    /** The value of parameter {@code name}. @throws IllegalArgumentException for an unknown name */
    public double value(String name) {
        Double v = parameters.get(name);
        if (v == null) {
            kind.parameter(name);
        }
        return v;
    }

    /** The value of a whole-number parameter (a bar count). */
    public int intValue(String name) {
        return (int) value(name);
    }

    /** Display name and first line's key: code and parameter values, e.g. {@code "MACD(12,26,9)"}, {@code "OBV"}. */
    public String name() {
        if (parameters.isEmpty()) {
            return kind.code();
        }
        StringBuilder sb = new StringBuilder(kind.code()).append('(');
        boolean first = true;
        for (double v : parameters.values()) {
            sb.append(first ? "" : ",").append(IndicatorParameter.format(v));
            first = false;
        }
        return sb.append(')').toString();
    }

    /** Keys of the output lines, in {@link IndicatorKind#lineSuffixes()} order, e.g. {@code "BB(20,2) upper"}. */
    public List<String> lineNames() {
        List<String> out = new ArrayList<>();
        String base = name();
        for (String s : kind.lineSuffixes()) {
            out.add(s.isEmpty() ? base : base + " " + s);
        }
        return out;
    }

    /** One chart descriptor per output line (pane and reference levels from the kind). */
    public List<IndicatorSpec> specs() {
        List<IndicatorSpec> out = new ArrayList<>();
        for (String line : lineNames()) {
            out.add(new IndicatorSpec(line, kind.pane(), kind.lowerLevel(), kind.upperLevel()));
        }
        return out;
    }

    @Override
    public String toString() {
        return name();
    }
}
