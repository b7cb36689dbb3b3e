package dev.pennant.core.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Audit records as JSON lines in {@code <dir>/audit-YYYY-MM-DD.log} (date of the event in {@code zone}, UTC by
 * default). The chain runs across files: the first record of a day links to the last record of the previous file.
 * Every append is fsynced.
 *
 * <p>Several writers may share the directory (the terminal and a {@code pennant vault ...} command run at the same
 * time): {@link #appendNext} takes an OS file lock on {@code <dir>/.audit.lock} and re-reads the head under it, so the
 * chain never forks. Within one JVM, writers of the same directory are serialised on a per-directory monitor first,
 * because the JDK refuses a second lock on the same file from the same process.
 */
public final class DailyFileAuditSink implements AuditSink {
    private final Path dir;
    private final ZoneId zone;

    public DailyFileAuditSink(Path dir) {
        this(dir, ZoneOffset.UTC);
    }

    public DailyFileAuditSink(Path dir, ZoneId zone) {
        this.dir = dir;
        this.zone = zone;
    }

    /** One monitor per directory and JVM (keys: absolute, normalised paths). */
    private static final ConcurrentHashMap<Path, Object> DIR_MONITORS = new ConcurrentHashMap<>();

    /**
     * Appends the next record under an exclusive OS lock on {@code <dir>/.audit.lock}, re-reading the head (the last
     * line of the newest daily file) while the lock is held. Blocks while another process holds the lock.
     */
    @Override
    public AuditRecord appendNext(Function<Optional<AuditRecord>, AuditRecord> next) throws IOException {
        Files.createDirectories(dir);
        Object monitor = DIR_MONITORS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object());
        synchronized (monitor) {
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".audit.lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 var lock = lockFile.lock()) {
                AuditRecord r = next.apply(last());
                append(r);
                return r;
            }
        }
    }

    /** The directory holding the daily files. */
    public Path directory() {
        return dir;
    }

    /** The file for a given date. */
    public Path fileFor(LocalDate date) {
        return dir.resolve("audit-" + date + ".log");
    }

    @Override
    public synchronized void append(AuditRecord record) throws IOException {
        Files.createDirectories(dir);
        Path f = fileFor(LocalDate.ofInstant(record.time(), zone));
        byte[] line = (record.toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(false);
        }
    }

    @Override
    public synchronized Optional<AuditRecord> last() throws IOException {
        List<Path> files = files();
        for (int i = files.size() - 1; i >= 0; i--) {
            List<String> lines = Files.readAllLines(files.get(i), StandardCharsets.UTF_8);
            for (int j = lines.size() - 1; j >= 0; j--) {
                if (!lines.get(j).isBlank()) {
                    try {
                        return Optional.of(AuditRecord.parse(lines.get(j)));
                    } catch (IllegalArgumentException e) {
                        throw new IOException("last audit line in " + files.get(i).getFileName() + " is corrupt; run verify()");
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized AuditVerification verify() throws IOException {
        List<String> problems = new ArrayList<>();
        String prev = AuditRecord.GENESIS;
        long expectedSeq = 1;
        long count = 0;
        for (Path f : files()) {
            List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String where = f.getFileName() + ":" + (i + 1);
                String line = lines.get(i);
                if (line.isBlank()) {
                    problems.add(where + ": blank line");
                    continue;
                }
                AuditRecord r;
                try {
                    r = AuditRecord.parse(line);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": unparseable record");
                    continue;
                }
                count++;
                if (!r.computeHash().equals(r.hash())) {
                    problems.add(where + ": content does not match its hash (record edited)");
                }
                if (!r.toJsonLine().equals(line)) {
                    problems.add(where + ": line is not in canonical form (record edited)");
                }
                if (!r.prevHash().equals(prev)) {
                    problems.add(where + ": prev hash does not match the preceding record (record deleted, inserted or edited)");
                }
                if (r.seq() != expectedSeq) {
                    problems.add(where + ": sequence " + r.seq() + ", expected " + expectedSeq + " (record deleted or inserted)");
                }
                prev = r.hash();
                expectedSeq = r.seq() + 1;
            }
        }
        return new AuditVerification(count, problems);
    }

    private List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "audit-????-??-??.log")) {
            ds.forEach(out::add);
        }
        out.sort(null);
        return out;
    }

    @Override
    public String toString() {
        return "DailyFileAuditSink[" + dir + "]";
    }
}
