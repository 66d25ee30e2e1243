package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class MetricTest {
    private static final double[][] ROWS = {{3, 2}, {1, 4}, {5, 6}};

    @Test
    void euclideanOfTheWorkedExampleMatchesPythagoras() {
        Tensor d = Metric.EUCLIDEAN.pairwise(Var.constant(Tensor.matrix(ROWS))).value();
        assertEquals(Math.hypot(2, 2), d.get(0, 1), 1e-12);
        assertEquals(Math.hypot(2, 4), d.get(0, 2), 1e-12);
        assertEquals(Math.hypot(4, 2), d.get(1, 2), 1e-12);
        assertEquals(0.0, d.get(1, 1));
    }

    @Test
    void everyMetricMatchesItsDefinitionOnRandomRows() {
        double[][] x = Tensor.randn(new SplittableRandom(3), 7, 5).toMatrix();
        for (Metric m : Metric.values()) {
            Tensor d = m.pairwise(Var.constant(Tensor.matrix(x))).value();
            for (int a = 0; a < 7; a++) {
                for (int b = 0; b < 7; b++) {
                    if (a != b) {
                        assertEquals(NaiveTriplet.distance(x, a, b, m), d.get(a, b), 1e-12, m + " " + a + "," + b);
                    }
                }
            }
        }
    }

    @Test
    void duplicateRowsAreExactlyZeroApartWithAZeroGradient() {
        Var x = Var.param(Tensor.matrix(new double[][] {{0.1, 0.7, -1.3}, {0.1, 0.7, -1.3}, {2, 0, 1}}));
        Var d = Metric.EUCLIDEAN.pairwise(x);
        assertEquals(0.0, d.value().get(0, 1));
        d.mul(Var.constant(Tensor.matrix(new double[][] {{0, 1, 0}, {0, 0, 0}, {0, 0, 0}}))).sum().backward();
        for (double g : x.grad().data()) {
            assertEquals(0.0, g);
        }
    }

    @Test
    void cosineOfAZeroRowIsOneWithAFiniteGradient() {
        Var x = Var.param(Tensor.matrix(new double[][] {{0, 0}, {1, 2}}));
        Var d = Metric.COSINE.pairwise(x);
        assertEquals(1.0, d.value().get(0, 1));
        d.sum().backward();
        for (double g : x.grad().data()) {
            assertTrue(Double.isFinite(g));
        }
    }

    @Test
    void parseAcceptsTheCommandLineNamesAndNamesThemInErrors() {
        assertEquals(Metric.SQEUCLIDEAN, Metric.parse("sqeuclidean"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metric.parse("manhattan"));
        assertTrue(e.getMessage().contains("euclidean, sqeuclidean, cosine"), e.getMessage());
    }

    @Test
    void aRankOneEmbeddingIsRejectedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metric.EUCLIDEAN.pairwise(Var.constant(Tensor.vector(1, 2))));
        assertTrue(e.getMessage().contains("[2]"), e.getMessage());
    }
}
