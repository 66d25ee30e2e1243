package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.BatchMetrics;
import org.tripletgrad.triplet.HardestTriplets;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.TripletLoss;

/** Explains a loss result in words and numbers: shared by the {@code loss} and {@code explain} commands. */
final class LossReport {
    /** Distance matrices up to this many rows are printed. */
    static final int MAX_MATRIX = 12;

    private final PrintWriter out;

    LossReport(PrintWriter out) {
        this.out = out;
    }

    void matrix(String title, Tensor m) {
        if (!title.isEmpty()) {
            out.println(title);
        }
        int n = m.dim(0);
        out.print("      ");
        for (int j = 0; j < m.dim(1); j++) {
            out.printf("%9d", j);
        }
        out.println();
        for (int i = 0; i < n; i++) {
            out.printf("%6d", i);
            for (int j = 0; j < m.dim(1); j++) {
                out.printf(Locale.ROOT, "%9.4f", m.get(i, j));
            }
            out.println();
        }
    }

    void anchors(LossResult r, Labels labels, TripletLoss loss) {
        HardestTriplets h = r.hardest();
        double[] terms = r.anchorTerms();
        out.println(r.mining() == Mining.BATCH_HARD
                ? "each anchor's hardest positive (largest distance) and hardest negative (smallest), ties to the"
                        + " lowest index:"
                : "each anchor's hardest positive and negative, and the sum of its batch-all triplet terms:");
        for (int a = 0; a < h.size(); a++) {
            if (!h.isValid(a)) {
                out.printf("  anchor %d (label %d): not valid, %s%n", a, labels.get(a),
                        h.positive(a) < 0 ? "no other row has its label" : "every row has its label");
                continue;
            }
            out.printf(Locale.ROOT, "  anchor %d (label %d): positive %d (d = %.4f), negative %d (d = %.4f), %s = %.6f%n",
                    a, labels.get(a), h.positive(a), h.positiveDistance(a), h.negative(a), h.negativeDistance(a),
                    r.mining() == Mining.BATCH_HARD ? termFormula(loss, h.positiveDistance(a), h.negativeDistance(a))
                            : "sum of its terms", terms[a]);
        }
    }

    private static String termFormula(TripletLoss loss, double dp, double dn) {
        return loss.isSoft()
                ? String.format(Locale.ROOT, "ln(1 + e^(%.4f - %.4f))", dp, dn)
                : String.format(Locale.ROOT, "max(0, %s + %.4f - %.4f)", trim(loss.margin()), dp, dn);
    }

    void total(LossResult r, TripletLoss loss) {
        BatchMetrics m = r.metrics();
        out.printf(Locale.ROOT, "loss = %.10g (%s over %d term%s; %d of %d anchors valid)%n", r.value(),
                loss.reduction(), m.terms(), m.terms() == 1 ? "" : "s", m.validAnchors(), m.anchors());
    }

    void gradient(Tensor g) {
        out.println("gradient d loss / d embeddings:");
        int n = g.dim(0);
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < g.dim(1); k++) {
                sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6g", g.get(i, k)));
            }
            out.printf("  row %d: [%s]%n", i, sb);
        }
    }

    void metrics(BatchMetrics m) {
        out.printf(Locale.ROOT, "metrics: valid anchors %d of %d, active terms %.1f%%, mean hardest positive %.4f,"
                + " mean hardest negative %.4f, mean embedding norm %.4f%n", m.validAnchors(), m.anchors(),
                100 * m.activeFraction(), m.meanHardestPositive(), m.meanHardestNegative(), m.meanEmbeddingNorm());
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
