package dev.pennant.core.ai;

import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.llm.AiDecision;
import dev.pennant.core.ai.llm.AnalysisResult;
import dev.pennant.core.ai.record.DecisionKind;
import dev.pennant.core.ai.record.DecisionRecord;
import dev.pennant.core.ai.record.DecisionRecorder;
import dev.pennant.core.ai.record.DecisionStatus;

import java.math.BigDecimal;
import java.util.List;

/** An analysis by the {@link RuleBasedAnalyst} alone (no LLM configured), recorded like a model's. */
public final class DeterministicAnalysis {

    private DeterministicAnalysis() {
    }

    /**
     * Decides on {@code ctx} with the rules and records it.
     *
     * @param why        recorded as the reason, e.g. "no provider configured: deterministic engine"
     * @param recordedAt wall time, epoch ms UTC
     */
    public static AnalysisResult run(MarketContext ctx, DecisionRecorder recorder, String why, long recordedAt) {
        AiDecision d = new RuleBasedAnalyst().decide(ctx);
        AnalysisResult r = new AnalysisResult(AnalysisResult.Status.ACCEPTED, ctx.symbol(), ctx.barCloseTime(), d, null,
                "rules", RuleBasedAnalyst.MODEL, null, null, 0, 0, 0, BigDecimal.ZERO, false, 0, 0);
        long id = recorder.record(new DecisionRecord(0, ctx.barCloseTime(), recordedAt, DecisionKind.AI_ANALYSIS,
                DecisionStatus.ACCEPTED, ctx.symbol(), null, null, null, d.action().name(), d.confidence(), ctx.toJson(),
                RuleBasedAnalyst.MODEL, null, null, r.decisionJson(), why, 0, 0, 0, BigDecimal.ZERO, false, List.of(), null));
        return r.withRecordId(id);
    }
}
