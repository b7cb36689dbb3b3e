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
        configure(options);
        Application.launch(TerminalApp.class);
    }

    /** Sets the options {@link TerminalApp} starts with (for launchers that start the application themselves, e.g. tests). */
    public static void configure(TerminalOptions options) {
        OPTIONS.set(java.util.Objects.requireNonNull(options, "options"));
    }

    /** The options given to {@link #launch} (read by {@link TerminalApp}). */
    public static TerminalOptions options() {
        return OPTIONS.get();
    }
}
