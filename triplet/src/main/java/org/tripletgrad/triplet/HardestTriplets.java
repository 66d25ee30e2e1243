package org.tripletgrad.triplet;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of batch-hard mining: for every anchor, its hardest positive and hardest negative and their distances.
 *
 * <p>For an anchor that is not valid (no positive or no negative) the missing index is -1 and its distance NaN.
 * Arrays are indexed by anchor row and are not copied: treat them as read-only.
 */
public final class HardestTriplets {
    private final int[] positive;
    private final int[] negative;
    private final double[] positiveDistance;
    private final double[] negativeDistance;

    /**
     * The mining result for {@code positive.length} anchors.
     *
     * @param positive the hardest positive of each anchor, -1 where it has none
     * @param negative the hardest negative of each anchor, -1 where it has none
     * @param positiveDistance d(a, positive[a]), NaN where there is none
     * @param negativeDistance d(a, negative[a]), NaN where there is none
     */
    public HardestTriplets(int[] positive, int[] negative, double[] positiveDistance, double[] negativeDistance) {
        int n = positive.length;
        if (negative.length != n || positiveDistance.length != n || negativeDistance.length != n) {
            throw new IllegalArgumentException("hardest triplets: expected four arrays of length " + n);
        }
        this.positive = positive;
        this.negative = negative;
        this.positiveDistance = positiveDistance;
        this.negativeDistance = negativeDistance;
    }

    /** The number of anchors (rows of the batch). */
    public int size() {
        return positive.length;
    }

    /** Whether anchor {@code a} has both a positive and a negative. */
    public boolean isValid(int a) {
        return positive[a] >= 0 && negative[a] >= 0;
    }

    /** How many anchors are valid. */
    public int validCount() {
        int c = 0;
        for (int a = 0; a < size(); a++) {
            c += isValid(a) ? 1 : 0;
        }
        return c;
    }

    /** The valid anchors' rows, ascending. */
    public int[] validAnchors() {
        int[] out = new int[validCount()];
        for (int a = 0, k = 0; a < size(); a++) {
            if (isValid(a)) {
                out[k++] = a;
            }
        }
        return out;
    }

    /** The hardest positive of anchor {@code a}, or -1. */
    public int positive(int a) {
        return positive[a];
    }

    /** The hardest negative of anchor {@code a}, or -1. */
    public int negative(int a) {
        return negative[a];
    }

    /** The distance from anchor {@code a} to its hardest positive, or NaN. */
    public double positiveDistance(int a) {
        return positiveDistance[a];
    }

    /** The distance from anchor {@code a} to its hardest negative, or NaN. */
    public double negativeDistance(int a) {
        return negativeDistance[a];
    }

    /** The chosen triplet of every valid anchor, in anchor order. */
    public List<Triplet> triplets() {
        List<Triplet> out = new ArrayList<>();
        for (int a = 0; a < size(); a++) {
            if (isValid(a)) {
                out.add(new Triplet(a, positive[a], negative[a]));
            }
        }
        return out;
    }

    /** The mean hardest-positive distance over the valid anchors; 0 when there is none. */
    public double meanPositiveDistance() {
        return meanOverValid(positiveDistance);
    }

    /** The mean hardest-negative distance over the valid anchors; 0 when there is none. */
    public double meanNegativeDistance() {
        return meanOverValid(negativeDistance);
    }

    private double meanOverValid(double[] d) {
        double s = 0;
        int c = 0;
        for (int a = 0; a < size(); a++) {
            if (isValid(a)) {
                s += d[a];
                c++;
            }
        }
        return c == 0 ? 0.0 : s / c;
    }

    @Override
    public String toString() {
        return "hardest triplets " + triplets();
    }
}
