package org.tripletgrad.triplet.eval;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The retrieval quality of an embedding, as {@link RetrievalEvaluator} measures it; every figure is in [0, 1].
 *
 * @param precisionAt1 the fraction of queries whose nearest other item has the query's class (leave-one-out
 *     nearest neighbour); it equals recall@1
 * @param recallAtK for each k, the fraction of queries with at least one item of their class among their k nearest
 *     other items
 * @param meanAveragePrecision the mean over queries of the average precision of the ranking of all other items
 * @param queries the number of queries the figures average over
 * @param excluded the number of items left out as queries because no other item has their class
 */
public record RetrievalMetrics(double precisionAt1, Map<Integer, Double> recallAtK, double meanAveragePrecision,
        int queries, int excluded) {

    /** Copies {@code recallAtK} into an unmodifiable map ordered by k. */
    public RetrievalMetrics {
        recallAtK = Collections.unmodifiableMap(new TreeMap<>(recallAtK));
    }

    /**
     * recall@k for one of the computed k.
     *
     * @throws IllegalArgumentException when k was not computed
     */
    public double recallAt(int k) {
        Double r = recallAtK.get(k);
        if (r == null) {
            throw new IllegalArgumentException("recall@" + k + ": not computed; have k in " + recallAtK.keySet());
        }
        return r;
    }
}
