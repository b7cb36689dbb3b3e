package dev.pennant.app;

import picocli.CommandLine;

/**
 * Entry point. Without a subcommand it opens the terminal window; with one it runs headless
 * ({@code backtest}, {@code paper}, {@code bench}, {@code --help}).
 *
 * <p>Deliberately not a {@code javafx.application.Application}: on the classpath the JavaFX launcher refuses a main
 * class that extends it ("JavaFX runtime components are missing").
 */
public final class Main {

    private Main() {
    }

    /**
     * The value of the first {@code --data-dir DIR} or {@code --data-dir=DIR} in {@code args} (the root command and
     * every subcommand use that name), or null.
     */
    static java.nio.file.Path dataDirArgument(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--")) {
                break;
            }
            if (args[i].equals("--data-dir") && i + 1 < args.length) {
                return java.nio.file.Path.of(args[i + 1]);
            }
            if (args[i].startsWith("--data-dir=")) {
                return java.nio.file.Path.of(args[i].substring("--data-dir=".length()));
            }
        }
        return null;
    }

    /** Runs the command line; exits with the command's status (the window's close ends the GUI). */
    public static void main(String[] args) {
        // Our own config by name: the futures connector jar bundles a logback.xml of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pennant-logback.xml");
        }
        // Logs go to the data directory's logs/ (--data-dir, else the user data directory) unless told otherwise.
        // Decided before picocli runs: logging starts with the first logger, which may come before a command's call().
        if (System.getProperty("pennant.log.dir") == null) {
            System.setProperty("pennant.log.dir",
                    dev.pennant.core.config.DataDirectory.resolve(dataDirArgument(args)).resolve("logs").toString());
        }
        CommandLine cl = PennantCommand.commandLine();
        int code = cl.execute(args);
        PennantCommand root = cl.getCommand();
        if (!root.launchedWindow()) {
            System.exit(code);
        }
    }
}
