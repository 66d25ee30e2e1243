package org.tripletgrad.triplet.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class RetrievalEvaluatorTest {
    private static Tensor column(double... values) {
        return Tensor.vector(values).reshape(values.length, 1);
    }

    @Test
    void fivePointsOnALineGiveTheHandComputedFigures() {
        // Points 0, 1, 3, 4, 10 with classes a, a, b, b, a. Rankings (nearest first) and average precision:
        //   q0: 1a 3b 4b 10a -> AP (1/1 + 2/4) / 2 = 0.75      q1: 0a 3b 4b 10a -> 0.75
        //   q3: 4b ...        -> 1                            q4: 1b ... -> 1
        //   q10: 4b 3b 1a 0a  -> AP (1/3 + 2/4) / 2 = 5/12, first positive at rank 3
        RetrievalMetrics m = RetrievalEvaluator.evaluate(column(0, 1, 3, 4, 10), new int[] {0, 0, 1, 1, 0}, 1);

        assertEquals(0.8, m.precisionAt1(), 1e-15);
        assertEquals(0.8, m.recallAt(1), 1e-15);
        assertEquals(0.8, m.recallAt(2), 1e-15);
        assertEquals(1.0, m.recallAt(4), 1e-15);
        assertEquals(1.0, m.recallAt(8), 1e-15);
        assertEquals((0.75 + 0.75 + 1 + 1 + 5.0 / 12) / 5, m.meanAveragePrecision(), 1e-15);
        assertEquals(5, m.queries());
    }

    @Test
    void aTieGoesToTheLowerIndex() {
        // Query 0 at 0 has item 1 and item 2 at distance 1 each: item 1 ranks first.
        RetrievalMetrics negativeFirst = RetrievalEvaluator.evaluate(column(0, 1, -1), new int[] {0, 1, 0}, 1);
        RetrievalMetrics positiveFirst = RetrievalEvaluator.evaluate(column(0, -1, 1), new int[] {0, 0, 1}, 1);

        // Item of class 1 alone is left out; query 0: AP 1/2 (miss) or 1 (hit); the other query always hits.
        assertEquals(2, negativeFirst.queries());
        assertEquals(1, negativeFirst.excluded());
        assertEquals(0.5, negativeFirst.precisionAt1());
        assertEquals(0.75, negativeFirst.meanAveragePrecision());
        assertEquals(1.0, positiveFirst.precisionAt1());
        assertEquals(1.0, positiveFirst.meanAveragePrecision());
    }

    @Test
    void collapsedEmbeddingsRankPurelyByIndex() {
        int n = 12;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        RetrievalMetrics m = RetrievalEvaluator.evaluate(Tensor.zeros(n, 4), labels, 2);
        NaiveRetrieval naive = new NaiveRetrieval(new double[n][4], labels, RetrievalEvaluator.RECALL_KS);

        assertEquals(naive.precisionAt1, m.precisionAt1());
        assertEquals(naive.map, m.meanAveragePrecision(), 1e-15);
    }

    @Test
    void theResultIsTheSameBitForBitForAnyThreadCount() {
        SplittableRandom rng = new SplittableRandom(5);
        int n = 700;
        Tensor x = Tensor.randn(rng, n, 16);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(10);
        }
        RetrievalMetrics one = RetrievalEvaluator.evaluate(x, labels, 1);
        assertEquals(one, RetrievalEvaluator.evaluate(x, labels, 2));
        assertEquals(one, RetrievalEvaluator.evaluate(x, labels, 5));
    }

    @Test
    void badInputIsRefusedNamingTheProblem() {
        assertEquals("retrieval: expected 3 labels for embedding [3, 2], got 2",
                assertThrows(IllegalArgumentException.class,
                        () -> RetrievalEvaluator.evaluate(Tensor.zeros(3, 2), new int[2], 1)).getMessage());
        assertEquals("retrieval: embedding row 1 holds NaN, expected finite values",
                assertThrows(IllegalArgumentException.class, () -> RetrievalEvaluator.evaluate(
                        column(0, Double.NaN, 1), new int[3], 1)).getMessage());
        assertEquals("retrieval: no item has another item of its class, so no query has a positive",
                assertThrows(IllegalArgumentException.class, () -> RetrievalEvaluator.evaluate(
                        column(0, 1), new int[] {0, 1}, 1)).getMessage());
    }
}
