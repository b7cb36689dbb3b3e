package dev.pennant.app;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The log directory follows {@code --data-dir}, decided from the raw arguments before logging starts. */
class MainDataDirTest {
    @Test
    void findsTheDataDirInEitherSpellingAndAnywhereBeforeTheEndOfOptions() {
        assertThat(Main.dataDirArgument(new String[] {"--data-dir", "/tmp/a"})).isEqualTo(Path.of("/tmp/a"));
        assertThat(Main.dataDirArgument(new String[] {"paper", "--replay", "f.csv", "--data-dir=/tmp/b"}))
                .isEqualTo(Path.of("/tmp/b"));
        assertThat(Main.dataDirArgument(new String[] {"vault", "list", "--data-dir", "d"})).isEqualTo(Path.of("d"));
        assertThat(Main.dataDirArgument(new String[] {"backtest", "--data", "x"})).isNull();
        assertThat(Main.dataDirArgument(new String[] {"--data-dir"})).isNull();
        assertThat(Main.dataDirArgument(new String[] {"--", "--data-dir", "z"})).isNull();
    }
}
