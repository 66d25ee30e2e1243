package org.tripletgrad.testkit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries for label vectors.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<PkLabels> batches() {
 *     return LabelArbitraries.pkLabels(2, 4, 2, 3);   // 2 to 4 classes, 2 or 3 samples each
 * }
 * }</pre>
 */
public final class LabelArbitraries {
    private LabelArbitraries() {
    }

    /**
     * P-K label vectors: P in {@code minP..maxP} distinct arbitrary integer class ids, each repeated K times for K
     * in {@code minK..maxK}, shuffled. They shrink towards fewer classes and samples.
     *
     * @throws IllegalArgumentException when a bound is below 1 or a minimum exceeds its maximum
     */
    public static Arbitrary<PkLabels> pkLabels(int minP, int maxP, int minK, int maxK) {
        if (minP < 1 || minP > maxP || minK < 1 || minK > maxK) {
            throw new IllegalArgumentException("pkLabels: expected 1 <= minP <= maxP and 1 <= minK <= maxK, got P "
                    + minP + ".." + maxP + ", K " + minK + ".." + maxK);
        }
        Arbitrary<List<Integer>> ids = Arbitraries.integers().list().uniqueElements().ofMinSize(minP).ofMaxSize(maxP);
        return Combinators.combine(ids, Arbitraries.integers().between(minK, maxK)).as(PkBatch::new)
                .flatMap(b -> Arbitraries.shuffle(b.repeated()).map(b::labels));
    }

    /** The classes and K before shuffling. */
    private record PkBatch(List<Integer> ids, int k) {
        List<Integer> repeated() {
            List<Integer> all = new ArrayList<>(ids.size() * k);
            for (int id : ids) {
                for (int j = 0; j < k; j++) {
                    all.add(id);
                }
            }
            return all;
        }

        PkLabels labels(List<Integer> shuffled) {
            int[] labels = shuffled.stream().mapToInt(Integer::intValue).toArray();
            int[] firstSeen = new LinkedHashSet<>(shuffled).stream().mapToInt(Integer::intValue).toArray();
            return new PkLabels(labels, ids.size(), k, firstSeen);
        }
    }
}
