package dev.pennant.core.marketdata.importer;

import java.nio.file.Path;

/**
 * Progress of a {@link DumpImporter} run, called on the importing thread. Every method has an empty default.
 * A listener that throws stops the import after the chunk just committed (what a killed process leaves behind:
 * the next run resumes from there).
 */
public interface ImportListener {

    /**
     * A file starts (or resumes).
     *
     * @param rowsTotal  rows the file holds when known before reading it (klines), else -1
     * @param resumeFrom rows a previous run already committed (0 for a fresh file)
     */
    default void onFileStart(Path file, DataKind kind, String series, long rowsTotal, long resumeFrom) {
    }

    /**
     * A chunk was committed.
     *
     * @param rowsDone  rows of the file committed so far (including those of a previous run)
     * @param rowsTotal rows in the file when known, else -1
     */
    default void onProgress(Path file, long rowsDone, long rowsTotal) {
    }

    /** A file is done, or was skipped as already imported ({@link ImportResult#skipped()}). */
    default void onFileDone(ImportResult result) {
    }
}
