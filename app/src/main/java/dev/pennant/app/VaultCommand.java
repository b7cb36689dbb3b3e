package dev.pennant.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code vault}: the encrypted key vault ({@code <dataDir>/vault.pnv}) from the command line. Passwords and secret values
 * are read from the console, or from standard input (one per line) when it is not a terminal; never from arguments or
 * the environment. See docs/vault-format.md.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = {"Manage the encrypted key vault (API keys, tokens, passwords).",
                "Secrets are read from the console, or one per line from standard input when it is not a terminal;",
                "never from arguments or the environment."},
        subcommands = {VaultInitCommand.class, VaultAddCommand.class, VaultListCommand.class, VaultRotateCommand.class,
                VaultRemoveCommand.class, VaultChangePasswordCommand.class, VaultExportCommand.class,
                VaultImportCommand.class})
final class VaultCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: missing subcommand (init, add, list, rotate, remove, change-password, export, import)");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
