package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class L2NormalizeProperties {
    private final L2Normalize normalize = new L2Normalize();

    @Property(tries = 50)
    void everyRowHasUnitLengthAndTheSameDirection(@ForAll @IntRange(min = 1, max = 6) int rows,
            @ForAll @IntRange(min = 1, max = 9) int cols, @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
        double[][] x = Tensor.randn(new SplittableRandom(seed), rows, cols).toMatrix();
        double[][] y = normalize.apply(Tensor.matrix(x)).toMatrix();

        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (double v : x[i]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < cols; j++) {
                assertEquals(x[i][j] / norm, y[i][j], 1e-14);
            }
        }
    }

    @Property(tries = 50)
    void gradientIsTheProjectionOffTheOutputDividedByTheNorm(@ForAll @IntRange(min = 1, max = 5) int rows,
            @ForAll @IntRange(min = 1, max = 7) int cols, @ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = Tensor.randn(rng, rows, cols);
        Tensor w = Tensor.randn(rng, rows, cols);
        double[][] xs = x.toMatrix();
        double[][] ws = w.toMatrix();

        double[][] grad = NumericGradient.analytic(v -> normalize.forward(v).mul(Var.constant(w)).sum(), x)
                .toMatrix();

        for (int i = 0; i < rows; i++) {
            double norm = 0;
            for (double v : xs[i]) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            double yDotW = 0;
            for (int j = 0; j < cols; j++) {
                yDotW += xs[i][j] / norm * ws[i][j];
            }
            for (int j = 0; j < cols; j++) {
                double expected = (ws[i][j] - xs[i][j] / norm * yDotW) / norm;
                assertEquals(expected, grad[i][j], 1e-10 * (1 + Math.abs(expected)));
            }
        }
    }

    @Property(tries = 30)
    void gradientAgreesWithFiniteDifferences(@ForAll @LongRange(min = 0, max = 1 << 20) long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor x = Tensor.randn(rng, 3, 4);
        Tensor w = Tensor.randn(rng, 3, 4);
        Tensor analytic = NumericGradient.analytic(v -> normalize.forward(v).mul(Var.constant(w)).sum(), x);
        Tensor numeric = NumericGradient.of(v -> normalize.forward(v).mul(Var.constant(w)).sum(), x, 1e-6);
        assertTrue(analytic.allClose(numeric, 1e-4, 1e-6), "analytic " + analytic + ", numeric " + numeric);
    }

    @Example
    void anAllZeroRowStaysZeroWithAFiniteGradientOfGOverEps() {
        Tensor x = Tensor.matrix(new double[][] {{0, 0, 0}, {3, 0, 4}});
        Tensor w = Tensor.matrix(new double[][] {{1, -2, 0.5}, {1, 1, 1}});

        Tensor y = normalize.apply(x);
        Tensor grad = NumericGradient.analytic(v -> normalize.forward(v).mul(Var.constant(w)).sum(), x);

        assertEquals(Tensor.vector(0, 0, 0, 0.6, 0, 0.8).reshape(2, 3), y);
        double eps = L2Normalize.DEFAULT_EPS;
        assertEquals(1 / eps, grad.get(0, 0));
        assertEquals(-2 / eps, grad.get(0, 1));
        assertEquals(0.5 / eps, grad.get(0, 2));
    }

    @Example
    void epsMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new L2Normalize(0));
        assertEquals("L2Normalize: expected eps > 0, got 0.0", e.getMessage());
    }
}
