package dev.pennant.core.persistence.backup;

import java.nio.file.Path;
import java.util.Map;

/**
 * One backup: a folder {@code <dataDir>/backups/pennant-backup-yyyyMMdd-HHmmss[-n]} holding {@code history.zip}
 * (H2's online {@code BACKUP TO}: the database file {@code history.mv.db} zipped), {@code vault.pnv} (the encrypted
 * vault file, copied as is) when the data directory has one, and {@code manifest.properties} (creation time and the
 * SHA-256 of each file).
 *
 * @param name      the folder name, e.g. {@code pennant-backup-20261203-101500}
 * @param dir       the folder
 * @param createdAt when it was taken, epoch ms UTC
 * @param sha256    file name → SHA-256 (hex) of each file in the set, as recorded when it was taken
 * @param bytes     total size of the files, bytes
 */
public record BackupSet(String name, Path dir, long createdAt, Map<String, String> sha256, long bytes) {

    /** File name of the database archive in a set. */
    public static final String DATABASE_ZIP = "history.zip";
    /** File name of the vault copy in a set. */
    public static final String VAULT = "vault.pnv";
    /** File name of the manifest. */
    public static final String MANIFEST = "manifest.properties";

    /** Copies the map. */
    public BackupSet {
        sha256 = Map.copyOf(sha256);
    }

    /** True when the set holds the vault file. */
    public boolean hasVault() {
        return sha256.containsKey(VAULT);
    }
}
