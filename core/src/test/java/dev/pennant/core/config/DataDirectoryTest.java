package dev.pennant.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-OS default and override order of the user data directory, with os.name, home and environment injected. */
class DataDirectoryTest {

    private static final Map<String, String> NO_ENV = Map.of();

    @Test
    void windowsUsesAppData() {
        assertThat(DataDirectory.osDefault("Windows 11", "C:\\Users\\t", Map.of("APPDATA", "C:\\Users\\t\\AppData\\Roaming")))
                .isEqualTo(Path.of("C:\\Users\\t\\AppData\\Roaming").resolve("Pennant"));
        assertThat(DataDirectory.osDefault("Windows Server 2022", "C:\\Users\\t", NO_ENV))
                .as("no APPDATA: the roaming profile under the home directory")
                .isEqualTo(Path.of("C:\\Users\\t", "AppData", "Roaming", "Pennant"));
    }

    @Test
    void macOsUsesApplicationSupport() {
        assertThat(DataDirectory.osDefault("Mac OS X", "/Users/t", Map.of("XDG_DATA_HOME", "/ignored")))
                .isEqualTo(Path.of("/Users/t/Library/Application Support/Pennant"));
    }

    @Test
    void linuxFollowsXdg() {
        assertThat(DataDirectory.osDefault("Linux", "/home/t", NO_ENV)).isEqualTo(Path.of("/home/t/.local/share/pennant"));
        assertThat(DataDirectory.osDefault("Linux", "/home/t", Map.of("XDG_DATA_HOME", "/data")))
                .isEqualTo(Path.of("/data/pennant"));
        assertThat(DataDirectory.osDefault("Linux", "/home/t", Map.of("XDG_DATA_HOME", "")))
                .as("empty XDG_DATA_HOME counts as unset").isEqualTo(Path.of("/home/t/.local/share/pennant"));
        assertThat(DataDirectory.osDefault("Linux", "/home/t", Map.of("XDG_DATA_HOME", "rel/dir")))
                .as("the XDG spec ignores a relative XDG_DATA_HOME").isEqualTo(Path.of("/home/t/.local/share/pennant"));
        assertThat(DataDirectory.osDefault("FreeBSD", "/home/t", NO_ENV)).isEqualTo(Path.of("/home/t/.local/share/pennant"));
    }

    @Test
    void overridesWinInOrderOptionPropertyEnvironment() {
        Map<String, String> env = Map.of(DataDirectory.ENV, "/from/env", "XDG_DATA_HOME", "/xdg");
        assertThat(DataDirectory.resolve(Path.of("/from/option"), "/from/prop", "Linux", "/home/t", env))
                .isEqualTo(Path.of("/from/option"));
        assertThat(DataDirectory.resolve(null, "/from/prop", "Linux", "/home/t", env)).isEqualTo(Path.of("/from/prop"));
        assertThat(DataDirectory.resolve(null, null, "Linux", "/home/t", env)).isEqualTo(Path.of("/from/env"));
        assertThat(DataDirectory.resolve(null, " ", "Linux", "/home/t", Map.of(DataDirectory.ENV, "")))
                .as("blank overrides count as unset").isEqualTo(Path.of("/home/t/.local/share/pennant"));
        assertThat(DataDirectory.resolve(null, null, "Mac OS X", "/Users/t", Map.of(DataDirectory.ENV, "/Volumes/x/p")))
                .isEqualTo(Path.of("/Volumes/x/p"));
    }

    @Test
    void overridesAreMadeAbsoluteAndNormalised() {
        assertThat(DataDirectory.resolve(Path.of("x/../y"))).isEqualTo(Path.of("y").toAbsolutePath());
        assertThat(DataDirectory.resolve(null, null, "Linux", "/home/t", Map.of(DataDirectory.ENV, "a/./b")))
                .isEqualTo(Path.of("a/b").toAbsolutePath());
    }

    @Test
    void anInvalidOverrideNamesItsSource() {
        assertThatThrownBy(() -> DataDirectory.resolve(null, null, "Linux", "/home/t", Map.of(DataDirectory.ENV, "a\0b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("environment variable PENNANT_DATA_DIR");
        assertThatThrownBy(() -> DataDirectory.resolve(null, "a\0b", "Linux", "/home/t", NO_ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("system property pennant.data.dir");
    }
}
