package org.tripletgrad.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

/** The derivative each op uses where the mathematical one does not exist or is infinite. */
class KinkConventionsTest {

    @AfterEach
    void anomalyOff() {
        Anomaly.setEnabled(false);
    }

    @Test
    void reluHasDerivativeZeroAtZero() {
        Var x = Var.param(Tensor.vector(-1, 0, 1));
        x.relu().sum().backward();

        assertArrayEquals(new double[] {0, 0, 1}, x.grad().toArray());
    }

    @Test
    void reluPassesExactlyZeroBackEvenWhenTheIncomingGradientIsInfinite() {
        // sqrt'(0) is infinite; relu must not turn infinity * 0 into NaN
        Var x = Var.param(Tensor.vector(-1, 0));
        x.relu().sqrt().sum().backward();

        assertArrayEquals(new double[] {0, 0}, x.grad().toArray());
    }

    @Test
    void maxSendsTheGradientToTheLowestIndexAmongTies() {
        Var x = Var.param(Tensor.matrix(new double[][] {{1, 3, 3, 2}, {5, 5, 5, 5}}));
        x.max(1, false).sum().backward();

        assertArrayEquals(new double[] {0, 1, 0, 0, 1, 0, 0, 0}, x.grad().toArray());
    }

    @Test
    void minSendsTheGradientToTheLowestIndexAmongTies() {
        Var x = Var.param(Tensor.matrix(new double[][] {{2, 1}, {0, 1}, {0, 4}}));
        x.min(0, true).sum().backward();

        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 0}, x.grad().toArray());
    }

    @Test
    void maskedSqrtHasDerivativeExactlyZeroAtZero() {
        Anomaly.setEnabled(true);
        Var x = Var.param(Tensor.vector(0, 4));
        Var y = x.maskedSqrt();
        y.sum().backward();

        assertArrayEquals(new double[] {0, 2}, y.value().toArray());
        assertEquals(0.0, x.grad().get(0));
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(x.grad().get(0)));
        assertEquals(0.25, x.grad().get(1));
    }

    @Test
    void sqrtHasAnInfiniteDerivativeAtZero() {
        Var x = Var.param(Tensor.vector(0));
        x.sqrt().sum().backward();

        assertEquals(Double.POSITIVE_INFINITY, x.grad().get(0));
    }

    @Test
    void softplusIsExactAndFiniteForLargeInputs() {
        Var x = Var.param(Tensor.vector(1000, -1000));
        Var y = x.softplus();
        y.sum().backward();

        assertArrayEquals(new double[] {1000, 0}, y.value().toArray());
        assertArrayEquals(new double[] {1, 0}, x.grad().toArray());
    }

    @Test
    void clampMinHasDerivativeZeroAtTheBound() {
        Var x = Var.param(Tensor.vector(0.5, 1, 2));
        x.clampMin(1).sum().backward();

        assertArrayEquals(new double[] {0, 0, 1}, x.grad().toArray());
    }

    @Test
    void maskedFillAndWherePassExactlyZeroToWhatTheyDidNotPick() {
        Var x = Var.param(Tensor.vector(1, 2));
        Var other = Var.param(Tensor.vector(0, 0));
        x.maskedFill(Tensor.vector(1, 0), 9).sqrt().sum().add(x.where(Tensor.vector(0, 1), other).sum()).backward();

        assertArrayEquals(new double[] {0, 0.5 / Math.sqrt(2) + 1}, x.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {1, 0}, other.grad().toArray());
    }
}
