package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class LinearTest {
    @Test
    void forwardIsXTimesWeightPlusBiasAsANaiveLoopComputesIt() {
        Linear layer = new Linear(3, 2, Init.XAVIER_UNIFORM, new SplittableRandom(1));
        layer.bias().set(Tensor.vector(0.5, -0.25));
        double[][] x = {{1, 2, 3}, {-1, 0.5, 4}};
        double[][] w = layer.weight().value().toMatrix();

        double[][] y = layer.apply(Tensor.matrix(x)).toMatrix();

        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = layer.bias().value().get(j);
                for (int k = 0; k < 3; k++) {
                    expected += x[i][k] * w[k][j];
                }
                assertEquals(expected, y[i][j], 1e-12);
            }
        }
    }

    @Test
    void biasStartsAtZeroAndParametersAreNamedWeightThenBias() {
        Linear layer = new Linear(4, 3, Init.HE_UNIFORM, new SplittableRandom(2));
        assertEquals(Tensor.zeros(3), layer.bias().value());
        assertEquals(List.of("weight", "bias"), List.copyOf(layer.parameters().keySet()));
        assertEquals(List.of(4, 3), List.of(layer.weight().shape().dim(0), layer.weight().shape().dim(1)));
        assertEquals(15, layer.parameterCount());
    }

    @Test
    void theSameSeedGivesTheSameWeightsBitForBit() {
        for (Init init : Init.values()) {
            Tensor a = new Linear(20, 7, init, new SplittableRandom(42)).weight().value();
            Tensor b = new Linear(20, 7, init, new SplittableRandom(42)).weight().value();
            Tensor c = new Linear(20, 7, init, new SplittableRandom(43)).weight().value();
            assertEquals(a, b, init.toString());
            assertNotEquals(a, c, init.toString());
        }
    }

    @Test
    void xavierUniformStaysWithinItsBoundAndHasItsVariance() {
        int in = 300;
        int out = 200;
        double bound = Math.sqrt(6.0 / (in + out));
        double[] w = Init.XAVIER_UNIFORM.sample(new SplittableRandom(3), in, out, in, out).toArray();
        assertTrue(maxAbs(w) <= bound);
        assertTrue(maxAbs(w) > 0.99 * bound, "the draws should reach close to the bound");
        assertEquals(bound * bound / 3, variance(w), 0.02 * bound * bound / 3);
    }

    @Test
    void heUniformAndHeNormalHaveVarianceTwoOverFanIn() {
        int in = 250;
        int out = 400;
        double expected = 2.0 / in;
        double[] u = Init.HE_UNIFORM.sample(new SplittableRandom(4), in, out, in, out).toArray();
        double[] n = Init.HE_NORMAL.sample(new SplittableRandom(5), in, out, in, out).toArray();
        assertTrue(maxAbs(u) <= Math.sqrt(6.0 / in));
        assertEquals(expected, variance(u), 0.02 * expected);
        assertEquals(expected, variance(n), 0.02 * expected);
        assertEquals(0.0, mean(n), 0.01 * Math.sqrt(expected));
    }

    @Test
    void fanInUniformDrawsWeightAndBiasWithinOneOverRootFanInWithItsVariance() {
        int in = 400;
        int out = 300;
        double bound = 1 / Math.sqrt(in);
        Linear layer = new Linear(in, out, Init.FAN_IN_UNIFORM, new SplittableRandom(10));
        double[] w = layer.weight().value().toArray();
        double[] b = layer.bias().value().toArray();
        assertTrue(maxAbs(w) <= bound && maxAbs(b) <= bound);
        assertTrue(maxAbs(b) > 0.9 * bound, "the bias is drawn, not zero");
        assertEquals(bound * bound / 3, variance(w), 0.02 * bound * bound / 3);
        SplittableRandom rng = new SplittableRandom(10);
        Tensor weightFirst = Tensor.uniform(rng, -bound, bound, in, out);
        assertEquals(weightFirst, layer.weight().value(), "the weight is drawn first, the bias after it");
        assertEquals(Tensor.uniform(rng, -bound, bound, out), layer.bias().value());
    }

    @Test
    void gradientsOfWeightBiasAndInputMatchFiniteDifferences() {
        Linear layer = new Linear(3, 4, Init.HE_NORMAL, new SplittableRandom(6));
        layer.bias().set(Tensor.vector(0.1, -0.2, 0.3, 0.05));
        Tensor x = Tensor.randn(new SplittableRandom(7), 5, 3);
        Tensor weights = Tensor.randn(new SplittableRandom(8), 5, 4);

        Tensor dx = NumericGradient.analytic(v -> layer.forward(v).mul(Var.constant(weights)).sum(), x);
        assertClose(NumericGradient.of(v -> layer.forward(v).mul(Var.constant(weights)).sum(), x, 1e-6), dx);

        layer.zeroGrad();
        layer.forward(Var.constant(x)).mul(Var.constant(weights)).sum().backward();
        Tensor w0 = layer.weight().value();
        Tensor b0 = layer.bias().value();
        assertClose(NumericGradient.of(w -> new Linear(w.value(), b0).forward(Var.constant(x))
                .mul(Var.constant(weights)).sum(), w0, 1e-6), layer.weight().grad());
        assertClose(NumericGradient.of(b -> new Linear(w0, b.value()).forward(Var.constant(x))
                .mul(Var.constant(weights)).sum(), b0, 1e-6), layer.bias().grad());
    }

    @Test
    void forwardRefusesAnInputOfTheWrongWidth() {
        Linear layer = new Linear(3, 2, Init.XAVIER_UNIFORM, new SplittableRandom(9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(Var.constant(Tensor.zeros(4, 5))));
        assertEquals("Linear.forward: expected input of shape [n, 3], got [4, 5]", e.getMessage());
    }

    @Test
    void constructorRefusesMismatchedWeightAndBias() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Linear(Tensor.zeros(3, 2), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("[3, 2]") && e.getMessage().contains("[3]"), e.getMessage());
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertTrue(actual.allClose(expected, 1e-6, 1e-8), "expected " + expected + ", got " + actual);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v) {
        double mu = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - mu) * (x - mu);
        }
        return s / (v.length - 1);
    }
}
