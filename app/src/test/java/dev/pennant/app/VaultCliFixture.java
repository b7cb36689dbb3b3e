package dev.pennant.app;

import com.sun.net.httpserver.HttpServer;
import picocli.CommandLine;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs {@code pennant ...} in-process with stdin from a string, and a loopback stand-in for apiRestrictions. */
final class VaultCliFixture {
    static final String PASSWORD = "correct horse battery staple (test only)";
    static final String NEW_PASSWORD = "another long test passphrase, not real";
    static final String KEY_1 = "test-key-not-real-A1b2C3d4E5";
    static final String SECRET_1 = "test-secret-not-real-Zx9wQv7u";
    static final String KEY_2 = "test-key-not-real-F6g7H8i9J0";
    static final String SECRET_2 = "test-secret-not-real-Kk3mPp5r";
    static final String LLM_SECRET = "sk-test-not-real-0123456789abcdef";

    /** apiRestrictions answer: withdrawals enabled, no IP whitelist, reading + spot trading. */
    static final String RISKY = "{\"ipRestrict\":false,\"createTime\":1700000000000,\"enableInternalTransfer\":false,"
            + "\"enableFutures\":false,\"enablePortfolioMarginTrading\":false,\"enableVanillaOptions\":false,"
            + "\"permitsUniversalTransfer\":false,\"enableReading\":true,\"enableSpotAndMarginTrading\":true,"
            + "\"enableWithdrawals\":true,\"enableMargin\":false}";
    /** A well-configured key: IP-restricted, withdrawals disabled. */
    static final String SAFE = RISKY.replace("\"ipRestrict\":false", "\"ipRestrict\":true")
            .replace("\"enableWithdrawals\":true", "\"enableWithdrawals\":false");

    /** Captured output of one run, plus everything printed by earlier runs (for leak scans). */
    record Run(int code, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    final List<Run> runs = new ArrayList<>();

    Run run(String stdin, String... args) {
        InputStream oldIn = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try {
            CommandLine cl = PennantCommand.commandLine();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            Run r = new Run(code, out.toString(), err.toString());
            runs.add(r);
            return r;
        } finally {
            System.setIn(oldIn);
        }
    }

    /** {@code vault <cmd> --data-dir dir --allow-weak-kdf <extra>}. */
    Run vault(Path dir, String stdin, String cmd, String... extra) {
        List<String> a = new ArrayList<>(List.of("vault", cmd, "--data-dir", dir.toString(), "--allow-weak-kdf"));
        a.addAll(List.of(extra));
        return run(stdin, a.toArray(String[]::new));
    }

    Run init(Path dir) {
        return vault(dir, lines(PASSWORD, PASSWORD), "init", "--kdf-memory", "64", "--kdf-iterations", "1");
    }

    static String lines(String... values) {
        return String.join("\n", values) + "\n";
    }

    /** Loopback {@code GET /sapi/v1/account/apiRestrictions}: checks the key header and the HMAC-SHA256 signature. */
    static final class FakeRestrictions implements AutoCloseable {
        final HttpServer server;
        final Map<String, String> secrets = new ConcurrentHashMap<>();
        volatile String body = RISKY;
        volatile int requests;

        FakeRestrictions() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/sapi/v1/account/apiRestrictions", ex -> {
                requests++;
                String q = ex.getRequestURI().getRawQuery();
                String key = ex.getRequestHeaders().getFirst("X-MBX-APIKEY");
                String secret = key == null ? null : secrets.get(key);
                int status = 200;
                String out = body;
                int sig = q == null ? -1 : q.lastIndexOf("&signature=");
                if (secret == null) {
                    status = 401;
                    out = "{\"code\":-2015,\"msg\":\"Invalid API-key, IP, or permissions for action.\"}";
                } else if (sig < 0 || !hmac(secret, q.substring(0, sig)).equals(q.substring(sig + 11))
                        || !q.contains("timestamp=")) {
                    status = 400;
                    out = "{\"code\":-1022,\"msg\":\"Signature for this request is not valid.\"}";
                }
                byte[] b = out.getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(status, b.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(b);
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        static String hmac(String secret, String data) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.US_ASCII)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
