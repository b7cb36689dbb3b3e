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

    /** Runs the command line; exits with the command's status (the window's close ends the GUI). */
    public static void main(String[] args) {
        // Our own config by name: the futures connector jar bundles a logback.xml of its own.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pennant-logback.xml");
        }
        // Logs go to the user data directory's logs/ unless told otherwise (see logback.xml).
        if (System.getProperty("pennant.log.dir") == null) {
            System.setProperty("pennant.log.dir",
                    dev.pennant.core.config.DataDirectory.resolve(null).resolve("logs").toString());
        }
        CommandLine cl = PennantCommand.commandLine();
        int code = cl.execute(args);
        PennantCommand root = cl.getCommand();
        if (!root.launchedWindow()) {
            System.exit(code);
        }
    }
}
