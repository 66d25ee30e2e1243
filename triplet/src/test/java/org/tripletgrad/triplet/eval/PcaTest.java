package org.tripletgrad.triplet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class PcaTest {
    /** The sample covariance by its definition, summed directly. */
    private static double[][] covariance(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / n;
            }
        }
        double[][] c = new double[d][d];
        for (double[] row : x) {
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    c[i][j] += (row[i] - mean[i]) * (row[j] - mean[j]) / (n - 1);
                }
            }
        }
        return c;
    }

    private static double quadratic(double[][] c, double[] u) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            for (int j = 0; j < u.length; j++) {
                s += u[i] * c[i][j] * u[j];
            }
        }
        return s;
    }

    /** Rows z diag(scales) R^T for a random rotation R: principal axes along R's columns. */
    private static double[][] anisotropic(SplittableRandom rng, int n, double... scales) {
        int d = scales.length;
        double[][] r = Tensor.randn(rng, d, d).toMatrix();
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                double p = 0;
                for (int k = 0; k < d; k++) {
                    p += r[k][a] * r[k][b];
                }
                for (int k = 0; k < d; k++) {
                    r[k][a] -= p * r[k][b];
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += r[k][a] * r[k][a];
            }
            for (int k = 0; k < d; k++) {
                r[k][a] /= Math.sqrt(norm);
            }
        }
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double z = Tensor.gaussian(rng) * scales[a];
                for (int k = 0; k < d; k++) {
                    x[i][k] += z * r[k][a] + 3.0;
                }
            }
        }
        return x;
    }

    @Test
    void twoDimensionalDataMatchesTheClosedFormEigenpairs() {
        double[][] x = anisotropic(new SplittableRandom(1), 500, 3.0, 1.0);
        double[][] c = covariance(x);
        double a = c[0][0];
        double b = c[0][1];
        double d = c[1][1];
        double mid = (a + d) / 2;
        double radius = Math.hypot((a - d) / 2, b);
        double angle = 0.5 * Math.atan2(2 * b, a - d);

        Pca pca = Pca.fit(Tensor.matrix(x), 2);

        assertEquals(mid + radius, pca.variances()[0], 1e-9 * (mid + radius));
        assertEquals(mid - radius, pca.variances()[1], 1e-9 * (mid + radius));
        double[] v = pca.components().toMatrix()[0];
        assertEquals(1.0, Math.abs(v[0] * Math.cos(angle) + v[1] * Math.sin(angle)), 1e-9);
    }

    @Test
    void componentsAreOrthonormalEigenvectorsOfLargestVariance() {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] x = anisotropic(rng, 400, 5, 4, 2, 1.5, 1, 0.5, 0.3, 0.2, 0.1, 0.05);
        double[][] c = covariance(x);
        Pca pca = Pca.fit(Tensor.matrix(x), 2);
        double[][] v = pca.components().toMatrix();
        double[] lambda = pca.variances();

        for (int p = 0; p < 2; p++) {
            double[] cv = new double[v[p].length];
            for (int i = 0; i < cv.length; i++) {
                for (int j = 0; j < cv.length; j++) {
                    cv[i] += c[i][j] * v[p][j];
                }
            }
            for (int i = 0; i < cv.length; i++) {
                assertEquals(lambda[p] * v[p][i], cv[i], 1e-8 * lambda[0], "residual of component " + p);
            }
            assertEquals(1.0, dot(v[p], v[p]), 1e-12);
        }
        assertEquals(0.0, dot(v[0], v[1]), 1e-12);
        for (int t = 0; t < 300; t++) {
            double[] u = Tensor.randn(rng, v[0].length).toArray();
            scale(u, 1 / Math.sqrt(dot(u, u)));
            assertTrue(quadratic(c, u) <= lambda[0] * (1 + 1e-12), "a direction with more variance than the first");
            double along = dot(u, v[0]);
            for (int k = 0; k < u.length; k++) {
                u[k] -= along * v[0][k];
            }
            scale(u, 1 / Math.sqrt(dot(u, u)));
            assertTrue(quadratic(c, u) <= lambda[1] * (1 + 1e-12), "an orthogonal direction beats the second");
        }
    }

    @Test
    void nearlyEqualLeadingVariancesStillConverge() {
        double[][] x = anisotropic(new SplittableRandom(3), 300, 2.0, 2.0 * (1 + 1e-7), 1.0, 0.5, 0.25);
        double[][] c = covariance(x);
        Pca pca = Pca.fit(Tensor.matrix(x), 2);
        for (int p = 0; p < 2; p++) {
            double[] v = pca.components().toMatrix()[p];
            assertEquals(pca.variances()[p], quadratic(c, v), 1e-9 * pca.variances()[0]);
        }
    }

    @Test
    void pointsInAPlaneAreReconstructedExactlyFromTwoCoordinates() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] e1 = {1, 2, 0, -1, 0.5};
        double[] e2 = {0, 1, 1, 1, -2};
        double[][] x = new double[50][5];
        for (int i = 0; i < 50; i++) {
            double s = Tensor.gaussian(rng);
            double t = Tensor.gaussian(rng);
            for (int k = 0; k < 5; k++) {
                x[i][k] = 7 + s * e1[k] + t * e2[k];
            }
        }
        Pca pca = Pca.fit(Tensor.matrix(x), 2);
        double[][] coords = pca.transform(Tensor.matrix(x)).toMatrix();
        double[][] v = pca.components().toMatrix();
        double[] mean = pca.mean().toArray();
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < 5; k++) {
                assertEquals(x[i][k], mean[k] + coords[i][0] * v[0][k] + coords[i][1] * v[1][k], 1e-9);
            }
        }
    }

    @Test
    void theProjectedVarianceIsTheComponentVarianceAndSignsAreFixed() {
        double[][] x = anisotropic(new SplittableRandom(5), 200, 4, 2, 1);
        Pca pca = Pca.fit(Tensor.matrix(x), 2);
        double[][] coords = pca.transform(Tensor.matrix(x)).toMatrix();
        for (int p = 0; p < 2; p++) {
            double s = 0;
            for (double[] row : coords) {
                s += row[p] * row[p];
            }
            assertEquals(pca.variances()[p], s / (coords.length - 1), 1e-9 * pca.variances()[0]);
            double[] v = pca.components().toMatrix()[p];
            int largest = 0;
            for (int k = 1; k < v.length; k++) {
                largest = Math.abs(v[k]) > Math.abs(v[largest]) ? k : largest;
            }
            assertTrue(v[largest] > 0);
        }
        assertArrayEquals(pca.components().toArray(), Pca.fit(Tensor.matrix(x), 2).components().toArray(), 0.0);
    }

    @Test
    void badShapesAreRefused() {
        assertEquals("pca: expected 1 to 3 components for shape [4, 3], got 4",
                assertThrows(IllegalArgumentException.class, () -> Pca.fit(Tensor.zeros(4, 3), 4)).getMessage());
        assertEquals("pca transform: expected an M x 3 matrix, got shape [2, 2]",
                assertThrows(IllegalArgumentException.class,
                        () -> Pca.fit(Tensor.randn(new SplittableRandom(1), 4, 3), 2).transform(Tensor.zeros(2, 2)))
                        .getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    private static void scale(double[] a, double f) {
        for (int k = 0; k < a.length; k++) {
            a[k] *= f;
        }
    }
}
