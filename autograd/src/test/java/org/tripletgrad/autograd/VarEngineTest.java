package org.tripletgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class VarEngineTest {

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Var x = Var.param(Tensor.vector(1, 2, 3));
        x.mul(x).sum().backward();
        x.mul(3.0).sum().backward();

        // d/dx (x^2) = 2x, d/dx (3x) = 3
        assertArrayEquals(new double[] {2 + 3, 4 + 3, 6 + 3}, x.grad().toArray());
    }

    @Test
    void zeroGradClearsTheGradient() {
        Var x = Var.param(Tensor.vector(1, 2));
        x.sum().backward();
        x.zeroGrad();

        assertNull(x.grad());
        x.mul(2.0).sum().backward();
        assertArrayEquals(new double[] {2, 2}, x.grad().toArray());
    }

    @Test
    void broadcastOperandsGetGradientsSummedBackToTheirShapes() {
        Var a = Var.param(Tensor.zeros(3, 1));
        Var b = Var.param(Tensor.zeros(4));
        a.add(b).sum().backward();

        // a is repeated over 4 columns, b over 3 rows
        assertArrayEquals(new int[] {3, 1}, a.grad().shape().dims());
        assertArrayEquals(new double[] {4, 4, 4}, a.grad().toArray());
        assertArrayEquals(new double[] {3, 3, 3, 3}, b.grad().toArray());
    }

    @Test
    void anInputUsedTwiceGetsBothContributions() {
        Var x = Var.param(Tensor.scalar(3));
        x.mul(x).add(x).backward();

        assertEquals(2 * 3 + 1, x.grad().item());
    }

    @Test
    void backwardRefusesAnOutputWithMoreThanOneElement() {
        Var x = Var.param(Tensor.vector(1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.mul(2.0).backward());

        assertTrue(e.getMessage().contains("backward") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void backwardRefusesAnOutputThatNeedsNoGradient() {
        Var c = Var.constant(Tensor.scalar(2));

        assertThrows(IllegalStateException.class, () -> c.mul(c).backward());
    }

    @Test
    void noGradRecordsNoGraph() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertFalse(GradMode.isEnabled());
            y = x.mul(x).sum();
        }

        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertTrue(y.inputs().isEmpty());
        assertEquals(5.0, y.item());
        assertThrows(IllegalStateException.class, y::backward);
    }

    @Test
    void noGradScopesNestAndRestoreThePreviousState() {
        try (GradMode.Scope outer = GradMode.noGrad()) {
            try (GradMode.Scope inner = GradMode.noGrad()) {
                assertFalse(GradMode.isEnabled());
            }
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }

    @Test
    void detachStopsTheGradient() {
        Var x = Var.param(Tensor.scalar(2));
        Var y = x.mul(x).detach().mul(x);
        y.backward();

        // only the last factor is differentiated: d/dx (c * x) = c = 4
        assertEquals(4.0, x.grad().item());
        assertFalse(x.mul(x).detach().requiresGrad());
    }

    @Test
    void retainGradKeepsAnIntermediateGradient() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var h = x.mul(3.0).retainGrad();
        Var other = x.mul(2.0);
        h.mul(h).sum().add(other.sum()).backward();

        assertArrayEquals(new double[] {2 * 3, 2 * 6}, h.grad().toArray());
        assertNull(other.grad());
    }

    @Test
    void storedGradientsAreDenseEvenWhenARulePassesABroadcastView() {
        Var x = Var.param(Tensor.zeros(2, 3));
        x.sum().backward();

        assertTrue(x.grad().isContiguous());
    }

    @Test
    void aRuleWithTheWrongNumberOfGradientsIsReportedByName() {
        Var x = Var.param(Tensor.scalar(1));
        Var y = Var.of("broken", Tensor.scalar(2), g -> new Tensor[] {g}, x, x);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);

        assertTrue(e.getMessage().startsWith("broken:"), e.getMessage());
    }

    @Test
    void aRuleMayReturnAGradientThatBroadcastsToItsInput() {
        Var x = Var.param(Tensor.zeros(2, 2));
        Var y = Var.of("total", Tensor.scalar(0), g -> new Tensor[] {g}, x);
        y.backward();

        assertArrayEquals(new double[] {1, 1, 1, 1}, x.grad().toArray());
    }

    @Test
    void aRuleWithAGradientOfAnIncompatibleShapeIsReportedByName() {
        Var x = Var.param(Tensor.zeros(2));
        Var y = Var.of("wrongShape", Tensor.scalar(0), g -> new Tensor[] {Tensor.zeros(3)}, x);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);

        assertTrue(e.getMessage().contains("wrongShape") && e.getMessage().contains("[3]"), e.getMessage());
    }

    @Test
    void aLongChainRunsBackwardWithoutOverflowingTheStack() {
        Var x = Var.param(Tensor.scalar(1));
        Var y = x;
        for (int i = 0; i < 20_000; i++) {
            y = y.add(1.0);
        }
        y.backward();

        assertEquals(1.0, x.grad().item());
    }

    @Test
    void whereAsAStaticMethodPicksAWhereTheMaskIsSet() {
        Var a = Var.param(Tensor.vector(1, 2, 3));
        Var b = Var.param(Tensor.vector(10, 20, 30));
        Var y = Var.where(Tensor.vector(1, 0, 1), a, b);
        y.sum().backward();

        assertArrayEquals(new double[] {1, 20, 3}, y.value().toArray());
        assertArrayEquals(new double[] {1, 0, 1}, a.grad().toArray());
        assertArrayEquals(new double[] {0, 1, 0}, b.grad().toArray());
    }

    @Test
    void squeezeUndoesUnsqueezeForwardAndBackward() {
        Var x = Var.param(Tensor.vector(1, 2, 3));
        Var y = x.unsqueeze(0).squeeze(0);
        y.mul(y).sum().backward();

        assertArrayEquals(new int[] {3}, y.shape().dims());
        assertArrayEquals(new double[] {2, 4, 6}, x.grad().toArray());
    }
}
