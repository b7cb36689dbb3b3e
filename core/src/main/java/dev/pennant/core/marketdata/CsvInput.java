package dev.pennant.core.marketdata;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Opens a recorded CSV file as text, whatever its packing: plain, gzip ({@code 1f 8b}) or a zip archive
 * ({@code PK\3\4}, as data.binance.vision publishes them: one {@code .csv} entry). The packing is told by the
 * magic bytes, not by the file name. Text is UTF-8.
 */
public final class CsvInput {

    private CsvInput() {
    }

    /**
     * A reader over the CSV text of {@code file}; for a zip, the first entry whose name ends in {@code .csv}
     * (case-insensitive), else the first file entry.
     *
     * @throws IOException when the file cannot be read, or a zip holds no file entry
     */
    public static BufferedReader open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        try {
            raw.mark(4);
            int b1 = raw.read();
            int b2 = raw.read();
            int b3 = raw.read();
            int b4 = raw.read();
            raw.reset();
            InputStream in;
            if (b1 == 0x1f && b2 == 0x8b) {
                in = new GZIPInputStream(raw, 1 << 16);
            } else if (b1 == 'P' && b2 == 'K' && b3 == 3 && b4 == 4) {
                in = firstCsvEntry(file, new ZipInputStream(raw));
            } else {
                in = raw;
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream firstCsvEntry(Path file, ZipInputStream zip) throws IOException {
        ZipEntry e;
        while ((e = zip.getNextEntry()) != null) {
            if (!e.isDirectory() && e.getName().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                return zip;
            }
        }
        throw new IOException("zip file " + file + " holds no .csv entry");
    }

    /** True for names ending in {@code .csv}, {@code .csv.gz} or {@code .zip} (case-insensitive). */
    public static boolean isCsvName(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".zip");
    }

    /** The file name without {@code .zip}, {@code .gz} and {@code .csv} ({@code BTCUSDT-1m-2024-01.zip} → {@code BTCUSDT-1m-2024-01}). */
    public static String stem(Path file) {
        String n = file.getFileName().toString();
        for (String ext : new String[] {".zip", ".gz", ".csv"}) {
            if (n.toLowerCase(Locale.ROOT).endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    /**
     * The symbol a Binance-style file name starts with: {@code BTCUSDT} from {@code BTCUSDT-1m-2024-01.zip};
     * {@code null} when there is no {@code -} or the prefix is not upper-case letters and digits.
     */
    public static String symbolFromName(Path file) {
        String n = stem(file);
        int dash = n.indexOf('-');
        if (dash <= 0) {
            return null;
        }
        for (int i = 0; i < dash; i++) {
            char c = n.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return null;
            }
        }
        return n.substring(0, dash);
    }
}
