package dev.pennant.app;

import dev.pennant.core.ai.llm.ConnectionTest;
import dev.pennant.core.ai.llm.LlmAnalyst;
import dev.pennant.core.ai.llm.ProviderProfile;
import dev.pennant.core.config.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code ai test-connection}: one tiny request to the provider; prints {@code ok: model, latency} or the failure. */
@Command(name = "test-connection", mixinStandardHelpOptions = true,
        description = "Send one tiny request to the provider: exit 0 when it answers, 1 with the reason when not.")
final class AiTestConnectionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (configured providers).")
    Path dataDir;

    @Mixin
    AiProviderOptions provider;

    @Override
    public Integer call() throws Exception {
        Optional<ProviderProfile> p = provider.profile(DataDirectory.resolve(dataDir));
        if (p.isEmpty()) {
            spec.commandLine().getErr().println("error: no provider: pass --base-url or configure ai-providers.json");
            return 2;
        }
        ConnectionTest t = LlmAnalyst.builder(p.get()).keys(provider.keys()).build().testConnection();
        var w = t.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
        w.printf(java.util.Locale.ROOT, "%s: %s, %d ms, %s%n", t.ok() ? "ok" : "failed", t.model(), t.latencyMs(), t.message());
        w.flush();
        return t.ok() ? 0 : 1;
    }
}
