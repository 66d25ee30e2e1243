package org.tripletgrad.triplet.fused;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.BatchHardMiner;
import org.tripletgrad.triplet.BatchMetrics;
import org.tripletgrad.triplet.HardestTriplets;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.Reduction;

/**
 * The batch-all triplet loss (Hermans, Beyer and Leibe 2017, eq. 6) as one graph op on the N x N distance matrix.
 *
 * <p>It computes what {@link org.tripletgrad.triplet.TripletLoss} composes from autograd ops over N x N x N tensors,
 * with the same conventions (every valid (a, p, n), positives exclude the anchor, hinge max(0, margin + gap) or soft
 * margin ln(1 + e^gap) for gap = d(a, p) - d(a, n), the same reductions, exactly 0 with zero gradient when no triplet
 * is valid), and agrees with it up to rounding, but never builds a tensor larger than N x N:
 * <ul>
 *   <li>forward: one loop over the valid triplets, work O(N^3), memory O(N^2) for the per-anchor index lists;</li>
 *   <li>backward: the same loop again, each triplet adding its slope w to d(a, p) and -w to d(a, n), where w is
 *       1 where margin + gap &gt; 0 and 0 otherwise (0 at the kink, as relu has it) for the hinge, and sigmoid(gap)
 *       for the soft margin; work O(N^3), one N x N result.</li>
 * </ul>
 * The sum of the terms, and each anchor's sum, are taken in the order anchor, positive, negative, as the composed
 * form sums its tensors.
 */
public final class FusedBatchAll {
    private FusedBatchAll() {
    }

    /**
     * The batch-all loss from {@code distances} (N x N, entry (i, j) the distance from anchor i to row j), as one op
     * named "batchAllFused".
     *
     * @param soft the soft margin ln(1 + e^gap) instead of the hinge max(0, margin + gap)
     * @param meanNorm the mean embedding norm reported in the metrics
     * @throws IllegalArgumentException when {@code distances} is not square, the labels do not have length N or the
     *     margin is negative
     */
    public static LossResult apply(Var distances, Labels labels, boolean soft, double margin, Reduction reduction,
            double meanNorm) {
        if (distances.shape().rank() != 2 || distances.shape().dim(0) != distances.shape().dim(1)) {
            throw new IllegalArgumentException("fused batch-all: expected a square N x N distance matrix, got shape "
                    + distances.shape());
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("fused batch-all: expected margin >= 0, got " + margin);
        }
        int n = distances.shape().dim(0);
        labels.requireSize(n, "fused batch-all");
        Triplets t = new Triplets(distances.value().data(), labels, soft, margin);

        double[] anchorTerms = new double[n];
        double sum = 0;
        long count = 0;
        long positive = 0;
        for (int a = 0; a < n; a++) {
            int row = a * n;
            double anchorSum = 0;
            for (int i = t.posStart[a]; i < t.posStart[a + 1]; i++) {
                double dap = t.d[row + t.pos[i]];
                double pairSum = 0;
                for (int k = t.negStart[a]; k < t.negStart[a + 1]; k++) {
                    double term = t.term(dap - t.d[row + t.neg[k]]);
                    pairSum += term;
                    sum += term;
                    positive += term > 0 ? 1 : 0;
                }
                anchorSum += pairSum;
                count += t.negStart[a + 1] - t.negStart[a];
            }
            anchorTerms[a] = anchorSum;
        }
        double divisor = reduction.divisor(count, positive);
        double value = count == 0 ? 0.0 : sum / divisor;
        boolean none = count == 0;
        Var loss = Var.of("batchAllFused", Tensor.scalar(value),
                up -> new Tensor[] {none ? Tensor.zeros(n, n) : t.gradient(up.item() / divisor)}, distances);

        HardestTriplets hardest = BatchHardMiner.mine(distances.value(), labels);
        BatchMetrics metrics = BatchMetrics.of(hardest, count, positive, meanNorm);
        return new LossResult(loss, Mining.BATCH_ALL, hardest, labels::validTriplets, anchorTerms, metrics,
                distances);
    }

    /** The distances and, per anchor, its positives and negatives as flat index lists. */
    private static final class Triplets {
        final double[] d;
        final int n;
        final boolean soft;
        final double margin;
        final int[] pos;
        final int[] posStart;
        final int[] neg;
        final int[] negStart;

        Triplets(double[] d, Labels labels, boolean soft, double margin) {
            this.d = d;
            this.n = labels.size();
            this.soft = soft;
            this.margin = margin;
            this.posStart = new int[n + 1];
            this.negStart = new int[n + 1];
            int[] p = new int[n * n];
            int[] q = new int[n * n];
            int np = 0;
            int nq = 0;
            for (int a = 0; a < n; a++) {
                for (int j = 0; j < n; j++) {
                    if (labels.isPositive(a, j)) {
                        p[np++] = j;
                    } else if (labels.isNegative(a, j)) {
                        q[nq++] = j;
                    }
                }
                posStart[a + 1] = np;
                negStart[a + 1] = nq;
            }
            this.pos = p;
            this.neg = q;
        }

        double term(double gap) {
            if (soft) {
                return Tensor.softplus(gap);
            }
            double x = gap + margin;
            return x > 0 ? x : x == x ? 0.0 : x;
        }

        double slope(double gap) {
            return soft ? Tensor.sigmoid(gap) : gap + margin > 0 ? 1.0 : 0.0;
        }

        /** d loss / d distances: every valid triplet's slope times {@code factor}, +w at (a, p) and -w at (a, n). */
        Tensor gradient(double factor) {
            double[] out = new double[n * n];
            for (int a = 0; a < n; a++) {
                int row = a * n;
                for (int i = posStart[a]; i < posStart[a + 1]; i++) {
                    double dap = d[row + pos[i]];
                    double toPositive = 0;
                    for (int k = negStart[a]; k < negStart[a + 1]; k++) {
                        double w = slope(dap - d[row + neg[k]]) * factor;
                        toPositive += w;
                        out[row + neg[k]] -= w;
                    }
                    out[row + pos[i]] += toPositive;
                }
            }
            return Tensor.wrap(out, n, n);
        }
    }
}
