package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.backup.BackupService;
import dev.pennant.core.persistence.backup.BackupSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code restore}: puts a backup set back into the data directory. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup set (see backup --list) into the data directory: the history database and, "
                + "when the set has one, the vault. The files replaced are moved to "
                + "<data-dir>/backups/replaced-<UTC time>/ first; a damaged set (checksum) is refused.",
                "Refused while a terminal holds the database: close it, or use its Tools > Backups... menu, which "
                        + "restores at the next start."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:restored", "1:refused (database held, damaged set) or failed", "2:bad arguments"})
final class RestoreCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BACKUP|latest", description = "Backup set name or folder, or latest.")
    String backup;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database, vault).")
    Path dataDir;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        BackupService svc = new BackupService(DataDirectory.resolve(dataDir), Clock.systemUTC());
        BackupSet set;
        if (backup.equals("latest")) {
            List<BackupSet> sets = svc.list();
            if (sets.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "restore latest: no backup sets in " + svc.backupsDir());
            }
            set = sets.getFirst();
        } else {
            try {
                set = svc.find(backup);
            } catch (RuntimeException e) {
                throw new CommandLine.ParameterException(cl, e.getMessage());
            }
        }
        out.println("restore: " + BackupCommand.describe(set));
        BackupService.RestoreResult r = svc.restore(set);
        out.println("restored: " + String.join(", ", r.restored()));
        if (r.replacedDir() != null) {
            out.println("replaced files kept in " + r.replacedDir());
        }
        out.flush();
        return 0;
    }
}
