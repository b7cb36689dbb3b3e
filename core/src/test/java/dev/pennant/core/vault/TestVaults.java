package dev.pennant.core.vault;

import java.nio.file.Path;

/** Shared fixtures: cheap Argon2 parameters so the suite stays fast. Obviously fake secrets only. */
final class TestVaults {
    /** 64 KiB, 1 pass: far too weak for real use. */
    static final KdfParams FAST = new KdfParams(64, 1, 1);
    /** Ceiling for tests: a tampered header can never make a test allocate more than 1 MiB. */
    static final KdfParams CEILING = new KdfParams(1024, 4, 2);
    static final KdfPolicy POLICY = new KdfPolicy(FAST, CEILING);

    static final String PASSWORD = "correct horse battery staple (test only)";
    static final String API_KEY = "test-key-not-real-7Hq2";
    static final String SECRET = "test-secret-not-real-Zx9w";

    private TestVaults() {
    }

    static VaultOptions options() {
        return VaultOptions.defaults().withPolicy(POLICY);
    }

    static char[] pw() {
        return PASSWORD.toCharArray();
    }

    static NewEntry binanceSpot(String label) {
        return NewEntry.builder(label, EntryKind.BINANCE_SPOT)
                .environment(KeyEnvironment.TESTNET)
                .apiKey(API_KEY.toCharArray())
                .secret(SECRET.toCharArray())
                .notes("fake key for tests")
                .permissionsNotes("reading, spot")
                .build();
    }

    /** Creates a vault with two entries and locks it. */
    static Path sampleVault(Path dir) throws VaultException {
        Path file = VaultFile.defaultPath(dir);
        try (UnlockedVault v = VaultFile.create(file, pw(), FAST, options());
             NewEntry a = binanceSpot("spot main");
             NewEntry b = NewEntry.builder("openai", EntryKind.LLM).secret("sk-test-not-real".toCharArray()).build()) {
            v.put(a);
            v.put(b);
        }
        return file;
    }
}
