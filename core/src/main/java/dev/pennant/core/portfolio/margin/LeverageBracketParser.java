package dev.pennant.core.portfolio.margin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Binance's USDⓈ-M {@code GET /fapi/v1/leverageBracket} response ("Notional and Leverage Brackets
 * (USER_DATA)"): either the array {@code [{"symbol", "notionalCoef"?, "brackets": [{"bracket", "initialLeverage",
 * "notionalCap", "notionalFloor", "maintMarginRatio", "cum"}, …]}, …]} or, when the request named a symbol, the single
 * object. Numbers may be JSON numbers or numeric strings; they are read exactly (no binary floating point). Unknown
 * fields are ignored. Stateless and thread-safe.
 */
public final class LeverageBracketParser {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private LeverageBracketParser() {
    }

    /**
     * Parses a response body.
     *
     * @return one {@link LeverageBrackets} per symbol, in response order
     * @throws IllegalArgumentException when the body is not JSON, not the shape above, or a field is missing, not a
     *                                  number, or breaks a bracket rule; the message gives the path, e.g.
     *                                  {@code [1] ETHUSDT brackets[2].maintMarginRatio: missing}
     */
    public static List<LeverageBrackets> parse(String body) {
        try {
            return parse(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("leverageBracket response is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** As {@link #parse(String)}, reading (not closing) {@code in}; {@link UncheckedIOException} on read failure. */
    public static List<LeverageBrackets> parse(InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("leverageBracket response is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read leverageBracket response", e);
        }
        return parse(root);
    }

    /** As {@link #parse(String)} on an already parsed tree. */
    public static List<LeverageBrackets> parse(JsonNode root) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new IllegalArgumentException("leverageBracket response is empty");
        }
        List<LeverageBrackets> out = new ArrayList<>();
        if (root.isObject()) {
            out.add(symbolEntry(root, ""));
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                out.add(symbolEntry(root.get(i), "[" + i + "] "));
            }
        } else {
            throw new IllegalArgumentException("leverageBracket response must be an array or an object, was "
                    + root.getNodeType());
        }
        return out;
    }

    private static LeverageBrackets symbolEntry(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + "must be an object with symbol and brackets, was " + node.getNodeType());
        }
        JsonNode symbolNode = node.get("symbol");
        if (symbolNode == null || !symbolNode.isTextual() || symbolNode.asText().isBlank()) {
            throw new IllegalArgumentException(at + "symbol: missing or not a string");
        }
        String symbol = symbolNode.asText();
        String where = at + symbol + " ";
        BigDecimal coef = node.hasNonNull("notionalCoef") ? decimal(node, "notionalCoef", where) : null;
        JsonNode list = node.get("brackets");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(where + "brackets: missing or not an array");
        }
        List<LeverageBracket> brackets = new ArrayList<>();
        for (int j = 0; j < list.size(); j++) {
            JsonNode b = list.get(j);
            String bw = where + "brackets[" + j + "].";
            if (!b.isObject()) {
                throw new IllegalArgumentException(where + "brackets[" + j + "]: not an object");
            }
            try {
                brackets.add(new LeverageBracket(
                        integer(b, "bracket", bw),
                        integer(b, "initialLeverage", bw),
                        decimal(b, "notionalFloor", bw),
                        decimal(b, "notionalCap", bw),
                        decimal(b, "maintMarginRatio", bw),
                        decimal(b, "cum", bw)));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(bw)) {
                    throw e;
                }
                throw new IllegalArgumentException(where + "brackets[" + j + "]: " + e.getMessage(), e);
            }
        }
        try {
            return LeverageBrackets.of(symbol, brackets, coef);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + e.getMessage(), e);
        }
    }

    private static BigDecimal decimal(JsonNode node, String field, String at) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(at + field + ": missing");
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (v.isTextual()) {
            try {
                return new BigDecimal(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(at + field + ": '" + v.asText() + "' is not a number", e);
            }
        }
        throw new IllegalArgumentException(at + field + ": must be a number, was " + v.getNodeType());
    }

    private static int integer(JsonNode node, String field, String at) {
        BigDecimal d = decimal(node, field, at);
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(at + field + ": " + d + " is not a whole number", e);
        }
    }
}
