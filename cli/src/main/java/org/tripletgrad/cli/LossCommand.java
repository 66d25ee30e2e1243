package org.tripletgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.cli.io.CsvReader;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.NdArray;
import org.tripletgrad.tensor.io.Npy;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.Reduction;
import org.tripletgrad.triplet.TripletLoss;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad loss}: the triplet loss of a batch read from files, with its triplets, gradient and metrics,
 * explained in text or printed as one JSON object.
 */
@Command(name = "loss", mixinStandardHelpOptions = true,
        description = "Compute the triplet loss of embeddings and labels read from .npy or .csv files.")
final class LossCommand implements Callable<Integer> {
    /** Above this, |a|^2 - 2 a.b + |b|^2 can overflow for any dimension the command will meet. */
    static final double MAX_MAGNITUDE = 1e100;

    @Spec
    CommandSpec spec;

    @Option(names = "--embeddings", required = true, paramLabel = "FILE",
            description = "N x D float embeddings (.npy, or .csv with one sample a row).")
    Path embeddings;

    @Option(names = "--labels", required = true, paramLabel = "FILE",
            description = "N integer labels (.npy, or .csv with one label a line).")
    Path labels;

    @Option(names = "--margin", paramLabel = "M", description = "Hinge margin >= 0 (default 0.2).")
    Double margin;

    @Option(names = "--soft", description = "Soft margin ln(1 + e^(d(a,p) - d(a,n))) instead of the hinge.")
    boolean soft;

    @Option(names = "--metric", defaultValue = "euclidean", description = "euclidean, sqeuclidean or cosine.")
    String metric;

    @Option(names = "--mining", defaultValue = "batch-hard", description = "batch-hard or batch-all.")
    String mining;

    @Option(names = "--reduction", description = "mean, sum or mean-nonzero (default: mean for batch-hard,"
            + " mean-nonzero for batch-all).")
    String reduction;

    @Option(names = "--json", description = "Print one JSON object: loss, validAnchors, triplets, gradient, metrics.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        TripletLoss loss = configure();
        Tensor x = readEmbeddings(embeddings);
        Labels l = readLabels(labels, x.dim(0));
        Var v = Var.param(x);
        LossResult r = loss.apply(v, l);
        r.loss().backward();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(r, v.grad()));
        } else {
            explain(out, loss, x, l, r, v.grad());
        }
        return 0;
    }

    private TripletLoss configure() {
        if (soft && margin != null) {
            throw new InputException("--soft and --margin exclude each other: choose the soft margin or a margin");
        }
        try {
            TripletLoss.Builder b = TripletLoss.builder().metric(Metric.parse(metric)).mining(Mining.parse(mining));
            if (reduction != null) {
                b.reduction(Reduction.parse(reduction));
            }
            if (soft) {
                b.soft();
            } else if (margin != null) {
                b.margin(margin);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    /**
     * Reads an N x D array of finite floats: a .npy file of dtype f4 or f8, or a CSV file of one row a line (a CSV
     * file of one value a line is N x 1).
     */
    static Tensor readEmbeddings(Path file) throws IOException {
        Tensor x;
        if (isNpy(file)) {
            NdArray a = Npy.read(file);
            requireEmbeddingShape(a.shape(), file);
            if (!a.dtype().isFloat()) {
                throw new InputException(file + ": expected float embeddings (dtype f4 or f8), got dtype "
                        + a.dtype().code());
            }
            x = a.toTensor();
        } else {
            x = CsvReader.read(file);
            if (x.rank() == 1) {
                x = x.reshape(x.dim(0), 1);
            }
            requireEmbeddingShape(x.shape(), file);
        }
        double[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                throw new InputException(file + ": expected finite embeddings, got " + d[i] + " at row "
                        + i / x.dim(1) + ", column " + i % x.dim(1));
            }
            if (Math.abs(d[i]) > MAX_MAGNITUDE) {
                throw new InputException(file + ": expected values of magnitude <= " + MAX_MAGNITUDE
                        + " (squared distances of larger ones overflow float64), got " + d[i] + " at row "
                        + i / x.dim(1) + ", column " + i % x.dim(1));
            }
        }
        return x;
    }

    /**
     * Reads N integer labels: a 1-D .npy file of an integer or bool dtype, or a CSV file of one integer a line.
     */
    static Labels readLabels(Path file, int n) throws IOException {
        if (isNpy(file)) {
            NdArray a = Npy.read(file);
            if (a.dtype().isFloat()) {
                throw new InputException(file + ": expected integer labels (an integer or bool dtype), got dtype "
                        + a.dtype().code());
            }
            requireLabelShape(a.shape(), n, file);
            try {
                return Labels.of(a.toIntArray());
            } catch (ArithmeticException e) {
                throw new InputException(e.getMessage(), e);
            }
        }
        Tensor t = CsvReader.read(file);
        requireLabelShape(t.shape(), n, file);
        try {
            return Labels.of(t);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} is read as .npy (else as CSV), from its extension. */
    private static boolean isNpy(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return true;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return false;
        }
        throw new InputException(file + ": expected a .npy, .csv or .txt file, got '" + file.getFileName() + "'");
    }

    private static void requireEmbeddingShape(Shape shape, Path file) {
        if (shape.rank() != 2) {
            throw new InputException(file + ": expected 2-D embeddings (N x D), got shape " + shape);
        }
    }

    private static void requireLabelShape(Shape shape, int n, Path file) {
        if (shape.rank() != 1) {
            throw new InputException(file + ": expected 1-D labels of shape [" + n + "], got shape " + shape);
        }
        if (shape.dim(0) != n) {
            throw new InputException(file + ": expected labels of shape [" + n + "] (one per embedding row), got "
                    + shape);
        }
    }

    private static String json(LossResult r, Tensor grad) {
        StringBuilder sb = new StringBuilder("{\"loss\": ").append(JsonText.number(r.value()))
                .append(", \"validAnchors\": ").append(r.metrics().validAnchors());
        if (r.mining() == Mining.BATCH_HARD) {
            sb.append(", \"triplets\": ").append(JsonText.triplets(r.triplets()));
        }
        return sb.append(", \"gradient\": ").append(JsonText.matrix(grad.data(), grad.dim(0), grad.dim(1)))
                .append(", \"metrics\": ").append(JsonText.metrics(r.metrics())).append("}").toString();
    }

    private static void explain(PrintWriter out, TripletLoss loss, Tensor x, Labels l, LossResult r, Tensor grad) {
        LossReport report = new LossReport(out);
        out.printf("%s: N = %d embeddings of dimension %d%n", loss, x.dim(0), x.dim(1));
        if (x.dim(0) <= LossReport.MAX_MATRIX) {
            report.matrix(loss.metric() + " distances:", r.distances().value());
        }
        report.anchors(r, l, loss);
        report.total(r, loss);
        report.gradient(grad);
        report.metrics(r.metrics());
    }
}
