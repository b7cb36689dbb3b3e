package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.backup.BackupService;
import dev.pennant.core.persistence.backup.BackupSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backup}: an online backup of the history database and the vault, with rotation. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the history database (H2 online BACKUP) and the vault file into "
                + "<data-dir>/backups/pennant-backup-<UTC time>/, then keep only the newest --keep sets.",
                "A running terminal holds its database: use its Tools > Backups... menu (it also backs up on a "
                        + "schedule) instead."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:backed up (or listed)", "1:nothing to back up, the database is in use, or writing failed",
                "2:bad arguments"})
final class BackupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--keep", defaultValue = "10", description = "Backup sets to keep, 1 or more (default: ${DEFAULT-VALUE}).")
    int keep;

    @Option(names = "--list", description = "List the backup sets instead of taking one.")
    boolean list;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database, vault).")
    Path dataDir;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (keep < 1) {
            throw new CommandLine.ParameterException(cl, "--keep must be >= 1, was " + keep);
        }
        PrintWriter out = cl.getOut();
        BackupService svc = new BackupService(DataDirectory.resolve(dataDir), Clock.systemUTC());
        if (list) {
            List<BackupSet> sets = svc.list();
            for (BackupSet s : sets) {
                out.println(describe(s));
            }
            out.printf(Locale.ROOT, "backups: %d in %s%n", sets.size(), svc.backupsDir());
            out.flush();
            return 0;
        }
        List<String> before = svc.list().stream().map(BackupSet::name).toList();
        out.println("backup: writing to " + svc.backupsDir() + " …");
        out.flush();
        BackupSet set = svc.backup(keep);
        out.println("backup: " + describe(set));
        for (String name : before) {
            if (svc.list().stream().noneMatch(s -> s.name().equals(name))) {
                out.println("rotated: " + name + " deleted (keeping " + keep + ")");
            }
        }
        out.flush();
        return 0;
    }

    static String describe(BackupSet s) {
        return String.format(Locale.ROOT, "%s  %s  %s  %.1f MB", s.name(), Instant.ofEpochMilli(s.createdAt()),
                String.join("+", s.sha256().keySet().stream().sorted().toList()), s.bytes() / 1e6);
    }
}
