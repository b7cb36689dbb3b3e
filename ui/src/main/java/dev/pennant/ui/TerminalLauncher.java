package dev.pennant.ui;

import javafx.application.Application;

import java.util.concurrent.atomic.AtomicReference;

/** Starts the JavaFX terminal from a plain {@code main} (the classpath launch needs a non-Application main class). */
public final class TerminalLauncher {

    private static final AtomicReference<TerminalOptions> OPTIONS = new AtomicReference<>();

    private TerminalLauncher() {
    }

    /** Opens the terminal window and blocks until it closes. */
    public static void launch(TerminalOptions options) {
        OPTIONS.set(options);
        Application.launch(TerminalApp.class);
    }

    /** The options given to {@link #launch} (read by {@link TerminalApp}). */
    public static TerminalOptions options() {
        return OPTIONS.get();
    }
}
