package org.tripletgrad.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.nn.Parameter;
import org.tripletgrad.tensor.Tensor;

class AdamTest {
    @Test
    void updatesFollowTheTextbookFormulasComputedPerScalar() {
        double lr = 0.05;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        List<double[]> ours = Golden.replay(ps -> new Adam(ps, lr), 8);

        double[] p = Golden.start();
        double[] m = new double[Golden.SIZE];
        double[] v = new double[Golden.SIZE];
        for (int t = 1; t <= 8; t++) {
            double[] g = Golden.gradient(t - 1);
            for (int i = 0; i < Golden.SIZE; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                assertEquals(p[i], ours.get(t - 1)[i], 1e-13, "step " + t + " element " + i);
            }
        }
    }

    @Test
    void firstStepMovesEachElementByAboutTheLearningRateAgainstItsGradientSign() {
        List<double[]> ours = Golden.replay(ps -> new Adam(ps, 0.01), 1);
        double[] g = Golden.gradient(0);
        for (int i = 0; i < Golden.SIZE; i++) {
            assertEquals(Golden.start()[i] - 0.01 * Math.signum(g[i]), ours.get(0)[i], 1e-8);
        }
    }

    @Test
    void matchesPyTorchBitForBit() {
        assertSequence(Golden.expected("adam"), Golden.replay(ps -> new Adam(ps, 1e-2), Golden.STEPS));
    }

    @Test
    void matchesPyTorchBitForBitWithWeightDecay() {
        assertSequence(Golden.expected("adam_wd"),
                Golden.replay(ps -> new Adam(ps, 1e-2, 0.9, 0.999, 1e-8, 0.1), Golden.STEPS));
    }

    @Test
    void aParameterWithoutGradientIsSkippedAndItsStepCountStays() {
        Parameter used = new Parameter(Tensor.vector(1.0));
        Parameter unused = new Parameter(Tensor.vector(2.0));
        Adam adam = new Adam(Map.of("used", used, "unused", unused), 0.1);
        used.var().sum().backward();
        adam.step();

        assertEquals(Tensor.vector(2.0), unused.value());
        assertEquals(0, adam.steps("unused"));
        assertEquals(1, adam.steps("used"));
        assertNull(used.grad(), "the swapped-in leaf starts without gradient");
    }

    @Test
    void refusesBetasOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of(), 1e-3, 1.0, 0.999, 1e-8, 0));
        assertEquals("adam: expected betas in [0, 1), got 1.0 and 0.999", e.getMessage());
    }

    static void assertSequence(List<double[]> expected, List<double[]> actual) {
        assertEquals(expected.size(), actual.size());
        for (int t = 0; t < expected.size(); t++) {
            assertArrayEquals(expected.get(t), actual.get(t), 0.0, "after update " + (t + 1));
        }
    }
}
