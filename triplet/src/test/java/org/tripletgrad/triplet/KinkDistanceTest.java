package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

/**
 * Kink distances of one-dimensional batches, where the euclidean distance is |x_i - x_j| and every candidate can be
 * listed by hand.
 */
class KinkDistanceTest {
    /** Points 0, 1, 3, 7 in two classes: d01 = 1, d02 = 3, d03 = 7, d12 = 2, d13 = 6, d23 = 4. */
    private static final Tensor LINE = Tensor.of(new double[] {0, 1, 3, 7}, 4, 1);
    private static final Labels TWO_CLASSES = Labels.of(0, 0, 1, 1);

    private static double kink(TripletLoss.Builder loss, Tensor x, Labels labels) {
        return KinkDistance.of(loss.build(), x, labels);
    }

    @Test
    void theHingeArgumentClosestToZeroDecidesWhenItIsTheNearest() {
        // Hinge arguments 0.2 + d(a, p*) - d(a, n*): a0 0.2 + 1 - 3, a1 0.2 + 1 - 2, a2 0.2 + 4 - 2, a3 0.2 + 4 - 6;
        // tie gaps between negatives 7 - 3, 6 - 2, 3 - 2, 7 - 6; chosen distances 1 or more.
        assertEquals(0.8, kink(TripletLoss.builder().margin(0.2), LINE, TWO_CLASSES), 1e-9);
    }

    @Test
    void theSoftMarginHasNoHingeCorner() {
        // What is left: the tie gaps (at least 1) and the chosen distances (at least 1).
        assertEquals(1.0, kink(TripletLoss.builder().soft(), LINE, TWO_CLASSES), 1e-9);
    }

    @Test
    void batchAllLooksAtEveryTripletNotOnlyTheHardest() {
        // Margin 3.9: the hardest triplets' hinge arguments are 1.9, 2.9, 5.9 and 1.9, but (3, 2, 0) has
        // 3.9 + 4 - 7 = 0.9; batch hard's nearest kink is instead the tie gap 1 of anchors 2 and 3.
        assertEquals(0.9, kink(TripletLoss.builder().margin(3.9).mining(Mining.BATCH_ALL), LINE, TWO_CLASSES), 1e-9);
        assertEquals(1.0, kink(TripletLoss.builder().margin(3.9), LINE, TWO_CLASSES), 1e-9);
    }

    @Test
    void twoPositivesAlmostAsFarFromTheAnchorAreANearTie() {
        // Anchor 0's positives sit at 2 and 2.05; every other gap, hinge-free term and distance is 0.5 or more.
        Tensor x = Tensor.of(new double[] {0, 2, -2.05, 10, 10.5}, 5, 1);
        assertEquals(0.05, kink(TripletLoss.builder().soft(), x, Labels.of(0, 0, 0, 1, 1)), 1e-9);
    }

    @Test
    void aChosenDistanceNearZeroIsNearTheRootsCorner() {
        // Anchors 0 and 1 have one positive and one negative each (no tie); anchor 2 has no positive.
        Tensor x = Tensor.of(new double[] {0, 0.01, 5}, 3, 1);
        Labels labels = Labels.of(0, 0, 1);
        assertEquals(0.01, kink(TripletLoss.builder().soft(), x, labels), 1e-9);
        assertEquals(1e-4, kink(TripletLoss.builder().soft().metric(Metric.SQEUCLIDEAN), x, labels), 1e-12);
    }

    @Test
    void aBatchWithoutValidAnchorsHasNoKink() {
        assertEquals(Double.POSITIVE_INFINITY, kink(TripletLoss.builder(), LINE, Labels.of(0, 1, 2, 3)));
        assertEquals(Double.POSITIVE_INFINITY,
                kink(TripletLoss.builder().mining(Mining.BATCH_ALL), LINE, Labels.of(5, 5, 5, 5)));
    }
}
