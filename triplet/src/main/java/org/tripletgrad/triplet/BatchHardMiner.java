package org.tripletgrad.triplet;

import org.tripletgrad.tensor.Tensor;

/**
 * Batch-hard mining on a distance matrix (Hermans, Beyer and Leibe 2017, eq. 5): for each anchor a, the positive p
 * that maximises d(a, p) and the negative n that minimises d(a, n).
 *
 * <p>Conventions: the anchor is never its own positive; ties go to the lowest index; an anchor without a positive or
 * without a negative is not valid and gets index -1. The miner works on any N x N matrix, computed or given: entry
 * (i, j) is read as the distance from anchor i to row j, and the matrix need not be symmetric.
 */
public final class BatchHardMiner {
    private BatchHardMiner() {
    }

    /**
     * The hardest positive and negative of every anchor.
     *
     * @param distances N x N, entry (i, j) the distance from anchor i to row j
     * @param labels N labels
     * @throws IllegalArgumentException when {@code distances} is not square or the labels do not have length N
     */
    public static HardestTriplets mine(Tensor distances, Labels labels) {
        if (distances.rank() != 2 || distances.dim(0) != distances.dim(1)) {
            throw new IllegalArgumentException("batch-hard mining: expected a square N x N distance matrix, got shape "
                    + distances.shape());
        }
        int n = distances.dim(0);
        labels.requireSize(n, "batch-hard mining");
        Tensor pos = labels.positiveMask();
        Tensor neg = labels.negativeMask();
        Tensor hardPos = distances.maskedFill(pos.not(), Double.NEGATIVE_INFINITY).argmax(1, false);
        Tensor hardNeg = distances.maskedFill(neg.not(), Double.POSITIVE_INFINITY).argmin(1, false);
        Tensor hasPos = pos.sum(1, false).gt(0.0);
        Tensor hasNeg = neg.sum(1, false).gt(0.0);

        int[] p = new int[n];
        int[] q = new int[n];
        double[] dp = new double[n];
        double[] dq = new double[n];
        for (int a = 0; a < n; a++) {
            p[a] = hasPos.get(a) != 0 ? (int) hardPos.get(a) : -1;
            q[a] = hasNeg.get(a) != 0 ? (int) hardNeg.get(a) : -1;
            dp[a] = p[a] >= 0 ? distances.get(a, p[a]) : Double.NaN;
            dq[a] = q[a] >= 0 ? distances.get(a, q[a]) : Double.NaN;
        }
        return new HardestTriplets(p, q, dp, dq);
    }
}
