package dev.pennant.core.vault;

import java.nio.file.Path;

/**
 * Child process for {@link VaultCrashTest}: unlocks the vault, starts a put and halts the JVM (like {@code kill -9})
 * at the given point of the write protocol. Not a test.
 */
public final class CrashChildMain {
    private CrashChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        String point = args[1];
        VaultIo.WriteHook hook = new VaultIo.WriteHook() {
            @Override
            public void afterTempWritten(Path temp) {
                if (point.equals("afterTemp")) {
                    Runtime.getRuntime().halt(137);
                }
            }

            @Override
            public void beforeRename(Path temp, Path target) {
                if (point.equals("beforeRename")) {
                    Runtime.getRuntime().halt(137);
                }
            }
        };
        try (UnlockedVault v = VaultFile.unlock(file, TestVaults.pw(), TestVaults.options().withWriteHook(hook));
             NewEntry e = TestVaults.binanceSpot("never committed")) {
            v.put(e);
        }
        System.exit(0);
    }
}
