package org.tripletgrad.triplet;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * How far a batch is from the nearest point where a {@link TripletLoss} is not differentiable, in units of its
 * metric's distance: what a finite-difference check of the loss's gradient must stay clear of.
 *
 * <p>The loss is smooth in the embeddings except where
 * <ul>
 *   <li>batch-hard mining would change its choice: a valid anchor's hardest positive ties with another of its
 *       positives, or its hardest negative with another negative;</li>
 *   <li>the hinge max(0, margin + d(a, p) - d(a, n)) of a triplet in the loss is at its corner (the soft margin has
 *       none);</li>
 *   <li>a distance in the loss is 0: the corner of the euclidean root and of the clamp of the squared expansion
 *       (the cosine distance has none there).</li>
 * </ul>
 * The kink distance is the smallest of: each valid anchor's hardest positive distance minus every other positive
 * distance, every other negative distance minus its hardest negative distance (batch hard only), the hinge argument
 * |margin + d(a, p) - d(a, n)| of every triplet in the loss, and, for the euclidean metrics, every distance in those
 * triplets. It is +infinity when the loss has no triplet.
 *
 * <p>A central difference with step eps moves one coordinate by eps; that moves a euclidean distance by at most eps,
 * a squared one by at most 2 eps |a_k - b_k| + eps^2 and a cosine one by at most eps / |a| (the moved row's norm).
 * The difference is trustworthy when the kink distance exceeds twice that move, since a gap or a hinge argument
 * involves two distances. Not covered: the cosine metric's clamp of row norms at {@link Metric#NORM_EPS}.
 */
public final class KinkDistance {
    private KinkDistance() {
    }

    /**
     * The kink distance of {@code loss} at {@code embeddings} (N x D) with {@code labels}; the same for both
     * implementations, which agree up to rounding.
     *
     * @throws IllegalArgumentException when {@code embeddings} is not 2-D or the labels do not have length N
     */
    public static double of(TripletLoss loss, Tensor embeddings, Labels labels) {
        Tensor d = loss.metric().pairwise(Var.constant(embeddings)).value();
        labels.requireSize(d.dim(0), "kink distance");
        return loss.mining() == Mining.BATCH_HARD ? batchHard(loss, d, labels) : batchAll(loss, d, labels);
    }

    private static double batchHard(TripletLoss loss, Tensor d, Labels labels) {
        HardestTriplets h = BatchHardMiner.mine(d, labels);
        double min = Double.POSITIVE_INFINITY;
        for (int a : h.validAnchors()) {
            double dp = h.positiveDistance(a);
            double dn = h.negativeDistance(a);
            for (int j = 0; j < labels.size(); j++) {
                if (j != h.positive(a) && labels.isPositive(a, j)) {
                    min = Math.min(min, dp - d.get(a, j));
                }
                if (j != h.negative(a) && labels.isNegative(a, j)) {
                    min = Math.min(min, d.get(a, j) - dn);
                }
            }
            min = Math.min(min, tripletKink(loss, dp, dn));
        }
        return min;
    }

    private static double batchAll(TripletLoss loss, Tensor d, Labels labels) {
        int n = labels.size();
        double min = Double.POSITIVE_INFINITY;
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                for (int q = 0; q < n && labels.isPositive(a, p); q++) {
                    if (labels.isNegative(a, q)) {
                        min = Math.min(min, tripletKink(loss, d.get(a, p), d.get(a, q)));
                    }
                }
            }
        }
        return min;
    }

    /** The distance of one triplet's term from its hinge corner and of its distances from 0. */
    private static double tripletKink(TripletLoss loss, double dp, double dn) {
        double k = loss.isSoft() ? Double.POSITIVE_INFINITY : Math.abs(loss.margin() + dp - dn);
        return loss.metric() == Metric.COSINE ? k : Math.min(k, Math.min(dp, dn));
    }
}
