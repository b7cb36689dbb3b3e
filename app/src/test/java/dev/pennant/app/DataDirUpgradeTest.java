package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade replaces only the application folder: the new version finds the user data directory an older one left
 * (same per-OS resolution) and opens everything in it — the history database written at schema V1 (Flyway migrates
 * it to the latest version, rows intact), the vault, the favourites — without rewriting what it does not own.
 */
class DataDirUpgradeTest {

    // test-sized KDF, and a policy that keeps it (the default policy would re-encrypt a weak vault on unlock)
    private static final KdfParams FAST = new KdfParams(64, 1, 1);
    private static final VaultOptions OPTIONS = VaultOptions.defaults().withPolicy(new KdfPolicy(FAST, new KdfParams(1024, 4, 2)));

    @TempDir
    Path home;

    @Test
    void anOlderDataDirectoryOpensAfterAnUpgrade() throws Exception {
        // the "old install": Linux defaults, no XDG_DATA_HOME
        Path dir = DataDirectory.resolve(null, null, "Linux", home.toString(), Map.of());
        assertThat(dir).isEqualTo(home.resolve(".local/share/pennant"));
        Files.createDirectories(dir);

        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(HistoryStore.jdbcUrl(dir));
        ds.setUser("pennant");
        ds.setPassword("");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("1").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO trading_session VALUES ('pn-old', 'PAPER', 'paper', 'Replay of x', 'BTCUSDT', '1m', "
                    + "'EMA-cross+RSI', 'USDT', 10000, 1700000000000, 1700000999000)");
        }
        char[] password = "correct horse battery".toCharArray();
        try (UnlockedVault v = VaultFile.create(VaultFile.defaultPath(dir), password.clone(), FAST, OPTIONS);
             NewEntry e = NewEntry.builder("main", EntryKind.BINANCE_SPOT).apiKey("key-not-real".toCharArray())
                     .secret("secret-not-real".toCharArray()).build()) {
            v.put(e);
        }
        Path favourites = dir.resolve("favourites.txt");
        Files.writeString(favourites, "SPOT:BTCUSDT\nUSDM_FUTURES:ETHUSDT\n");
        byte[] vaultBefore = Files.readAllBytes(VaultFile.defaultPath(dir));

        // the "new install" resolves the same directory (XDG_DATA_HOME now set to its default value changes nothing)
        Path again = DataDirectory.resolve(null, null, "Linux", home.toString(),
                Map.of("XDG_DATA_HOME", home.resolve(".local/share").toString()));
        assertThat(again).isEqualTo(dir);

        try (HistoryStore store = HistoryStore.open(again)) {
            assertThat(store.sessions()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo("pn-old");
                assertThat(s.endedAt()).isEqualTo(1_700_000_999_000L);
            });
        }
        try (HistoryStore reopened = HistoryStore.open(again)) { // a second start: nothing left to migrate
            assertThat(reopened.sessions()).hasSize(1);
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\" "
                     + "WHERE \"success\" AND \"version\" IS NOT NULL")) {
            r.next();
            assertThat(r.getInt(2)).as("migrated past V1").isGreaterThan(1);
            assertThat(r.getInt(1)).as("one row per applied migration, V1 not re-run").isEqualTo(r.getInt(2));
        }
        try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(again), password.clone(), OPTIONS)) {
            List<EntryInfo> entries = v.entries();
            assertThat(entries).extracting(EntryInfo::label).containsExactly("main");
            assertThat(new String(v.secret(entries.getFirst().id()))).isEqualTo("secret-not-real");
        }
        assertThat(Files.readAllBytes(VaultFile.defaultPath(again))).as("vault untouched by opening it").isEqualTo(vaultBefore);
        assertThat(Files.readString(favourites)).isEqualTo("SPOT:BTCUSDT\nUSDM_FUTURES:ETHUSDT\n");
    }
}
