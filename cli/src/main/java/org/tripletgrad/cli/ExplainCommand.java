package org.tripletgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.inspect.GradientRecorder;
import org.tripletgrad.autograd.inspect.GraphDot;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.BatchHardMiner;
import org.tripletgrad.triplet.HardestTriplets;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.TripletLoss;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad explain}: a worked example of batch-hard mining in three steps, every number computed by the
 * library as it runs: (1) a distance matrix, (2) mining on a given distance matrix whose labels leave most anchors
 * without a positive, (3) the loss of a small batch with those labels and where each gradient entry comes from.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Walk through distances, batch-hard mining and the gradient on a small example.")
final class ExplainCommand implements Callable<Integer> {
    /** Step 1's rows. */
    static final double[][] ROWS = {{3, 2}, {1, 4}, {5, 6}};

    /** Step 2's given distance matrix. */
    static final double[][] GIVEN = {
        {2.1554, 3.8405, 4.9992, 3.6540, 1.8460},
        {4.5680, 3.2760, 4.7992, 2.3844, 4.5190},
        {2.6432, 2.3703, 1.1153, 2.0088, 3.0268},
        {4.9789, 2.1472, 0.0962, 2.6718, 0.7436},
        {0.2879, 2.2944, 0.4205, 2.9724, 2.8840}};

    /** The labels of steps 2 and 3. */
    static final int[] LABELS = {0, 1, 1, 4, 3};

    /** Step 3's embeddings, one row per label above. */
    static final double[][] BATCH = {{0.0, 0.0}, {1.0, 0.5}, {2.0, 2.0}, {1.5, 0.0}, {3.0, 1.0}};

    @Spec
    CommandSpec spec;

    @Option(names = "--dot", paramLabel = "FILE",
            description = "Also write step 3's graph in Graphviz DOT to FILE, each value with its gradient.")
    Path dot;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        LossReport report = new LossReport(out);
        stepOne(out, report);
        stepTwo(out, report);
        GradientRecorder grads = new GradientRecorder();
        Var loss = stepThree(out, report, grads);
        if (dot != null) {
            Files.writeString(dot, GraphDot.of(loss, grads::gradient), StandardCharsets.UTF_8);
            out.println("the graph of the loss, with every value's gradient, is in " + dot + " (render it with: dot"
                    + " -Tpng " + dot + " -o graph.png)");
        }
        return 0;
    }

    private static void stepOne(PrintWriter out, LossReport report) {
        out.println("Step 1. Pairwise euclidean distances between the rows (3, 2), (1, 4), (5, 6),");
        out.println("computed as sqrt(relu(|a|^2 - 2 a.b + |b|^2)) from the Gram matrix:");
        report.matrix("", Metric.EUCLIDEAN.pairwise(Var.constant(Tensor.matrix(ROWS))).value());
        out.println();
    }

    private static void stepTwo(PrintWriter out, LossReport report) {
        Labels labels = Labels.of(LABELS);
        out.println("Step 2. Batch-hard mining on a given distance matrix, labels " + labels.toString().substring(6)
                + ":");
        report.matrix("", Tensor.matrix(GIVEN));
        HardestTriplets h = BatchHardMiner.mine(Tensor.matrix(GIVEN), labels);
        for (int a = 0; a < h.size(); a++) {
            if (!h.isValid(a)) {
                out.printf("  anchor %d (label %d): no other row has label %d, so it has no positive and is not"
                        + " valid%n", a, LABELS[a], LABELS[a]);
            } else {
                out.printf(Locale.ROOT, "  anchor %d (label %d): hardest positive %d (d = %.4f), hardest negative %d"
                        + " (d = %.4f, the smallest to another label)%n", a, LABELS[a], h.positive(a),
                        h.positiveDistance(a), h.negative(a), h.negativeDistance(a));
            }
        }
        out.println("  valid anchors: " + h.validCount() + " of " + h.size() + "; triplets " + h.triplets());
        out.println("  (the positive is never the anchor itself: its own entry, the diagonal, is skipped)");
        out.println();
    }

    /** Step 3; {@code grads} records the gradient of the loss with respect to every value of its graph. */
    private static Var stepThree(PrintWriter out, LossReport report, GradientRecorder grads) {
        out.println("Step 3. A batch of embeddings with the same labels, hinge margin " + TripletLoss.DEFAULT_MARGIN
                + ", mean over the valid anchors:");
        Var x = Var.param(Tensor.matrix(BATCH)).named("embeddings");
        for (int i = 0; i < BATCH.length; i++) {
            out.printf(Locale.ROOT, "  x%d = (%s, %s), label %d%n", i, LossReport.trim(BATCH[i][0]),
                    LossReport.trim(BATCH[i][1]), LABELS[i]);
        }
        TripletLoss loss = TripletLoss.batchHard();
        Labels labels = Labels.of(LABELS);
        LossResult r = loss.apply(x, labels);
        Var d = r.distances().named("distances");
        r.loss().named("loss").backward(grads);
        report.matrix("distances:", d.value());
        report.anchors(r, labels, loss);
        out.println("  triplets " + r.triplets());
        report.total(r, loss);
        out.println("where each gradient entry comes from: d loss / d x[r][k] = sum over the chosen distances d(a, b)"
                + " of (d loss / d d(a, b)) * (x[r][k] - x[other][k]) / d(a, b)");
        explainGradient(out, x.value(), d.value(), grads.gradient(d), x.grad());
        return r.loss();
    }

    /**
     * Rebuilds every gradient entry from d loss / d distance ({@code gd}, recorded from the engine) and the
     * derivative of a norm.
     */
    private static void explainGradient(PrintWriter out, Tensor x, Tensor dist, Tensor gd, Tensor grad) {
        int n = x.dim(0);
        for (int row = 0; row < n; row++) {
            for (int k = 0; k < x.dim(1); k++) {
                List<String> parts = new ArrayList<>();
                double sum = 0;
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        double w = gd.get(a, b);
                        if (w == 0 || (row != a && row != b)) {
                            continue;
                        }
                        int other = row == a ? b : a;
                        double dab = dist.get(a, b);
                        double c = dab == 0 ? 0 : w * (x.get(row, k) - x.get(other, k)) / dab;
                        sum += c;
                        parts.add(String.format(Locale.ROOT, "%+.4f * (%s - %s) / %.4f [d(%d,%d)]", w,
                                LossReport.trim(x.get(row, k)), LossReport.trim(x.get(other, k)), dab, a, b));
                    }
                }
                out.printf(Locale.ROOT, "  x%d[%d]: %s = %.6f (engine: %.6f)%n", row, k,
                        parts.isEmpty() ? "in no chosen distance" : String.join(" ", parts), sum, grad.get(row, k));
            }
        }
    }
}
