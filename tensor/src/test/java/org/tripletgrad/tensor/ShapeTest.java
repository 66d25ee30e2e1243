package org.tripletgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ShapeTest {
    @Test
    void unravelGivesTheRowMajorIndexWithTheLastDimensionFastest() {
        Shape s = Shape.of(2, 3, 4);

        assertArrayEquals(new int[] {0, 0, 0}, s.unravel(0));
        assertArrayEquals(new int[] {0, 0, 3}, s.unravel(3));
        assertArrayEquals(new int[] {0, 1, 0}, s.unravel(4));
        // 13 = 1 * 12 + 0 * 4 + 1
        assertArrayEquals(new int[] {1, 0, 1}, s.unravel(13));
        assertArrayEquals(new int[] {1, 2, 3}, s.unravel(23));
    }

    @Test
    void unravelVisitsEveryIndexOnceInOdometerOrder() {
        Shape s = Shape.of(3, 1, 2);
        int flat = 0;
        for (int i = 0; i < 3; i++) {
            for (int k = 0; k < 2; k++) {
                assertArrayEquals(new int[] {i, 0, k}, s.unravel(flat++));
            }
        }
        assertEquals(s.numel(), flat);
    }

    @Test
    void aScalarsOnlyElementHasTheEmptyIndex() {
        assertArrayEquals(new int[0], Shape.scalar().unravel(0));
    }

    @Test
    void unravelRefusesPositionsOutsideTheShape() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> Shape.of(2, 3).unravel(6));
        assertEquals("unravel: position 6 out of range for shape [2, 3] of 6 elements", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> Shape.of(2, 3).unravel(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> Shape.of(2, 0).unravel(0));
    }
}
