package dev.pennant.core.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * File protocol: crash-safe replacement with a rolling backup, and a writer lock that works across threads
 * (a {@link ReentrantLock} per lock file) and processes ({@link FileChannel#lock()} on {@code <file>.lock}).
 */
final class VaultIo {
    private static final Logger LOG = LoggerFactory.getLogger(VaultIo.class);
    /** Larger files are refused without being read (a vault of 100 keys is a few KB). */
    static final long MAX_FILE_SIZE = 16L * 1024 * 1024;
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** Test seam: lets tests inject a failure (full disk, crash) at the points of the write protocol. */
    interface WriteHook {
        WriteHook NONE = new WriteHook() {
        };

        /** The new content is in {@code temp}, fsynced; the backup has not been rotated yet. */
        default void afterTempWritten(Path temp) throws IOException {
        }

        /** The backup has been rotated; {@code temp} is about to be renamed over the vault. */
        default void beforeRename(Path temp, Path target) throws IOException {
        }
    }

    @FunctionalInterface
    interface LockedAction<T> {
        T run() throws IOException, VaultException;
    }

    private VaultIo() {
    }

    static Path backupOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".bak");
    }

    static Path lockOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Reads the whole file; {@code null} if it does not exist. */
    static byte[] read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > MAX_FILE_SIZE) {
                throw new IOException("file is larger than " + MAX_FILE_SIZE + " bytes");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.hasRemaining() && ch.read(buf) >= 0) {
                // read fully
            }
            if (buf.hasRemaining()) {
                byte[] b = new byte[buf.position()];
                buf.flip();
                buf.get(b);
                return b;
            }
            return buf.array();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Runs {@code action} holding the writer lock of {@code file} (threads of this JVM and other processes). */
    static <T> T withWriteLock(Path file, LockedAction<T> action) throws IOException, VaultException {
        Path lockFile = lockOf(file).toAbsolutePath().normalize();
        ReentrantLock threadLock = LOCKS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        threadLock.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock processLock = ch.lock(); // released when the channel closes
            try {
                cleanStaleTemps(file);
                return action.run();
            } finally {
                processLock.release();
            }
        } finally {
            threadLock.unlock();
        }
    }

    /**
     * Replaces {@code target} with {@code data}: temp file in the same directory, fsync, optional backup rotation
     * (the previous content, {@code previous}, goes to {@code target.bak} by the same temp+fsync+rename steps),
     * atomic rename, directory fsync. On any failure the temp file is removed and {@code target} is untouched.
     * Must be called under {@link #withWriteLock}.
     */
    static void replace(Path target, byte[] data, byte[] previous, WriteHook hook) throws IOException {
        Path temp = writeTemp(target, data);
        try {
            hook.afterTempWritten(temp);
            if (previous != null) {
                Path bak = backupOf(target);
                Path bakTemp = writeTemp(bak, previous);
                try {
                    move(bakTemp, bak);
                } finally {
                    Files.deleteIfExists(bakTemp);
                }
            }
            hook.beforeRename(temp, target);
            move(temp, target);
            fsyncDirectory(target);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                LOG.warn("could not delete temp file {}: {}", temp.getFileName(), e.getClass().getSimpleName());
            }
        }
    }

    private static Path writeTemp(Path target, byte[] data) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        // createTempFile: unique name, owner-only permissions on POSIX file systems.
        Path temp = Files.createTempFile(dir, target.getFileName() + ".", ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(data);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    private static void move(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes the rename durable; not supported on every OS (Windows), where it is skipped. */
    static void fsyncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("directory fsync not supported here: {}", e.getClass().getSimpleName());
        }
    }

    /** Removes temp files left by a writer that crashed (only called under the writer lock). */
    private static void cleanStaleTemps(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name + ".*.tmp")) {
            for (Path p : ds) {
                LOG.info("removing temp file left by an interrupted vault write: {}", p.getFileName());
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not clean temp files next to {}: {}", name, e.getClass().getSimpleName());
        }
    }
}
