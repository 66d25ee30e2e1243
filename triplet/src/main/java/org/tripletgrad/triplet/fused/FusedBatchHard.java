package org.tripletgrad.triplet.fused;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.BatchMetrics;
import org.tripletgrad.triplet.HardestTriplets;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.Reduction;

/**
 * The batch-hard triplet loss (Hermans, Beyer and Leibe 2017) as one graph op, for large batches.
 *
 * <p>It computes what {@link org.tripletgrad.triplet.TripletLoss} composes from autograd ops, with the same
 * conventions (positives exclude the anchor, ties to the lowest index, hinge or soft margin, the same reductions,
 * exactly 0 with zero gradient when no anchor is valid), and agrees with it up to rounding, but never builds the
 * N x N distance matrix:
 * <ul>
 *   <li>forward: distances block by block from Gram tiles ({@link BlockMiner}); each anchor keeps only its hardest
 *       positive and negative. Work O(N^2 D / 2), memory O(N D + threads (N + block^2));</li>
 *   <li>backward: the closed-form derivative of the 2V chosen distances (V valid anchors), work O(N D).</li>
 * </ul>
 * Squared distances are (|a|^2 + |b|^2) - 2 a.b, clamped at 0; for the euclidean metric the anchors are mined on the
 * squared distance, which orders pairs as the distance does, and a zero distance has gradient 0. Cosine works on the
 * unit rows x / max(|x|, 1e-12). Results are identical for any number of threads.
 */
public final class FusedBatchHard {
    private FusedBatchHard() {
    }

    /**
     * The batch-hard loss of {@code embeddings} (N x D), as one op named "batchHardFused".
     *
     * @param soft the soft margin ln(1 + e^gap) instead of the hinge max(0, margin + gap)
     * @param threads how many threads the forward pass uses (results do not depend on it)
     * @throws IllegalArgumentException when {@code embeddings} is not 2-D, the labels do not have length N, the
     *     margin is negative or {@code threads} &lt; 1
     */
    public static LossResult apply(Var embeddings, Labels labels, Metric metric, boolean soft, double margin,
            Reduction reduction, int threads) {
        if (embeddings.shape().rank() != 2) {
            throw new IllegalArgumentException("fused batch-hard: expected an N x D embedding, got shape "
                    + embeddings.shape());
        }
        if (!(margin >= 0) || threads < 1) {
            throw new IllegalArgumentException("fused batch-hard: expected margin >= 0 and threads >= 1, got "
                    + margin + " and " + threads);
        }
        Tensor x = embeddings.value();
        int n = x.dim(0);
        int d = x.dim(1);
        labels.requireSize(n, "fused batch-hard");
        Geometry g = new Geometry(x.data(), n, d, metric);
        BlockMiner.Best best = new BlockMiner(g.rows, g.norms, n, d, labels.toArray(), GramKernels.selected())
                .mine(threads);

        double[] dp = new double[n];
        double[] dn = new double[n];
        double[] terms = new double[n];
        double[] slope = new double[n];
        int valid = 0;
        int positive = 0;
        double sum = 0;
        for (int a = 0; a < n; a++) {
            dp[a] = best.pos[a] >= 0 ? g.distance(best.posKey[a]) : Double.NaN;
            dn[a] = best.neg[a] >= 0 ? g.distance(best.negKey[a]) : Double.NaN;
            if (best.pos[a] < 0 || best.neg[a] < 0) {
                continue;
            }
            double gap = dp[a] - dn[a];
            terms[a] = soft ? Tensor.softplus(gap) : Math.max(margin + gap, 0.0);
            slope[a] = soft ? Tensor.sigmoid(gap) : (margin + gap > 0 ? 1.0 : 0.0);
            valid++;
            positive += terms[a] > 0 ? 1 : 0;
            sum += terms[a];
        }
        double divisor = reduction.divisor(valid, positive);
        double value = valid == 0 ? 0.0 : sum / divisor;
        HardestTriplets hardest = new HardestTriplets(best.pos, best.neg, dp, dn);
        Var loss = Var.of("batchHardFused", Tensor.scalar(value),
                up -> new Tensor[] {g.gradient(hardest, best, slope, up.item() / divisor)}, embeddings);
        BatchMetrics metrics = BatchMetrics.of(hardest, valid, positive, BatchMetrics.meanRowNorm(x));
        return new LossResult(loss, Mining.BATCH_HARD, hardest, hardest::triplets, terms, metrics, null);
    }

    /** The name of the Gram kernel in use ("vector-512", "scalar", ...), for benchmarks. */
    public static String kernelName() {
        return GramKernels.selected().name();
    }

    /** The rows the tiles are computed from, and how a key becomes a distance and a distance a gradient. */
    private static final class Geometry {
        final double[] x;
        final int n;
        final int d;
        final Metric metric;
        final double[] rows;
        final double[] norms;
        final double[] scale;

        Geometry(double[] x, int n, int d, Metric metric) {
            this.x = x;
            this.n = n;
            this.d = d;
            this.metric = metric;
            if (metric == Metric.COSINE) {
                scale = new double[n];
                rows = new double[n * d];
                for (int i = 0; i < n; i++) {
                    double s = 0;
                    for (int k = 0; k < d; k++) {
                        s += x[i * d + k] * x[i * d + k];
                    }
                    scale[i] = Math.max(Math.sqrt(s), Metric.NORM_EPS);
                    for (int k = 0; k < d; k++) {
                        rows[i * d + k] = x[i * d + k] / scale[i];
                    }
                }
                norms = null;
            } else {
                scale = null;
                rows = x;
                norms = new double[n];
                for (int i = 0; i < n; i++) {
                    norms[i] = GramKernel.dot(x, d, i, i);
                }
            }
        }

        double distance(double key) {
            return metric == Metric.EUCLIDEAN ? Math.sqrt(key) : key;
        }

        /** d loss / d x: each valid anchor's slope, times {@code factor}, through its two chosen distances. */
        Tensor gradient(HardestTriplets h, BlockMiner.Best best, double[] slope, double factor) {
            double[] out = new double[n * d];
            for (int a = 0; a < n; a++) {
                if (h.isValid(a) && slope[a] != 0) {
                    double c = slope[a] * factor;
                    pair(out, a, h.positive(a), best.posKey[a], c);
                    pair(out, a, h.negative(a), best.negKey[a], -c);
                }
            }
            if (metric == Metric.COSINE) {
                throughNormalisation(out);
            }
            return Tensor.wrap(out, n, d);
        }

        /**
         * Adds c times the derivative of d(a, b): for squared distances 2 (x_a - x_b) to row a and its negation to row
         * b, divided by 2 d(a, b) for euclidean and 0 where the clamped key is 0; for cosine, the derivative with
         * respect to the unit rows, -u_b to row a and -u_a to row b.
         */
        private void pair(double[] out, int a, int b, double key, double c) {
            if (metric == Metric.COSINE) {
                for (int k = 0; k < d; k++) {
                    out[a * d + k] -= c * rows[b * d + k];
                    out[b * d + k] -= c * rows[a * d + k];
                }
                return;
            }
            if (!(key > 0)) {
                return;
            }
            double f = metric == Metric.EUCLIDEAN ? c / Math.sqrt(key) : 2.0 * c;
            for (int k = 0; k < d; k++) {
                double u = f * (x[a * d + k] - x[b * d + k]);
                out[a * d + k] += u;
                out[b * d + k] -= u;
            }
        }

        /** Maps d/du to d/dx for u = x / s, s = max(|x|, eps): (g - (g.u) u) / s, or g / s where s is clamped. */
        private void throughNormalisation(double[] g) {
            for (int i = 0; i < n; i++) {
                double s = scale[i];
                double dot = 0;
                if (s > Metric.NORM_EPS) {
                    for (int k = 0; k < d; k++) {
                        dot += g[i * d + k] * rows[i * d + k];
                    }
                }
                for (int k = 0; k < d; k++) {
                    g[i * d + k] = (g[i * d + k] - dot * rows[i * d + k]) / s;
                }
            }
        }
    }
}
