package dev.pennant.core.ai.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;

/**
 * The outcome of one analysis.
 *
 * @param status       ACCEPTED (valid model decision), REJECTED (answer broke a rule), REFUSED (model refused),
 *                     DEGRADED (no model answer: the deterministic engine's decision is in {@code decision})
 * @param symbol       symbol
 * @param barTime      the bar's close time, epoch ms UTC
 * @param decision     the decision to show: the model's when ACCEPTED, the deterministic engine's when DEGRADED,
 *                     {@code null} when REJECTED or REFUSED (nothing may be traded then)
 * @param reason       why it was rejected / refused / degraded; {@code null} when ACCEPTED
 * @param source       {@code "llm"} or {@code "rules"}
 * @param model        model name ({@code "rules"} for the deterministic engine)
 * @param promptHash   {@link PromptTemplate#HASH} ({@code null} for the deterministic engine)
 * @param rawOutput    the model's message content, or {@code null}
 * @param latencyMs    wall time of the call(s), ms; 0 when cached
 * @param inputTokens  usage reported by the endpoint (of the original call when cached)
 * @param outputTokens usage reported by the endpoint
 * @param costUsd      USD counted against today's budget (0 when cached)
 * @param cached       answered from the decision cache
 * @param attempts     HTTP tries made (0 when cached or not called)
 * @param recordId     id in the decision record (0 when not recorded)
 */
public record AnalysisResult(Status status, String symbol, long barTime, AiDecision decision, String reason,
                             String source, String model, String promptHash, String rawOutput, long latencyMs,
                             int inputTokens, int outputTokens, BigDecimal costUsd, boolean cached, int attempts,
                             long recordId) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Result kinds. */
    public enum Status { ACCEPTED, REJECTED, REFUSED, DEGRADED }

    /** Copy with the record id. */
    public AnalysisResult withRecordId(long id) {
        return new AnalysisResult(status, symbol, barTime, decision, reason, source, model, promptHash, rawOutput,
                latencyMs, inputTokens, outputTokens, costUsd, cached, attempts, id);
    }

    /** Whether a decision is there that the risk engine may be asked about (ACCEPTED, or DEGRADED to the rules). */
    public boolean hasDecision() {
        return decision != null;
    }

    /** The decision alone as JSON (stored as the parsed output), or {@code null}. */
    public String decisionJson() {
        return decision == null ? null : JSON.valueToTree(decision).toString();
    }

    /**
     * One JSON object for the CLI: symbol, barTime, status, source, model, promptHash, the decision's fields
     * (camelCase), reason when not accepted, usage, latency and cache flag.
     */
    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("symbol", symbol);
        n.put("barTime", barTime);
        n.put("status", status.name());
        n.put("source", source);
        n.put("model", model);
        if (promptHash != null) n.put("promptHash", promptHash);
        if (decision != null) {
            n.put("action", decision.action().name());
            n.put("confidence", decision.confidence());
            n.put("entry", decision.entry());
            n.put("stopLoss", decision.stopLoss());
            n.put("takeProfit", decision.takeProfit());
            n.put("leverage", decision.leverage());
            n.put("sizeFraction", decision.sizeFraction());
            n.put("horizonMinutes", decision.horizonMinutes());
            n.put("reasoning", decision.reasoning());
            var arr = n.putArray("keyFactors");
            decision.keyFactors().forEach(arr::add);
        }
        if (reason != null) n.put("reason", reason);
        n.put("latencyMs", latencyMs);
        n.put("inputTokens", inputTokens);
        n.put("outputTokens", outputTokens);
        n.put("costUsd", costUsd.toPlainString());
        n.put("cached", cached);
        return n.toString();
    }
}
