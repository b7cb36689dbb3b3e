package dev.pennant.core.marketdata.importer;

import java.io.IOException;

/** A downloaded file's SHA-256 differs from the one its {@code .CHECKSUM} file publishes; the file was deleted. */
public final class ChecksumMismatchException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param fileName the downloaded file's name
     * @param expected SHA-256 from the {@code .CHECKSUM} file (hex)
     * @param actual   SHA-256 of the bytes received (hex)
     */
    public ChecksumMismatchException(String fileName, String expected, String actual) {
        super(fileName + ": checksum mismatch: .CHECKSUM says sha256 " + expected + ", the download has " + actual
                + "; the file was discarded");
    }
}
