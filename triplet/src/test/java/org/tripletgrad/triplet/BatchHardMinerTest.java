package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class BatchHardMinerTest {
    /** The precomputed matrix of the explain command's step 2. */
    private static final double[][] GIVEN = {
        {2.1554, 3.8405, 4.9992, 3.6540, 1.8460},
        {4.5680, 3.2760, 4.7992, 2.3844, 4.5190},
        {2.6432, 2.3703, 1.1153, 2.0088, 3.0268},
        {4.9789, 2.1472, 0.0962, 2.6718, 0.7436},
        {0.2879, 2.2944, 0.4205, 2.9724, 2.8840}};

    @Test
    void onlyAnchorsWithAPositiveAreMinedInTheGivenMatrix() {
        HardestTriplets h = BatchHardMiner.mine(Tensor.matrix(GIVEN), Labels.of(0, 1, 1, 4, 3));
        assertEquals(List.of(new Triplet(1, 2, 3), new Triplet(2, 1, 3)), h.triplets());
        assertEquals(-1, h.positive(0));
        assertEquals(2, h.validCount());
        assertEquals(4.7992, h.positiveDistance(1));
        assertEquals(2.0088, h.negativeDistance(2));
    }

    @Test
    void hardestPositiveExcludesTheAnchorItself() {
        double[][] d = {{9, 1, 5}, {1, 9, 5}, {5, 5, 9}};
        HardestTriplets h = BatchHardMiner.mine(Tensor.matrix(d), Labels.of(0, 0, 1));
        assertEquals(1, h.positive(0));
    }

    @Test
    void tiesGoToTheLowestIndex() {
        double[][] d = {{0, 2, 2, 1, 1}, {2, 0, 2, 1, 1}, {2, 2, 0, 1, 1}, {1, 1, 1, 0, 3}, {1, 1, 1, 3, 0}};
        HardestTriplets h = BatchHardMiner.mine(Tensor.matrix(d), Labels.of(0, 0, 0, 1, 1));
        assertEquals(1, h.positive(0));
        assertEquals(0, h.positive(2));
        assertEquals(3, h.negative(0));
        assertEquals(0, h.negative(3));
    }

    @Test
    void aNonSquareMatrixIsRejectedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchHardMiner.mine(Tensor.zeros(2, 3), Labels.of(0, 1)));
        assertEquals("batch-hard mining: expected a square N x N distance matrix, got shape [2, 3]", e.getMessage());
    }
}
