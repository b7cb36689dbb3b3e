package dev.pennant.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ai}: the AI analyst from the command line (see docs/decisions/0019). */
@Command(name = "ai", mixinStandardHelpOptions = true,
        description = "AI analyst: analyse recorded bars with an OpenAI-compatible model (or the deterministic engine), "
                + "test a provider, score news sentiment.",
        subcommands = {AiAnalyzeCommand.class, AiTestConnectionCommand.class, AiSentimentCommand.class})
final class AiCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: missing subcommand (analyze, test-connection, sentiment)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
