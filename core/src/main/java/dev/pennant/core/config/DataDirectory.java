package dev.pennant.core.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where Pennant keeps its files (history database, vault, logs), per operating system:
 * <ul>
 *   <li>Windows: {@code %APPDATA%\Pennant}</li>
 *   <li>macOS: {@code ~/Library/Application Support/Pennant}</li>
 *   <li>Linux and others: {@code $XDG_DATA_HOME/pennant}, else {@code ~/.local/share/pennant}</li>
 * </ul>
 * Overridable by {@code --data-dir} or the system property {@code pennant.data.dir}.
 */
public final class DataDirectory {

    /** System property that overrides the default location. */
    public static final String PROPERTY = "pennant.data.dir";

    private DataDirectory() {
    }

    /** The directory to use: {@code override} if given, else the property, else the OS default. Not created here. */
    public static Path resolve(Path override) {
        if (override != null) {
            return override.toAbsolutePath().normalize();
        }
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        return osDefault(System.getProperty("os.name", ""), System.getProperty("user.home", "."), System.getenv());
    }

    /** The OS default for the given {@code os.name}, home directory and environment. */
    static Path osDefault(String osName, String home, Map<String, String> env) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return (appData != null ? Path.of(appData) : Path.of(home, "AppData", "Roaming")).resolve("Pennant");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "Pennant");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("pennant");
    }
}
