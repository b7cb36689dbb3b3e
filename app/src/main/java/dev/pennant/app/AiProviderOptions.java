package dev.pennant.app;

import dev.pennant.core.ai.llm.ApiKeySource;
import dev.pennant.core.ai.llm.ProviderProfile;
import dev.pennant.core.ai.llm.ProviderProfiles;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The provider options shared by the {@code ai} subcommands. */
final class AiProviderOptions {

    @Option(names = "--base-url", paramLabel = "URL",
            description = "OpenAI-compatible API root, e.g. http://127.0.0.1:11434/v1 (Ollama). Without it: the "
                    + "configured provider (<data-dir>/ai-providers.json), else the deterministic engine.")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "gpt-4o-mini",
            description = "Model name (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "Environment variable holding the API key (never pass a key as an argument).")
    String apiKeyEnv;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "Request timeout, e.g. 30s (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    /** The profile from the options or the configured active one; empty = deterministic engine. */
    Optional<ProviderProfile> profile(Path dataDir) throws IOException {
        if (baseUrl != null) {
            return Optional.of(ProviderProfile.of("cli", baseUrl, model, null).withTimeout(timeout));
        }
        return ProviderProfiles.load(dataDir).activeProfile();
    }

    /** Keys: from {@code --api-key-env} when given, else none. */
    ApiKeySource keys() {
        return apiKeyEnv == null ? ApiKeySource.none() : ApiKeySource.environment(apiKeyEnv);
    }
}
