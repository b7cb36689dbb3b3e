package dev.pennant.core.vault;

import java.nio.file.Path;

/** Child process for {@link VaultConcurrencyTest}: puts {@code n} entries labelled {@code prefix-i}. Not a test. */
public final class WriterChildMain {
    private WriterChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        try (UnlockedVault v = VaultFile.unlock(file, TestVaults.pw(), TestVaults.options())) {
            for (int i = 0; i < n; i++) {
                try (NewEntry e = TestVaults.binanceSpot(prefix + "-" + i)) {
                    v.put(e);
                }
            }
        }
        System.exit(0);
    }
}
