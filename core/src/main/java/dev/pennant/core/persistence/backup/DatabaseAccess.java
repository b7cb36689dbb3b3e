package dev.pennant.core.persistence.backup;

import dev.pennant.core.persistence.HistoryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Who holds the history database of a data directory, and plain JDBC connections to it for the backup, restore,
 * integrity and export tools (no Flyway, no Hibernate: they must work on any schema version and change nothing).
 *
 * <p>H2 in file mode lets one process open the file; other connections of that same process join the open database.
 * So a tool connection that fails with H2's "already in use" means another process (a running terminal) holds it;
 * one that succeeds while other sessions are listed in {@code INFORMATION_SCHEMA.SESSIONS} means this process holds
 * it (the terminal's own history store).
 */
public final class DatabaseAccess {

    private DatabaseAccess() {
    }

    /** Who holds the database. */
    public enum Holder {
        /** Nobody: the file is free (or does not exist). */
        NONE,
        /** This process (e.g. the terminal's history store is open). */
        THIS_PROCESS,
        /** Another process, e.g. a running terminal. */
        OTHER_PROCESS
    }

    /** {@code <dataDir>/history.mv.db}. */
    public static Path databaseFile(Path dataDir) {
        return dataDir.resolve("history.mv.db");
    }

    /**
     * Who holds the database of {@code dataDir} right now.
     *
     * @throws BackupException when the file exists but cannot be opened for another reason (the message says why)
     */
    public static Holder holder(Path dataDir) {
        if (!Files.exists(databaseFile(dataDir))) {
            return Holder.NONE;
        }
        try (Connection c = DriverManager.getConnection(HistoryStore.jdbcUrl(dataDir) + ";IFEXISTS=TRUE", "pennant", "");
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rs.next();
            return rs.getLong(1) > 1 ? Holder.THIS_PROCESS : Holder.NONE;
        } catch (SQLException e) {
            if (inUse(e)) {
                return Holder.OTHER_PROCESS;
            }
            throw new BackupException("cannot open " + databaseFile(dataDir) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection for reading only. When no process holds the database it is opened with
     * {@code ACCESS_MODE_DATA=r}, so nothing can be written; when this process holds it, the connection joins it
     * (callers then only run queries).
     *
     * @throws BackupException when there is no database in {@code dataDir}, or another process holds it
     */
    public static Connection openForReading(Path dataDir) {
        requireDatabase(dataDir);
        Holder h = holder(dataDir);
        if (h == Holder.OTHER_PROCESS) {
            throw inUseByOther(dataDir);
        }
        String url = HistoryStore.jdbcUrl(dataDir) + ";IFEXISTS=TRUE" + (h == Holder.NONE ? ";ACCESS_MODE_DATA=r" : "");
        try {
            Connection c = DriverManager.getConnection(url, "pennant", "");
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw inUse(e) ? inUseByOther(dataDir)
                    : new BackupException("cannot open " + databaseFile(dataDir) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A read-write connection (joining this process's open database if there is one), for {@code BACKUP TO}.
     *
     * @throws BackupException when there is no database in {@code dataDir}, or another process holds it
     */
    static Connection open(Path dataDir) {
        requireDatabase(dataDir);
        try {
            return DriverManager.getConnection(HistoryStore.jdbcUrl(dataDir) + ";IFEXISTS=TRUE", "pennant", "");
        } catch (SQLException e) {
            throw inUse(e) ? inUseByOther(dataDir)
                    : new BackupException("cannot open " + databaseFile(dataDir) + ": " + e.getMessage(), e);
        }
    }

    private static void requireDatabase(Path dataDir) {
        if (!Files.isRegularFile(databaseFile(dataDir))) {
            throw new BackupException("no history database in " + dataDir + " (" + databaseFile(dataDir).getFileName()
                    + " missing)", null);
        }
    }

    static BackupException inUseByOther(Path dataDir) {
        return new BackupException("the history database " + databaseFile(dataDir) + " is in use by another Pennant "
                + "process (a running terminal): close it first, or use its Tools menu", null);
    }

    private static boolean inUse(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("already in use") || m.contains("Database may be already in use") || m.contains("locked");
    }
}
