package dev.pennant.app;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where the {@code vault} commands read passwords and secret values: the console (no echo) when stdin is a terminal,
 * otherwise standard input, one value per line (UTF-8, {@code \n} or {@code \r\n}). Never arguments or the
 * environment. Values are {@code char[]} the caller wipes; lines are read character by character into arrays that are
 * wiped when they grow, never into a {@code String}.
 */
final class SecretInput {
    private final Console console;
    private final Reader reader;

    private SecretInput(Console console, Reader reader) {
        this.console = console;
        this.reader = reader;
    }

    /** The console when stdin is a terminal, else {@code System.in} (read at call time, so tests can replace it). */
    static SecretInput system() {
        Console c = System.console();
        if (c != null && c.isTerminal()) {
            return new SecretInput(c, null);
        }
        return fromStream(System.in);
    }

    /** Lines of {@code in} (tests, pipes). */
    static SecretInput fromStream(InputStream in) {
        return new SecretInput(null, new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    /** True when reading from the console (prompts are shown, nothing echoed). */
    boolean interactive() {
        return console != null;
    }

    /**
     * Reads one value.
     *
     * @param what what is asked for, e.g. "Master password" (the prompt; also named in the error on missing input)
     * @throws InputException on end of input or an empty value
     */
    char[] read(String what) throws InputException {
        char[] v;
        if (console != null) {
            v = console.readPassword("%s: ", what);
        } else {
            v = readLine();
        }
        if (v == null) {
            throw new InputException("no value for \"" + what + "\": standard input ended"
                    + " (see `pennant vault <command> --help` for the order of the input lines)");
        }
        if (v.length == 0) {
            throw new InputException("empty value for \"" + what + "\"");
        }
        return v;
    }

    /** Reads a value twice and checks both are equal (new passwords). */
    char[] readConfirmed(String what) throws InputException {
        char[] a = read(what);
        char[] b;
        try {
            b = read(what + " (again)");
        } catch (InputException e) {
            Arrays.fill(a, '\0');
            throw e;
        }
        try {
            if (!Arrays.equals(a, b)) {
                Arrays.fill(a, '\0');
                throw new InputException("the two entries of \"" + what + "\" do not match; nothing was changed");
            }
            return a;
        } finally {
            Arrays.fill(b, '\0');
        }
    }

    private char[] readLine() throws InputException {
        char[] buf = new char[64];
        int n = 0;
        try {
            int c;
            boolean any = false;
            while ((c = reader.read()) != -1) {
                any = true;
                if (c == '\n') {
                    break;
                }
                if (n == buf.length) {
                    char[] bigger = Arrays.copyOf(buf, buf.length * 2);
                    Arrays.fill(buf, '\0');
                    buf = bigger;
                }
                buf[n++] = (char) c;
            }
            if (!any) {
                return null;
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            return Arrays.copyOf(buf, n);
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(buf, '\0');
        }
    }

    /** Missing, empty or mismatched input. The message never contains the value. */
    static final class InputException extends Exception {
        private static final long serialVersionUID = 1L;

        InputException(String message) {
            super(message);
        }
    }
}
