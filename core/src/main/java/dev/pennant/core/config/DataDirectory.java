package dev.pennant.core.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Pennant keeps its files (history database, vault, audit log, favourites, logs), per operating system:
 * <ul>
 *   <li>Windows: {@code %APPDATA%\Pennant}, else {@code <home>\AppData\Roaming\Pennant}</li>
 *   <li>macOS: {@code ~/Library/Application Support/Pennant}</li>
 *   <li>Linux and others: {@code $XDG_DATA_HOME/pennant} when that is an absolute path (the XDG Base Directory rule:
 *       a relative value is ignored), else {@code ~/.local/share/pennant}</li>
 * </ul>
 * Overridable, first match wins: {@code --data-dir DIR}, the system property {@value #PROPERTY}, the environment
 * variable {@value #ENV}. The installers never write here: an upgrade or reinstall replaces only the application
 * folder, so the vault, the database (Flyway migrates it on open) and the settings stay (decision 0017).
 */
public final class DataDirectory {

    /** System property that overrides the default location. */
    public static final String PROPERTY = "pennant.data.dir";

    /** Environment variable that overrides the default location (below the system property). */
    public static final String ENV = "PENNANT_DATA_DIR";

    private DataDirectory() {
    }

    /**
     * The directory to use: {@code override} if given, else {@value #PROPERTY}, else {@value #ENV}, else the OS
     * default, from this JVM's system properties and environment. Absolute and normalised; not created here.
     *
     * @param override the {@code --data-dir} value, or null
     * @throws IllegalArgumentException when the property or environment variable is not a valid path (names it)
     */
    public static Path resolve(Path override) {
        return resolve(override, System.getProperty(PROPERTY), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    /**
     * {@link #resolve(Path)} with everything it reads injected (tests, other OSes).
     *
     * @param override the {@code --data-dir} value, or null
     * @param property the value of {@value #PROPERTY}, or null
     * @param osName   {@code os.name}, e.g. {@code Windows 11}, {@code Mac OS X}, {@code Linux}
     * @param home     {@code user.home}
     * @param env      the environment ({@value #ENV}, {@code APPDATA}, {@code XDG_DATA_HOME} are read)
     * @throws IllegalArgumentException when the property or environment variable is not a valid path (names it)
     */
    public static Path resolve(Path override, String property, String osName, String home, Map<String, String> env) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        if (property != null && !property.isBlank()) {
            return path(property, "system property " + PROPERTY).toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return path(fromEnv, "environment variable " + ENV).toAbsolutePath().normalize();
        }
        return osDefault(osName, home, env);
    }

    /** The OS default for the given {@code os.name}, home directory and environment (no overrides). */
    static Path osDefault(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData != null && !appData.isBlank() ? Path.of(appData) : Path.of(home, "AppData", "Roaming"))
                    .resolve("Pennant");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return Path.of(home, "Library", "Application Support", "Pennant");
        }
        String xdg = env.get("XDG_DATA_HOME");
        boolean usable = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute();
        return (usable ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("pennant");
    }

    private static Path path(String value, String what) {
        try {
            return Path.of(value.strip());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(what + " must be a directory path, was '" + value + "': " + e.getReason(), e);
        }
    }
}
