package dev.pennant.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirectoryTest {

    @Test
    void perOsDefaults() {
        assertThat(DataDirectory.osDefault("Windows 11", "C:\\Users\\t", Map.of("APPDATA", "C:\\Users\\t\\AppData\\Roaming")))
                .isEqualTo(Path.of("C:\\Users\\t\\AppData\\Roaming", "Pennant"));
        assertThat(DataDirectory.osDefault("Mac OS X", "/Users/t", Map.of()))
                .isEqualTo(Path.of("/Users/t/Library/Application Support/Pennant"));
        assertThat(DataDirectory.osDefault("Linux", "/home/t", Map.of())).isEqualTo(Path.of("/home/t/.local/share/pennant"));
        assertThat(DataDirectory.osDefault("Linux", "/home/t", Map.of("XDG_DATA_HOME", "/data")))
                .isEqualTo(Path.of("/data/pennant"));
    }

    @Test
    void anExplicitDirectoryWins() {
        assertThat(DataDirectory.resolve(Path.of("x/../y"))).isEqualTo(Path.of("y").toAbsolutePath());
    }
}
