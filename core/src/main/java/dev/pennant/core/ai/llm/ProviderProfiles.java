package dev.pennant.core.ai.llm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured provider profiles, stored as JSON in {@code <dataDir>/ai-providers.json}: the active profile's name
 * and every profile (no keys: only the vault entry id). Missing file = no provider (the deterministic engine).
 *
 * @param active   name of the profile used by default, or {@code null}
 * @param profiles every profile, names unique
 */
public record ProviderProfiles(String active, List<ProviderProfile> profiles) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The file name in the data directory. */
    public static final String FILE = "ai-providers.json";

    /** @throws IllegalArgumentException when two profiles share a name or {@code active} names none */
    public ProviderProfiles {
        profiles = List.copyOf(profiles);
        if (profiles.stream().map(ProviderProfile::name).distinct().count() != profiles.size()) {
            throw new IllegalArgumentException("profiles: names must be unique");
        }
        if (active != null && profiles.stream().noneMatch(p -> p.name().equals(active))) {
            throw new IllegalArgumentException("active: no profile named " + active);
        }
    }

    /** The active profile. */
    public Optional<ProviderProfile> activeProfile() {
        return profiles.stream().filter(p -> p.name().equals(active)).findFirst();
    }

    // The file's shape: durations in ms, prices as strings.
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stored(String name, String baseUrl, String model, double temperature, int maxTokens, long timeoutMs,
                  String apiKeyRef, String inputUsdPerMTok, String outputUsdPerMTok, long dailyTokenBudget,
                  String dailyCostBudgetUsd, int requestsPerMinute) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record StoredFile(String active, List<Stored> profiles) {
    }

    /**
     * Reads {@code <dataDir>/ai-providers.json}.
     *
     * @return the profiles, or none when the file is missing
     * @throws IOException when it cannot be read or a profile is invalid (the message names the profile and field)
     */
    public static ProviderProfiles load(Path dataDir) throws IOException {
        Path f = dataDir.resolve(FILE);
        if (!Files.isRegularFile(f)) return new ProviderProfiles(null, List.of());
        StoredFile s = JSON.readValue(f.toFile(), StoredFile.class);
        List<ProviderProfile> out = new ArrayList<>();
        for (Stored p : s.profiles() == null ? List.<Stored>of() : s.profiles()) {
            try {
                out.add(new ProviderProfile(p.name(), p.baseUrl(), p.model(), p.temperature(), p.maxTokens(),
                        Duration.ofMillis(p.timeoutMs()), p.apiKeyRef(), dec(p.inputUsdPerMTok()),
                        dec(p.outputUsdPerMTok()), p.dailyTokenBudget(), dec(p.dailyCostBudgetUsd()), p.requestsPerMinute()));
            } catch (RuntimeException e) {
                throw new IOException(f + ": profile " + p.name() + ": " + e.getMessage(), e);
            }
        }
        try {
            return new ProviderProfiles(s.active(), out);
        } catch (IllegalArgumentException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /** Writes the profiles to {@code <dataDir>/ai-providers.json}. */
    public void save(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        List<Stored> s = profiles.stream().map(p -> new Stored(p.name(), p.baseUrl(), p.model(), p.temperature(),
                p.maxTokens(), p.timeout().toMillis(), p.apiKeyRef(), p.inputUsdPerMTok().toPlainString(),
                p.outputUsdPerMTok().toPlainString(), p.dailyTokenBudget(), p.dailyCostBudgetUsd().toPlainString(),
                p.requestsPerMinute())).toList();
        JSON.writeValue(dataDir.resolve(FILE).toFile(), new StoredFile(active, s));
    }

    private static BigDecimal dec(String s) {
        return s == null ? BigDecimal.ZERO : new BigDecimal(s);
    }
}
