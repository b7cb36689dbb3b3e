package dev.pennant.core.strategy.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rule text such as {@code RSI(14) < 30 AND close > SMA(200)} into a {@link RuleGroup}. Grammar:
 * {@code rule := comparison ((AND | OR) comparison)*} with one connective per rule; {@code comparison := operand op
 * operand}; {@code op := < | <= | > | >= | crosses_above | crosses_below}; {@code operand := open | high | low | close
 * | volume | number | KIND(period)} with KIND one of {@link Operand.Kind}. Case-insensitive.
 */
public final class RuleParser {

    private static final Pattern INDICATOR = Pattern.compile("([A-Za-z_]+)\\((\\d+)\\)");
    private static final Pattern TOKEN = Pattern.compile("\\s*([A-Za-z_]+\\(\\s*\\d+\\s*\\)|<=|>=|<|>|[A-Za-z_]+|[-+]?\\d+(?:\\.\\d+)?)");

    private RuleParser() {
    }

    /**
     * @throws IllegalArgumentException naming the position and what was expected (unknown indicator, missing operator,
     *                                  mixed AND/OR …)
     */
    public static RuleGroup parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("rule text is empty");
        }
        List<String> tokens = tokenize(text);
        List<Comparison> terms = new ArrayList<>();
        RuleGroup.Join join = null;
        int i = 0;
        while (true) {
            if (i + 3 > tokens.size()) {
                throw new IllegalArgumentException("rule '" + text + "': expected 'operand operator operand' at token "
                        + (i + 1));
            }
            Operand left = operand(tokens.get(i), text);
            Comparison.Operator op = operator(tokens.get(i + 1), text);
            Operand right = operand(tokens.get(i + 2), text);
            terms.add(new Comparison(left, op, right));
            i += 3;
            if (i == tokens.size()) {
                break;
            }
            RuleGroup.Join j;
            try {
                j = RuleGroup.Join.valueOf(tokens.get(i).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + text + "': expected AND or OR, found '" + tokens.get(i) + "'");
            }
            if (join != null && j != join) {
                throw new IllegalArgumentException("rule '" + text + "': mixes AND and OR; one connective per rule");
            }
            join = j;
            i++;
        }
        return new RuleGroup(join == null ? RuleGroup.Join.AND : join, terms);
    }

    private static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int pos = 0;
        while (pos < text.length()) {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            if (pos == text.length()) {
                break;
            }
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("rule '" + text + "': cannot read from position " + (pos + 1));
            }
            out.add(m.group(1).replace(" ", ""));
            pos = m.end();
        }
        return out;
    }

    private static Operand operand(String t, String text) {
        Matcher m = INDICATOR.matcher(t);
        if (m.matches()) {
            Operand.Kind kind;
            try {
                kind = Operand.Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("rule '" + text + "': unknown indicator '" + m.group(1) + "'; known: "
                        + List.of(Operand.Kind.values()));
            }
            return new Operand.Indicator(kind, Integer.parseInt(m.group(2)));
        }
        if (t.matches("[-+]?\\d+(?:\\.\\d+)?")) {
            return new Operand.Constant(Double.parseDouble(t));
        }
        try {
            return new Operand.Price(Operand.Field.valueOf(t.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("rule '" + text + "': '" + t + "' is not an operand (open, high, low, close, "
                    + "volume, a number or INDICATOR(period))");
        }
    }

    private static Comparison.Operator operator(String t, String text) {
        for (Comparison.Operator o : Comparison.Operator.values()) {
            if (o.text().equalsIgnoreCase(t)) {
                return o;
            }
        }
        throw new IllegalArgumentException("rule '" + text + "': '" + t + "' is not an operator (<, <=, >, >=, "
                + "crosses_above, crosses_below)");
    }
}
