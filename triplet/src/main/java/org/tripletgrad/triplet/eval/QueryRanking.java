package org.tripletgrad.triplet.eval;

import java.util.Arrays;

/**
 * Ranks the other items of one query by distance, ties broken by lower index, and reports where its positives (items
 * of the query's class) fall: enough for average precision and recall@k without sorting the whole row.
 *
 * <p>Only the positives are sorted (by (distance, index)). Each negative is then placed among them through a table
 * of m + 1 equal-width distance buckets between the nearest and the farthest positive: the bucket narrows the place
 * to the positives of that bucket, and a binary search finishes. So a query costs O(m log m) for its m positives
 * plus about O(1) per negative (O(log m) at worst), and nothing for negatives farther than every positive. Scratch
 * arrays are reused from query to query: one instance per thread.
 */
final class QueryRanking {
    private final double[] posDist;
    private final int[] posIndex;
    private final double[] tmpDist;
    private final int[] tmpIndex;
    private final int[] before;
    private final int[] bucketStart;
    private double bucketOrigin;
    private double bucketScale;
    private int buckets;
    private int positives;
    private int negativesBeforeFirst;
    private double averagePrecision;

    /** Scratch space for rows of up to {@code n} items. */
    QueryRanking(int n) {
        posDist = new double[n];
        posIndex = new int[n];
        tmpDist = new double[n];
        tmpIndex = new int[n];
        before = new int[n + 1];
        bucketStart = new int[n + 2];
    }

    /**
     * Ranks row {@code query}: {@code dist[j]} is the distance from the query to item j (the entry j = query is
     * ignored), {@code labels[j]} its class.
     */
    void rank(double[] dist, int offset, int[] labels, int query) {
        int n = labels.length;
        int label = labels[query];
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (j != query && labels[j] == label) {
                posDist[m] = dist[offset + j];
                posIndex[m++] = j;
            }
        }
        positives = m;
        if (m == 0) {
            return;
        }
        sortStable(0, m);
        buildBuckets(m);
        Arrays.fill(before, 0, m + 1, 0);
        double farthest = posDist[m - 1];
        for (int j = 0; j < n; j++) {
            double d = dist[offset + j];
            if (d > farthest || j == query || labels[j] == label) {
                continue;
            }
            before[positivesBefore(d, j)]++;
        }
        double sum = 0;
        int negatives = 0;
        for (int r = 0; r < m; r++) {
            negatives += before[r];
            sum += (r + 1.0) / (r + 1 + negatives);
        }
        negativesBeforeFirst = before[0];
        averagePrecision = sum / m;
    }

    /** The number of other items of the query's class. */
    int positives() {
        return positives;
    }

    /** The number of negatives ranked before the first positive: the first positive has rank this + 1. */
    int negativesBeforeFirst() {
        return negativesBeforeFirst;
    }

    /** The average precision: the mean over positives of (positives up to it) / (its rank). */
    double averagePrecision() {
        return averagePrecision;
    }

    /**
     * Fills the bucket table: bucketStart[b] is the first positive whose bucket is &gt;= b. Because bucketOf is a
     * non-decreasing function of the distance, a distance in bucket b lies after every positive of a lower bucket
     * and before every positive of a higher one, whatever the rounding inside bucketOf.
     */
    private void buildBuckets(int m) {
        double nearest = posDist[0];
        double range = posDist[m - 1] - nearest;
        buckets = m + 1;
        bucketOrigin = nearest;
        bucketScale = range > 0 ? buckets / range : 0;
        int at = 0;
        for (int b = 0; b <= buckets; b++) {
            while (at < m && bucketOf(posDist[at]) < b) {
                at++;
            }
            bucketStart[b] = at;
        }
    }

    private int bucketOf(double d) {
        double scaled = (d - bucketOrigin) * bucketScale;
        return scaled <= 0 ? 0 : (int) Math.min(scaled, buckets - 1);
    }

    /** The number of positives ranked before a negative at distance d and index j. */
    private int positivesBefore(double d, int j) {
        int b = bucketOf(d);
        int at = lowerBound(bucketStart[b], bucketStart[b + 1], d);
        if (at < positives && posDist[at] == d) {
            int end = lowerBound(at, positives, Math.nextUp(d));
            at = indexLowerBound(at, end, j);
        }
        return at;
    }

    /** The first position in [from, to) whose distance is &gt;= x, or to; branch-free steps. */
    private int lowerBound(int from, int to, double x) {
        int len = to - from;
        if (len == 0) {
            return from;
        }
        int base = from;
        while (len > 1) {
            int half = len >>> 1;
            base = posDist[base + half] < x ? base + half : base;
            len -= half;
        }
        return posDist[base] < x ? base + 1 : base;
    }

    /** The first position in [from, to), a run of equal distances sorted by index, whose index is not below j. */
    private int indexLowerBound(int from, int to, int j) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (posIndex[mid] < j) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Sorts positives [lo, hi) by distance, keeping index order among equal distances (a stable merge sort). */
    private void sortStable(int lo, int hi) {
        if (hi - lo <= 16) {
            for (int i = lo + 1; i < hi; i++) {
                double d = posDist[i];
                int idx = posIndex[i];
                int p = i;
                while (p > lo && posDist[p - 1] > d) {
                    posDist[p] = posDist[p - 1];
                    posIndex[p] = posIndex[p - 1];
                    p--;
                }
                posDist[p] = d;
                posIndex[p] = idx;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sortStable(lo, mid);
        sortStable(mid, hi);
        if (posDist[mid - 1] <= posDist[mid]) {
            return;
        }
        System.arraycopy(posDist, lo, tmpDist, lo, hi - lo);
        System.arraycopy(posIndex, lo, tmpIndex, lo, hi - lo);
        int i = lo;
        int j = mid;
        for (int o = lo; o < hi; o++) {
            boolean right = i >= mid || (j < hi && tmpDist[j] < tmpDist[i]);
            int from = right ? j++ : i++;
            posDist[o] = tmpDist[from];
            posIndex[o] = tmpIndex[from];
        }
    }
}
