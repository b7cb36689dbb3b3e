package dev.pennant.core.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local OpenAI-compatible endpoint for tests: {@code POST /v1/chat/completions} on 127.0.0.1 only, answering with
 * queued responses in the shapes OpenAI returns (chat.completion objects, refusals, error bodies). A {@link #hang()}
 * response holds the request until the stub closes, so the client's timeout fires.
 */
public final class OpenAiStub implements AutoCloseable {

    /** One canned HTTP answer; {@code hang} holds the connection open. @param status HTTP status @param body JSON body @param hang hold instead of answering */
    public record Answer(int status, String body, boolean hang) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = java.util.Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Answer fallback = new Answer(500, error("no answer queued", "server_error"), false);

    /** Starts the stub on 127.0.0.1, any free port. */
    public OpenAiStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    /** The API root, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Queues {@code a} for the next request. */
    public OpenAiStub enqueue(Answer a) {
        answers.add(a);
        return this;
    }

    /** Answers with {@code a} whenever the queue is empty. */
    public OpenAiStub always(Answer a) {
        fallback = a;
        return this;
    }

    /** Requests received so far. */
    public int requestCount() {
        return requests.size();
    }

    /** The body of request {@code i} (0-based). */
    public String request(int i) {
        return requests.get(i);
    }

    /** The Authorization header of request {@code i}. */
    public String authorization(int i) {
        return authorizations.get(i);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(body);
        authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
        Answer a = answers.poll();
        if (a == null) a = fallback;
        if (a.hang()) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(a.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    /** Releases held requests and stops the server. */
    public void close() {
        release.countDown();
        server.stop(0);
    }

    // ---- recorded-shape bodies ----

    /** A chat.completion with {@code content} as the assistant's message (JSON-escaped here). */
    public static Answer completion(String content, int promptTokens, int completionTokens) {
        return new Answer(200, """
                {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,\
                "model":"gpt-4o-mini-2024-07-18","choices":[{"index":0,"message":{"role":"assistant","content":%s,\
                "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,\
                "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},\
                "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,\
                "rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_06737a9306"}"""
                .formatted(quote(content), promptTokens, completionTokens, promptTokens + completionTokens), false);
    }

    /** A structured-output refusal (content null, refusal text). */
    public static Answer refusal(String text) {
        return new Answer(200, """
                {"id":"chatcmpl-refuse1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini-2024-07-18",\
                "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":%s},\
                "logprobs":null,"finish_reason":"stop"}],\
                "usage":{"prompt_tokens":310,"completion_tokens":12,"total_tokens":322}}""".formatted(quote(text)), false);
    }

    /** OpenAI's 429 body. */
    public static Answer rateLimited() {
        return new Answer(429, error("Rate limit reached for gpt-4o-mini in organization org-xyz on requests per min "
                + "(RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.", "requests"), false);
    }

    /** A 500 body. */
    public static Answer serverError() {
        return new Answer(500, error("The server had an error while processing your request. Sorry about that!",
                "server_error"), false);
    }

    /** Holds the request until the stub closes. */
    public static Answer hang() {
        return new Answer(0, "", true);
    }

    public static String error(String message, String type) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":null}}";
    }

    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
