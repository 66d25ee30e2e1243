package org.tripletgrad.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class SGDTest {
    @Test
    void plainSgdSubtractsLearningRateTimesGradient() {
        List<double[]> ours = Golden.replay(ps -> new SGD(ps, 0.1), 4);
        double[] p = Golden.start();
        for (int t = 0; t < 4; t++) {
            double[] g = Golden.gradient(t);
            for (int i = 0; i < Golden.SIZE; i++) {
                p[i] -= 0.1 * g[i];
                assertEquals(p[i], ours.get(t)[i], 1e-15);
            }
        }
    }

    @Test
    void momentumAccumulatesAVelocityStartingFromTheFirstGradient() {
        double lr = 0.1;
        double mu = 0.9;
        double wd = 0.01;
        List<double[]> ours = Golden.replay(ps -> new SGD(ps, lr, mu, wd), 6);
        double[] p = Golden.start();
        double[] velocity = new double[Golden.SIZE];
        for (int t = 0; t < 6; t++) {
            double[] g = Golden.gradient(t);
            for (int i = 0; i < Golden.SIZE; i++) {
                double d = g[i] + wd * p[i];
                velocity[i] = t == 0 ? d : mu * velocity[i] + d;
                p[i] -= lr * velocity[i];
                assertEquals(p[i], ours.get(t)[i], 1e-14, "step " + (t + 1) + " element " + i);
            }
        }
    }

    @Test
    void matchesPyTorchBitForBit() {
        int n = Golden.STEPS;
        AdamTest.assertSequence(Golden.expected("sgd"), Golden.replay(ps -> new SGD(ps, 0.1), n));
        AdamTest.assertSequence(Golden.expected("sgd_m"), Golden.replay(ps -> new SGD(ps, 0.1, 0.9, 0), n));
        AdamTest.assertSequence(Golden.expected("sgd_m_wd"), Golden.replay(ps -> new SGD(ps, 0.1, 0.9, 0.01), n));
    }

    @Test
    void refusesANegativeLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SGD(java.util.Map.of(), -1));
        assertEquals("sgd: expected a finite learning rate >= 0, got -1.0", e.getMessage());
    }
}
