package dev.pennant.core.marketdata.importer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pennant.core.marketdata.Gap;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DumpImporterTest {

    private static final String MONTHLY = "spot/klines/BTCUSDT/monthly/";
    @TempDir
    Path dir;
    private HistoryStore store;
    private MarketDataStore data;

    @BeforeEach
    void open() {
        store = HistoryStore.open(dir.resolve("db"));
        data = new MarketDataStore(store.dataSource());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private DumpImporter importer(int chunk) {
        return new DumpImporter(store.dataSource(), () -> 1_700_000_000_000L, chunk);
    }

    /** Bars as comparable text: values compared by number, not by their scale (DECIMAL(38,12) keeps no scale). */
    static List<String> norm(List<Bar> bars) {
        return bars.stream().map(b -> b.symbol() + " " + b.interval() + " " + b.openTime() + " " + b.closeTime() + " "
                + n(b.open()) + " " + n(b.high()) + " " + n(b.low()) + " " + n(b.close()) + " " + n(b.volume()) + " "
                + n(b.quoteVolume()) + " " + b.trades() + " " + n(b.takerBuyBaseVolume()) + " " + n(b.takerBuyQuoteVolume())
                + " " + b.closed()).toList();
    }

    private static String n(BigDecimal d) {
        return d == null ? "-" : d.stripTrailingZeros().toPlainString();
    }

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void monthlyFilesGoIntoTheDatabaseWithTheirGapAndReadBackAsTheImporterReadsThem() throws Exception {
        List<Path> files = DumpImporter.expand(List.of(SharedData.binance().resolve(MONTHLY)));
        assertThat(files).hasSize(5);
        DumpImporter imp = importer(1000);
        List<ImportResult> results = new ArrayList<>();
        for (Path f : files) {
            results.add(imp.importFile(f, DumpImporter.Options.infer(), new ImportListener() { }));
        }
        assertThat(results).extracting(ImportResult::newRows).containsExactly(744L, 672L, 743L, 720L, 744L);
        assertThat(results.get(2).gaps()).containsExactly(new Gap(utc("2023-03-24T12:00:00Z"), utc("2023-03-24T14:00:00Z"), 1));
        assertThat(results).allMatch(r -> r.market() == Market.SPOT && r.interval() == Interval.H1);

        // independent reference: the kline importer's merged folder read
        KlineImport ref = new KlineCsvImporter().readFolder(SharedData.binance().resolve(MONTHLY), "BTCUSDT", Interval.H1);
        List<Bar> stored = data.barSource(Market.SPOT).bars("BTCUSDT", Interval.H1, Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(stored).hasSize(3623);
        assertThat(norm(stored)).isEqualTo(norm(ref.bars()));
        assertThat(data.barGaps(Market.SPOT, "BTCUSDT", Interval.H1)).isEqualTo(ref.gaps());
        // a range query: the two days of February 1-2, 2023
        assertThat(data.bars(Market.SPOT, "BTCUSDT", Interval.H1, utc("2023-02-01T00:00:00Z"), utc("2023-02-03T00:00:00Z")))
                .hasSize(48).first().extracting(Bar::openTime).isEqualTo(utc("2023-02-01T00:00:00Z"));

        // the same files again: skipped by their SHA-256, nothing read or written
        ImportResult again = imp.importFile(files.get(0), DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(again.skipped()).isTrue();
        assertThat(data.coverage(DataKind.KLINES, Market.SPOT, "BTCUSDT", Interval.H1).rows()).isEqualTo(3623);
    }

    @Test
    void headerlessSpotZipAndFuturesFilesImportLikeTheirCsvAndOverlapsAreDeDuplicated() throws Exception {
        List<String> jan = DumpFiles.lines(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz");
        // official spot monthly files have no header: the same rows in a zip under data/spot/monthly/...
        Path zip = DumpFiles.zip(dir.resolve("data/spot/monthly/klines/BTCUSDT/1h"), "BTCUSDT-1h-2023-01",
                jan.subList(1, jan.size()));
        DumpImporter imp = importer(500);
        ImportResult z = imp.importFile(zip, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(z.layout()).isEqualTo("binance-12col-headerless");
        assertThat(z.newRows()).isEqualTo(744);
        assertThat(norm(data.bars(Market.SPOT, "BTCUSDT", Interval.H1, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(norm(new KlineCsvImporter().read(SharedData.file(MONTHLY + "BTCUSDT-1h-2023-01.csv.gz")).bars()));

        // a daily file of Jan 31 overlapping the monthly one: 24 rows, none new
        Path daily = DumpFiles.zip(dir.resolve("data/spot/daily/klines/BTCUSDT/1h"), "BTCUSDT-1h-2023-01-31",
                jan.subList(jan.size() - 24, jan.size()));
        ImportResult d = imp.importFile(daily, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(d.rowsWritten()).isEqualTo(24);
        assertThat(d.newRows()).isZero();
        assertThat(d.duplicates()).isEqualTo(24);
        assertThat(data.coverage(DataKind.KLINES, Market.SPOT, "BTCUSDT", Interval.H1).rows()).isEqualTo(744);

        // the untouched data.binance.vision USD-M monthly file (with header): stored as futures by its path
        Path ltc = SharedData.file("futures-um/klines/LTCUSDT/monthly/LTCUSDT-1m-2026-02.csv.gz");
        ImportResult f = imp.importFile(ltc, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(f.market()).isEqualTo(Market.USDM_FUTURES);
        KlineImport ref = new KlineCsvImporter().read(ltc);
        assertThat(f.newRows()).isEqualTo(ref.bars().size());
        assertThat(norm(data.bars(Market.USDM_FUTURES, "LTCUSDT", Interval.M1, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(norm(ref.bars()));
        assertThat(data.bars(Market.SPOT, "LTCUSDT", Interval.M1, Long.MIN_VALUE, Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void tradesAreDeDuplicatedOnTheirIdAndAggTradesOfBothMarketsImport() throws Exception {
        // 3000 rows, 1038 distinct ids 4561955490..4561956527 (SOURCES.md)
        Path trades = SharedData.file("spot/trades/BTCUSDT-trades-20250215T2328.msba350.csv.gz");
        ImportResult t = importer(400).importFile(trades, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(t.kind()).isEqualTo(DataKind.TRADES);
        assertThat(t.rowsInFile()).isEqualTo(3000);
        assertThat(t.newRows()).isEqualTo(1038);
        assertThat(t.duplicates()).isEqualTo(1962);
        assertThat(data.idGaps(DataKind.TRADES, Market.SPOT, "BTCUSDT")).isEmpty();
        MarketDataStore.Coverage cov = data.coverage(DataKind.TRADES, Market.SPOT, "BTCUSDT", null);
        assertThat(cov.first()).isEqualTo(utc("2025-02-15T23:28:13.706Z"));
        assertThat(cov.last()).isEqualTo(utc("2025-02-15T23:28:37.060Z"));

        List<JsonNode> spot = DumpFiles.aggTrades("http_spot_market_agg_trades.json");
        Path spotZip = DumpFiles.zip(dir.resolve("data/spot/daily/aggTrades/BTCUSDT"), "BTCUSDT-aggTrades-2021-10-22",
                DumpFiles.aggTradeCsv(spot, false));
        ImportResult a = importer(3).importFile(spotZip, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(a.kind()).isEqualTo(DataKind.AGG_TRADES);
        assertThat(a.layout()).isEqualTo("binance-aggTrades-headerless-8col");
        assertThat(a.newRows()).isEqualTo(spot.size());
        try (Connection c = store.dataSource().getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT agg_trade_id, price, quantity, first_trade_id, last_trade_id, trade_time, buyer_maker, best_match "
                        + "FROM market_agg_trade WHERE market = 'SPOT' ORDER BY agg_trade_id")) {
            for (JsonNode j : spot) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(j.get("a").asLong());
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo(new BigDecimal(j.get("p").asText()));
                assertThat(rs.getBigDecimal(3)).isEqualByComparingTo(new BigDecimal(j.get("q").asText()));
                assertThat(rs.getLong(4)).isEqualTo(j.get("f").asLong());
                assertThat(rs.getLong(5)).isEqualTo(j.get("l").asLong());
                assertThat(rs.getLong(6)).isEqualTo(j.get("T").asLong());
                assertThat(rs.getBoolean(7)).isEqualTo(j.get("m").asBoolean());
                assertThat(rs.getBoolean(8)).isEqualTo(j.get("M").asBoolean());
            }
            assertThat(rs.next()).isFalse();
        }

        List<JsonNode> fut = DumpFiles.aggTrades("http_futures_market_agg_trades.json");
        Path futZip = DumpFiles.zip(dir.resolve("data/futures/um/daily/aggTrades/BTCUSDT"), "BTCUSDT-aggTrades-2017-06-30",
                DumpFiles.aggTradeCsv(fut, true));
        ImportResult af = importer(10).importFile(futZip, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(af.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(af.layout()).isEqualTo("header-aggTrades-7col");
        assertThat(data.coverage(DataKind.AGG_TRADES, Market.USDM_FUTURES, "BTCUSDT", null).rows()).isEqualTo(fut.size());
    }

    /** Stands for a killed process: thrown from the listener right after a chunk was committed. */
    private static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    private static ImportListener killAfter(int chunks) {
        return new ImportListener() {
            int seen;

            @Override
            public void onProgress(Path file, long rowsDone, long rowsTotal) {
                if (++seen == chunks) {
                    throw new Killed();
                }
            }
        };
    }

    @Test
    void aKilledImportResumesAfterItsLastCommittedChunk() throws Exception {
        Path ltc = SharedData.file("futures-um/klines/LTCUSDT/monthly/LTCUSDT-1m-2026-02.csv.gz");
        String sha = DumpImporter.sha256(ltc);
        assertThatThrownBy(() -> importer(5000).importFile(ltc, DumpImporter.Options.infer(), killAfter(2)))
                .isInstanceOf(Killed.class);
        MarketDataStore.ImportProgress p = data.progress(sha).orElseThrow();
        assertThat(p.done()).isFalse();
        assertThat(p.rowsDone()).isEqualTo(10_000);
        assertThat(data.coverage(DataKind.KLINES, Market.USDM_FUTURES, "LTCUSDT", Interval.M1).rows()).isEqualTo(10_000);

        long[] resumedAt = {-1};
        ImportResult r = importer(5000).importFile(ltc, DumpImporter.Options.infer(), new ImportListener() {
            @Override
            public void onFileStart(Path file, DataKind kind, String series, long rowsTotal, long resumeFrom) {
                resumedAt[0] = resumeFrom;
            }
        });
        assertThat(resumedAt[0]).isEqualTo(10_000);
        assertThat(r.resumedFrom()).isEqualTo(10_000);
        assertThat(r.rowsWritten()).isEqualTo(r.rowsInFile() - 10_000);
        assertThat(r.newRows()).isEqualTo(r.rowsWritten());
        assertThat(data.progress(sha).orElseThrow().done()).isTrue();
        assertThat(norm(data.bars(Market.USDM_FUTURES, "LTCUSDT", Interval.M1, Long.MIN_VALUE, Long.MAX_VALUE)))
                .isEqualTo(norm(new KlineCsvImporter().read(ltc).bars()));

        // trades resume by row position in the file
        Path trades = SharedData.file("spot/trades/BTCUSDT-trades-20250215T2328.msba350.csv.gz");
        assertThatThrownBy(() -> importer(500).importFile(trades, DumpImporter.Options.infer(), killAfter(2)))
                .isInstanceOf(Killed.class);
        assertThat(data.progress(DumpImporter.sha256(trades)).orElseThrow().rowsDone()).isEqualTo(1000);
        ImportResult t = importer(500).importFile(trades, DumpImporter.Options.infer(), new ImportListener() { });
        assertThat(t.resumedFrom()).isEqualTo(1000);
        assertThat(t.rowsWritten()).isEqualTo(2000);
        assertThat(data.coverage(DataKind.TRADES, Market.SPOT, "BTCUSDT", null).rows()).isEqualTo(1038);
    }

    @Test
    void aMalformedTradeRowNamesFileLineAndColumn() throws Exception {
        Path bad = DumpFiles.zip(dir.resolve("in"), "BTCUSDT-trades-2025-02-15", List.of(
                "4561955490,97594.05,0.00013,12.6872265,1739662093706,true,true",
                "4561955491,97594.05,abc,12.6872265,1739662093710,true,true"));
        assertThatThrownBy(() -> importer(10).importFile(bad, DumpImporter.Options.infer(), new ImportListener() { }))
                .hasMessageContaining("BTCUSDT-trades-2025-02-15.zip line 2: column 'qty' is not a number: 'abc'");
        Path ambiguous = DumpFiles.zip(dir.resolve("in"), "BTCUSDT-aggTrades-2025-02-15", List.of("1,2,3,4,5,6"));
        assertThatThrownBy(() -> importer(10).importFile(ambiguous, DumpImporter.Options.infer(), new ImportListener() { }))
                .hasMessageContaining("a headerless aggTrades file has 7 (USD-M) or 8 (spot) columns");
    }
}
