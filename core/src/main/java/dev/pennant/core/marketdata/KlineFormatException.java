package dev.pennant.core.marketdata;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A kline file (or folder) that cannot be imported: malformed row, unknown layout, symbol or interval that cannot
 * be inferred, or a folder with no matching file.
 *
 * <p>The message reads {@code <file name> line <n>: <reason>}, e.g.
 * {@code BTCUSDT-1m-x.csv.gz line 17: column 'close' is not a number: 'abc'}; without a line
 * ({@link #line()} {@code == 0}) it reads {@code <file name>: <reason>}.
 */
public final class KlineFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final int line;
    private final String reason;

    /**
     * @param file   the file (or folder) concerned, not null
     * @param line   1-based line number in the decompressed file, 0 when the problem is not about one line
     * @param reason what is wrong, without the file name, not null
     */
    public KlineFormatException(Path file, int line, String reason) {
        super(format(file, line, reason));
        this.file = Objects.requireNonNull(file, "file");
        this.line = Math.max(0, line);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The file (or, for a folder import that matched nothing, the folder). */
    public Path file() {
        return file;
    }

    /** 1-based line number in the decompressed file (the header is line 1), or 0 when not about a line. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file name and line, e.g. {@code column 'close' is not a number: 'abc'}. */
    public String reason() {
        return reason;
    }

    private static String format(Path file, int line, String reason) {
        Path name = file == null ? null : file.getFileName();
        String where = name == null ? String.valueOf(file) : name.toString();
        return line > 0 ? where + " line " + line + ": " + reason : where + ": " + reason;
    }
}
