package dev.pennant.core.ai.sentiment;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * A news RSS / Atom feed (parsed with Rome, which reads RSS 0.9x–2.0 and Atom 0.3/1.0), each headline scored by a
 * {@link HeadlineScorer}. Items older than {@code maxAge} before the poll time are dropped; at most 50 are kept.
 * The feed is read from an {@code http(s)} URL (JDK HTTP client, 15 s timeout) or a local {@code file:} URI.
 */
public final class FeedSentimentSource implements SentimentSource {

    private final String name;
    private final URI uri;
    private final HeadlineScorer scorer;
    private final Duration maxAge;
    private final SentimentCategory category;
    private final HttpClient http;

    /**
     * @param name     source name
     * @param uri      {@code http(s):} or {@code file:} URI of the feed
     * @param scorer   headline scorer (LLM or the offline model)
     * @param maxAge   items older than this are ignored
     * @param category NEWS for news feeds, SOCIAL for social feeds exported as RSS
     * @throws IllegalArgumentException when the URI scheme is not http, https or file
     */
    public FeedSentimentSource(String name, URI uri, HeadlineScorer scorer, Duration maxAge, SentimentCategory category) {
        this.name = Objects.requireNonNull(name, "name");
        this.uri = Objects.requireNonNull(uri, "uri");
        String s = String.valueOf(uri.getScheme());
        if (!s.equals("http") && !s.equals("https") && !s.equals("file")) {
            throw new IllegalArgumentException("uri: must be http, https or file, was " + uri);
        }
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.maxAge = maxAge;
        this.category = category;
        this.http = s.equals("file") ? null : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** A NEWS feed with items of the last 24 h. */
    public static FeedSentimentSource news(String name, URI uri, HeadlineScorer scorer) {
        return new FeedSentimentSource(name, uri, scorer, Duration.ofHours(24), SentimentCategory.NEWS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SentimentCategory category() {
        return category;
    }

    @Override
    public List<SentimentItem> poll(Instant now) throws IOException {
        SyndFeed feed;
        try (InputStream in = open(); XmlReader reader = new XmlReader(in)) {
            feed = new SyndFeedInput().build(reader);
        } catch (FeedException | IllegalArgumentException e) {
            throw new IOException(name + ": not a valid RSS/Atom feed (" + e.getMessage() + ")", e);
        }
        List<SentimentItem> out = new ArrayList<>();
        long oldest = now.minus(maxAge).toEpochMilli();
        for (SyndEntry e : feed.getEntries()) {
            if (out.size() >= 50) break;
            Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
            long t = d == null ? now.toEpochMilli() : d.getTime();
            if (t < oldest || t > now.toEpochMilli() + 60_000) continue;
            String title = e.getTitle() == null ? "" : e.getTitle().strip();
            if (title.isEmpty()) continue;
            HeadlineScorer.Score s = scorer.score(title);
            out.add(new SentimentItem(name, category, t, title, s.score(), s.confidence(), e.getLink()));
        }
        return out;
    }

    private InputStream open() throws IOException {
        if (http == null) return Files.newInputStream(Path.of(uri));
        try {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                    .header("User-Agent", "Pennant").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                r.body().close();
                throw new IOException(name + ": HTTP " + r.statusCode() + " from " + uri.getHost());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(name + ": interrupted", e);
        }
    }
}
