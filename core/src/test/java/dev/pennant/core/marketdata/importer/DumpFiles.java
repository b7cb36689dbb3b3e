package dev.pennant.core.marketdata.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.testkit.SharedData;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds data.binance.vision-shaped files in tests from the real shared data (never committed). */
final class DumpFiles {
    private DumpFiles() {
    }

    /** The decompressed lines of a shared {@code .csv.gz} file. */
    static List<String> lines(String sharedRelative) throws IOException {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(SharedData.file(sharedRelative))), StandardCharsets.UTF_8))) {
            String l;
            while ((l = r.readLine()) != null) {
                out.add(l);
            }
        }
        return out;
    }

    /** Writes {@code lines} as the one {@code .csv} entry of a zip named {@code <name>.zip}, as Binance does. */
    static Path zip(Path dir, String name, List<String> lines) throws IOException {
        Files.createDirectories(dir);
        Path z = dir.resolve(name + ".zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(z))) {
            out.putNextEntry(new ZipEntry(name + ".csv"));
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return z;
    }

    /** The shared REST aggTrades fixture (real BTCUSDT aggregate trades) as JSON objects {a,p,q,f,l,T,m[,M]}. */
    static List<JsonNode> aggTrades(String fixture) throws IOException {
        JsonNode arr = new ObjectMapper().readTree(SharedData.file(
                "fixtures/nautilus_trader/python-tests/http_responses/" + fixture).toFile());
        List<JsonNode> out = new ArrayList<>();
        arr.forEach(out::add);
        return out;
    }

    /** data.binance.vision aggTrades rows: spot headerless (8 columns) or USD-M with header (7 columns). */
    static List<String> aggTradeCsv(List<JsonNode> trades, boolean futures) {
        List<String> out = new ArrayList<>();
        if (futures) {
            out.add("agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker");
        }
        for (JsonNode t : trades) {
            out.add(t.get("a").asText() + "," + t.get("p").asText() + "," + t.get("q").asText() + "," + t.get("f").asText()
                    + "," + t.get("l").asText() + "," + t.get("T").asText() + "," + (t.get("m").asBoolean() ? "True" : "False")
                    + (futures ? "" : "," + (t.path("M").asBoolean(true) ? "True" : "False")));
        }
        return out;
    }
}
