package dev.pennant.core.vault;

import java.nio.file.Path;
import java.util.Map;

/** Child process for {@link AuditLogSharedDirectoryTest}: appends {@code n} records tagged {@code prefix-i}. Not a test. */
public final class AuditWriterChildMain {
    private AuditWriterChildMain() {
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        AuditLog log = AuditLog.daily(dataDir);
        for (int i = 0; i < n; i++) {
            log.record(AuditEventType.VAULT_UNLOCKED, Map.of("writer", prefix + "-" + i));
        }
        System.exit(0);
    }
}
