package dev.pennant.core.persistence.backup;

import dev.pennant.core.marketdata.importer.DumpImporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Backups of a data directory's history database and vault (see {@link BackupSet} for the layout), rotation and
 * restore.
 *
 * <p><b>Backup</b> is online: H2's {@code BACKUP TO} runs on a connection that joins the database when this process
 * has it open (the terminal's scheduled and on-demand backups), or opens it when nobody does (the CLI). It cannot run
 * while another process holds the database: H2 lets only one process open the file. <b>Restore</b> refuses while any
 * process (this one included) holds the database, verifies the set's checksums first, and moves what it replaces into
 * {@code backups/replaced-yyyyMMdd-HHmmss/}. A terminal, which holds its own database, stages a restore with
 * {@link #stageRestore}; {@link #applyPendingRestore} performs it at the next start before the database is opened.
 * Times come from the injected clock (UTC).
 */
public final class BackupService {

    /** Prefix of backup folder names. */
    public static final String PREFIX = "pennant-backup-";
    private static final String PENDING = "restore-pending";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dataDir;
    private final Clock clock;

    /**
     * @param dataDir the data directory ({@code history.mv.db}, {@code vault.pnv})
     * @param clock   for backup names and manifest times
     */
    public BackupService(Path dataDir, Clock clock) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code <dataDir>/backups}. */
    public Path backupsDir() {
        return dataDir.resolve("backups");
    }

    /**
     * Takes a backup now and then deletes the oldest sets beyond {@code keep}.
     *
     * @param keep backups to keep, 1 or more (the new one included)
     * @return the new set
     * @throws IllegalArgumentException when {@code keep < 1}
     * @throws BackupException          when there is neither a database nor a vault to back up, another process holds
     *                                  the database, or writing fails (a partial set is removed)
     */
    public BackupSet backup(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        Path db = DatabaseAccess.databaseFile(dataDir);
        Path vault = dataDir.resolve(BackupSet.VAULT);
        if (!Files.exists(db) && !Files.exists(vault)) {
            throw new BackupException("nothing to back up in " + dataDir + ": no history.mv.db and no vault.pnv", null);
        }
        long now = clock.millis();
        Path dir = newSetDir(now);
        try {
            Map<String, String> sums = new LinkedHashMap<>();
            if (Files.exists(db)) {
                Path zip = dir.resolve(BackupSet.DATABASE_ZIP);
                try (Connection c = DatabaseAccess.open(dataDir); Statement st = c.createStatement()) {
                    st.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
                }
                sums.put(BackupSet.DATABASE_ZIP, DumpImporter.sha256(zip));
            }
            if (Files.exists(vault)) {
                Files.copy(vault, dir.resolve(BackupSet.VAULT));
                sums.put(BackupSet.VAULT, DumpImporter.sha256(dir.resolve(BackupSet.VAULT)));
            }
            Properties p = new Properties();
            p.setProperty("created", Long.toString(now));
            p.setProperty("createdUtc", java.time.Instant.ofEpochMilli(now).toString());
            sums.forEach((k, v) -> p.setProperty("sha256." + k, v));
            try (Writer w = Files.newBufferedWriter(dir.resolve(BackupSet.MANIFEST), StandardCharsets.UTF_8)) {
                p.store(w, "Pennant backup");
            }
        } catch (IOException | SQLException | RuntimeException e) {
            deleteTree(dir);
            if (e instanceof BackupException be) {
                throw be;
            }
            throw new BackupException("backup to " + dir + " failed: " + e.getMessage(), e);
        }
        BackupSet set = read(dir).orElseThrow();
        rotate(keep);
        return set;
    }

    private Path newSetDir(long now) {
        String base = PREFIX + STAMP.format(java.time.Instant.ofEpochMilli(now));
        try {
            Files.createDirectories(backupsDir());
            for (int n = 1; ; n++) {
                Path dir = backupsDir().resolve(n == 1 ? base : base + "-" + n);
                if (!Files.exists(dir)) {
                    return Files.createDirectory(dir);
                }
            }
        } catch (IOException e) {
            throw new BackupException("cannot create a backup folder in " + backupsDir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The backup sets, newest first (by creation time, then name). Folders without a readable manifest are left out.
     *
     * @throws BackupException when the backups folder cannot be listed
     */
    public List<BackupSet> list() {
        if (!Files.isDirectory(backupsDir())) {
            return List.of();
        }
        List<BackupSet> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(backupsDir())) {
            s.filter(p -> p.getFileName().toString().startsWith(PREFIX) && Files.isDirectory(p))
                    .forEach(p -> read(p).ifPresent(out::add));
        } catch (IOException e) {
            throw new BackupException("cannot list " + backupsDir() + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(BackupSet::createdAt).thenComparing(BackupSet::name).reversed());
        return out;
    }

    /**
     * The set called {@code nameOrPath} (a folder name in the backups folder, or a path to a set folder).
     *
     * @throws BackupException when there is no such set
     */
    public BackupSet find(String nameOrPath) {
        Path p = backupsDir().resolve(nameOrPath);
        if (!Files.isDirectory(p)) {
            p = Path.of(nameOrPath);
        }
        Path dir = p;
        return read(dir).orElseThrow(() -> new BackupException("no backup '" + nameOrPath + "' (not a folder with a "
                + BackupSet.MANIFEST + "; backups are in " + backupsDir() + ")", null));
    }

    private static Optional<BackupSet> read(Path dir) {
        Path m = dir.resolve(BackupSet.MANIFEST);
        if (!Files.isRegularFile(m)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
            p.load(r);
            Map<String, String> sums = new LinkedHashMap<>();
            long bytes = 0;
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("sha256.")) {
                    String f = k.substring("sha256.".length());
                    sums.put(f, p.getProperty(k));
                    Path file = dir.resolve(f);
                    bytes += Files.exists(file) ? Files.size(file) : 0;
                }
            }
            return Optional.of(new BackupSet(dir.getFileName().toString(), dir, Long.parseLong(p.getProperty("created")),
                    sums, bytes));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes the oldest backup sets so that {@code keep} remain. {@code replaced-*} folders are not touched.
     *
     * @return the sets deleted
     */
    public List<BackupSet> rotate(int keep) {
        List<BackupSet> all = list();
        List<BackupSet> gone = new ArrayList<>();
        for (int i = keep; i < all.size(); i++) {
            deleteTree(all.get(i).dir());
            gone.add(all.get(i));
        }
        return gone;
    }

    /**
     * Checks every file of {@code set} against its manifest.
     *
     * @return the problems found (missing file, checksum differs), empty when the set is intact
     */
    public List<String> verify(BackupSet set) {
        List<String> problems = new ArrayList<>();
        set.sha256().forEach((f, sha) -> {
            Path file = set.dir().resolve(f);
            try {
                if (!Files.isRegularFile(file)) {
                    problems.add(set.name() + "/" + f + " is missing");
                } else if (!DumpImporter.sha256(file).equals(sha)) {
                    problems.add(set.name() + "/" + f + " does not match its SHA-256 in the manifest");
                }
            } catch (IOException e) {
                problems.add(set.name() + "/" + f + " cannot be read: " + e.getMessage());
            }
        });
        return problems;
    }

    /**
     * What a restore did.
     *
     * @param set          the set restored
     * @param replacedDir  where the files it replaced were moved ({@code backups/replaced-…}), or null when the data
     *                     directory held none of them
     * @param restored     file names written into the data directory
     */
    public record RestoreResult(BackupSet set, Path replacedDir, List<String> restored) {
    }

    /**
     * Restores {@code set} into the data directory: {@code history.mv.db} from its zip, and {@code vault.pnv} when the
     * set has one. The files replaced ({@code history.mv.db}, {@code history.trace.db}, {@code vault.pnv},
     * {@code vault.pnv.bak}) are moved to {@code backups/replaced-<time>/} first.
     *
     * @throws RestoreRefusedException when any process holds the database (the terminal: close it, or use its Restore,
     *                                 which restores at the next start), or the set fails {@link #verify}; nothing
     *                                 changed then
     * @throws BackupException         when moving or writing fails
     */
    public RestoreResult restore(BackupSet set) {
        List<String> problems = verify(set);
        if (!problems.isEmpty()) {
            throw new RestoreRefusedException("backup " + set.name() + " is damaged, not restored: " + String.join("; ", problems));
        }
        DatabaseAccess.Holder h = DatabaseAccess.holder(dataDir);
        if (h != DatabaseAccess.Holder.NONE) {
            throw new RestoreRefusedException("restore refused: the history database " + DatabaseAccess.databaseFile(dataDir)
                    + " is held by " + (h == DatabaseAccess.Holder.THIS_PROCESS ? "this terminal" : "another Pennant process")
                    + "; close the terminal first (or use Tools → Backups…, which restores at the next start)");
        }
        try {
            Path replaced = null;
            for (String f : List.of("history.mv.db", "history.trace.db", BackupSet.VAULT, BackupSet.VAULT + ".bak")) {
                Path cur = dataDir.resolve(f);
                boolean replacedByThis = !f.startsWith("vault") || set.hasVault();
                if (Files.exists(cur) && replacedByThis) {
                    if (replaced == null) {
                        replaced = uniqueDir("replaced-" + STAMP.format(java.time.Instant.ofEpochMilli(clock.millis())));
                    }
                    Files.move(cur, replaced.resolve(f));
                }
            }
            List<String> restored = new ArrayList<>();
            if (set.sha256().containsKey(BackupSet.DATABASE_ZIP)) {
                unzipDatabase(set.dir().resolve(BackupSet.DATABASE_ZIP), DatabaseAccess.databaseFile(dataDir));
                restored.add("history.mv.db");
            }
            if (set.hasVault()) {
                Files.copy(set.dir().resolve(BackupSet.VAULT), dataDir.resolve(BackupSet.VAULT),
                        StandardCopyOption.REPLACE_EXISTING);
                restored.add(BackupSet.VAULT);
            }
            return new RestoreResult(set, replaced, restored);
        } catch (IOException e) {
            throw new BackupException("restore of " + set.name() + " failed: " + e.getMessage()
                    + " (the replaced files are in " + backupsDir() + "/replaced-…)", e);
        }
    }

    private Path uniqueDir(String base) throws IOException {
        Files.createDirectories(backupsDir());
        for (int n = 1; ; n++) {
            Path dir = backupsDir().resolve(n == 1 ? base : base + "-" + n);
            if (!Files.exists(dir)) {
                return Files.createDirectory(dir);
            }
        }
    }

    private static void unzipDatabase(Path zip, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (e.getName().endsWith(".mv.db")) {
                    Path tmp = target.resolveSibling(target.getFileName() + ".restoring");
                    try (OutputStream out = Files.newOutputStream(tmp)) {
                        in.transferTo(out);
                    }
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IOException(zip + " holds no .mv.db database file");
    }

    /**
     * Marks {@code set} to be restored at the next start ({@link #applyPendingRestore}), for a terminal that holds
     * its own database. A later call replaces the mark.
     *
     * @throws BackupException when the set fails {@link #verify} or the mark cannot be written
     */
    public void stageRestore(BackupSet set) {
        List<String> problems = verify(set);
        if (!problems.isEmpty()) {
            throw new RestoreRefusedException("backup " + set.name() + " is damaged: " + String.join("; ", problems));
        }
        try {
            Files.createDirectories(backupsDir());
            Files.writeString(backupsDir().resolve(PENDING), set.name() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BackupException("cannot stage the restore: " + e.getMessage(), e);
        }
    }

    /** The set staged by {@link #stageRestore}, if any. */
    public Optional<String> pendingRestore() {
        Path p = backupsDir().resolve(PENDING);
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a staged restore mark, if any. */
    public void cancelPendingRestore() {
        try {
            Files.deleteIfExists(backupsDir().resolve(PENDING));
        } catch (IOException e) {
            throw new BackupException("cannot remove " + backupsDir().resolve(PENDING) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Performs the staged restore, if any, and removes the mark (also when the restore fails, so a bad set cannot
     * block every start; the failure is thrown).
     *
     * @return what was restored; empty when nothing was staged
     * @throws BackupException as {@link #restore}
     */
    public Optional<RestoreResult> applyPendingRestore() {
        Optional<String> name = pendingRestore();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(restore(find(name.get())));
        } finally {
            cancelPendingRestore();
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new BackupException("cannot delete " + dir + ": " + e.getMessage(), e);
        }
    }
}
