package org.tripletgrad.triplet;

import org.tripletgrad.tensor.Tensor;

/**
 * What one batch looked like to the loss. Means over no element are 0.
 *
 * @param anchors N, the rows of the batch
 * @param validAnchors the anchors with at least one positive and one negative
 * @param terms the per-triplet terms in the loss: one per valid anchor (batch hard) or per valid triplet (batch all)
 * @param activeFraction the fraction of those terms that are &gt; 0
 * @param meanHardestPositive the mean over valid anchors of the distance to the hardest positive
 * @param meanHardestNegative the mean over valid anchors of the distance to the hardest negative
 * @param meanEmbeddingNorm the mean Euclidean norm of the rows; NaN when the loss was given distances only
 */
public record BatchMetrics(int anchors, int validAnchors, long terms, double activeFraction,
        double meanHardestPositive, double meanHardestNegative, double meanEmbeddingNorm) {

    /**
     * The metrics of a batch from its mining result and term counts.
     *
     * @param hardest the batch-hard choice of every anchor (used for the hardest distances whatever the mining)
     * @param terms how many terms the loss has
     * @param positiveTerms how many of them are &gt; 0
     * @param meanEmbeddingNorm see {@link #meanEmbeddingNorm()}
     */
    public static BatchMetrics of(HardestTriplets hardest, long terms, long positiveTerms, double meanEmbeddingNorm) {
        double active = terms == 0 ? 0.0 : (double) positiveTerms / terms;
        return new BatchMetrics(hardest.size(), hardest.validCount(), terms, active, hardest.meanPositiveDistance(),
                hardest.meanNegativeDistance(), meanEmbeddingNorm);
    }

    /** The mean Euclidean norm of the rows of an N x D embedding; 0 for N = 0. */
    public static double meanRowNorm(Tensor embeddings) {
        int n = embeddings.dim(0);
        int d = embeddings.dim(1);
        double[] x = embeddings.data();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[i * d + k] * x[i * d + k];
            }
            total += Math.sqrt(s);
        }
        return n == 0 ? 0.0 : total / n;
    }
}
