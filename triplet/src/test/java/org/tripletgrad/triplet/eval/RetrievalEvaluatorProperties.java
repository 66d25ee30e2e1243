package org.tripletgrad.triplet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import org.tripletgrad.tensor.Tensor;

class RetrievalEvaluatorProperties {
    /**
     * Coordinates are small multiples of 1/2, so every distance is exact by either route and ties are common: the
     * figures must then agree to rounding of the final averages only.
     */
    @Property(tries = 150)
    void agreesWithTheNaiveDefinitionsIncludingTies(@ForAll @IntRange(min = 2, max = 150) int n,
            @ForAll @IntRange(min = 1, max = 6) int d, @ForAll @IntRange(min = 1, max = 6) int classes,
            @ForAll @IntRange(min = 1, max = 4) int spread, @ForAll @LongRange(min = 0, max = 1 << 30) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 2 ? 0 : rng.nextInt(classes);
            for (int k = 0; k < d; k++) {
                x[i][k] = rng.nextInt(-spread, spread + 1) / 2.0;
            }
        }
        NaiveRetrieval naive = new NaiveRetrieval(x, labels, RetrievalEvaluator.RECALL_KS);

        RetrievalMetrics m = RetrievalEvaluator.evaluate(Tensor.matrix(x), labels, 1 + (int) (seed % 3));

        assertEquals(naive.queries, m.queries());
        assertEquals(naive.precisionAt1, m.precisionAt1(), 1e-12);
        for (int k = 0; k < RetrievalEvaluator.RECALL_KS.length; k++) {
            assertEquals(naive.recall[k], m.recallAt(RetrievalEvaluator.RECALL_KS[k]), 1e-12);
        }
        assertEquals(naive.map, m.meanAveragePrecision(), 1e-12);
    }

    /** On continuous random data ties are absent and rounding of the distances does not reorder distinct values. */
    @Property(tries = 40)
    void agreesWithTheNaiveDefinitionsOnGaussianData(@ForAll @IntRange(min = 2, max = 300) int n,
            @ForAll @LongRange(min = 0, max = 1 << 30) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = Tensor.randn(rng, n, 8).toMatrix();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i < 2 ? 0 : rng.nextInt(5);
        }
        NaiveRetrieval naive = new NaiveRetrieval(x, labels, RetrievalEvaluator.RECALL_KS);

        RetrievalMetrics m = RetrievalEvaluator.evaluate(Tensor.matrix(x), labels, 2);

        assertEquals(naive.precisionAt1, m.precisionAt1(), 1e-12);
        assertEquals(naive.map, m.meanAveragePrecision(), 1e-12);
    }
}
