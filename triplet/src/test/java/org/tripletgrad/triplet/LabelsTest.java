package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class LabelsTest {
    @Test
    void positivesExcludeTheAnchorItself() {
        Labels l = Labels.of(0, 0, 1);
        assertFalse(l.isPositive(0, 0));
        assertTrue(l.isPositive(0, 1));
        assertEquals(0.0, l.positiveMask().get(1, 1));
        assertEquals(1.0, l.negativeMask().get(0, 2));
    }

    @Test
    void anAnchorAloneInItsClassIsNotValid() {
        Labels l = Labels.of(0, 1, 1, 4, 3);
        assertFalse(l.isValidAnchor(0));
        assertTrue(l.isValidAnchor(1));
        assertFalse(Labels.of(2, 2, 2).isValidAnchor(0));
    }

    @Test
    void aTensorOfIntegersBecomesLabels() {
        assertArrayEquals(new int[] {3, -1, 0}, Labels.of(Tensor.vector(3, -1, 0)).toArray());
    }

    @Test
    void aTwoDimensionalTensorIsRejectedNamingTheShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.of(Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("1-D") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void aFractionalLabelIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Labels.of(Tensor.vector(1, 1.5)));
    }

    @Test
    void theWrongLengthNamesExpectedAndActual() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Labels.of(1, 2).requireSize(3, "op"));
        assertEquals("op: expected labels of shape [3] (one per row), got [2]", e.getMessage());
    }
}
