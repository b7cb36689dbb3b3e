package dev.pennant.app;

import dev.pennant.core.model.Fill;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A paper session killed with SIGKILL mid-replay keeps every fill it had already reported. */
class KillMidSessionTest {

    private static final Pattern FILL = Pattern.compile("^fill: \\S+ #(\\d+) (\\S+) (BUY|SELL) (\\S+) @ (\\S+) .*");

    @Test
    void killingThePaperSessionLosesNoReportedFill(@TempDir Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "paper", "--replay", SharedData.btc1m().toString(), "--speed", "3000", "--data-dir", dataDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Matcher> reported = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            String line;
            while (reported.size() < 3 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                Matcher m = FILL.matcher(line);
                if (m.matches()) {
                    reported.add(m);
                }
            }
        } finally {
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean close of H2
            p.waitFor(20, TimeUnit.SECONDS);
        }
        assertThat(reported).as("fills printed before the kill").hasSizeGreaterThanOrEqualTo(3);

        try (HistoryStore store = HistoryStore.open(dataDir)) {
            SessionInfo session = store.latestSession().orElseThrow();
            assertThat(session.endedAt()).as("killed, so never ended cleanly").isNull();
            List<Fill> stored = store.fills(session.id());
            for (Matcher m : reported) {
                long tradeId = Long.parseLong(m.group(1));
                assertThat(stored).as("fill #" + tradeId + " survives the kill").anySatisfy(f -> {
                    assertThat(f.tradeId()).isEqualTo(tradeId);
                    assertThat(f.clientOrderId()).isEqualTo(m.group(2));
                    assertThat(f.side().name()).isEqualTo(m.group(3));
                    assertThat(f.quantity()).isEqualByComparingTo(m.group(4));
                    assertThat(f.price()).isEqualByComparingTo(m.group(5));
                });
            }
        }
    }
}
