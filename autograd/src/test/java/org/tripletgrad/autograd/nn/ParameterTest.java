package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class ParameterTest {
    @Test
    void setSwapsInAFreshLeafWithoutGradient() {
        Parameter p = new Parameter(Tensor.vector(1, 2));
        Var before = p.var();
        before.mul(before).sum().backward();
        assertEquals(Tensor.vector(2, 4), p.grad());

        p.set(Tensor.vector(5, 6));

        assertNotSame(before, p.var());
        assertTrue(p.var().isLeaf() && p.var().requiresGrad());
        assertEquals(Tensor.vector(5, 6), p.value());
        assertNull(p.grad());
    }

    @Test
    void graphsBuiltBeforeASwapKeepTheOldValue() {
        Parameter p = new Parameter(Tensor.vector(1, 2));
        Var y = p.var().mul(3.0).sum();
        p.set(Tensor.vector(10, 20));

        assertEquals(9.0, y.item());
        y.backward();
        assertNull(p.grad(), "the gradient went to the old leaf, not the new one");
    }

    @Test
    void setRefusesAnotherShapeNamingBothShapes() {
        Parameter p = new Parameter(Tensor.zeros(2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.set(Tensor.zeros(3, 2)));
        assertEquals("Parameter.set: expected shape [2, 3], got [3, 2]", e.getMessage());
    }

    @Test
    void zeroGradClearsTheCurrentLeaf() {
        Parameter p = new Parameter(Tensor.vector(1));
        p.var().sum().backward();
        p.zeroGrad();
        assertNull(p.grad());
        assertSame(p.var(), p.var());
    }
}
