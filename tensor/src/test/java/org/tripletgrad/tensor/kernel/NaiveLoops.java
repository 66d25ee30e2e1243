package org.tripletgrad.tensor.kernel;

import java.util.SplittableRandom;

/** Reference results written as the textbook loops, independent of the kernels they check. */
final class NaiveLoops {
    /** How one term x y joins the running sum s. */
    interface Step {
        double apply(double s, double x, double y);
    }

    /** One rounding for the product and one for the sum. */
    static final Step PLAIN = (s, x, y) -> s + x * y;
    /** The kernels' documented contract: a single rounding, s = fma(x, y, s). */
    static final Step FMA = (s, x, y) -> Math.fma(x, y, s);
    /** The sum of |x y|, the scale of the rounding error of a sum of products. */
    static final Step MAGNITUDE = (s, x, y) -> s + Math.abs(x * y);

    private NaiveLoops() {
    }

    /** c[i][j] = the sum, by {@code step} in order of p, of a[i][p] b[p][j]. */
    static double[] matmul(double[] a, double[] b, int m, int k, int n, Step step) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0.0;
                for (int p = 0; p < k; p++) {
                    s = step.apply(s, a[i * k + p], b[p * n + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    /** out[i][r] = the sum, by {@code step} in order of j, of t t with t = a[i][j] - b[r][j]. */
    static double[] squaredDistances(double[] a, double[] b, int m, int n, int d, Step step) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int r = 0; r < n; r++) {
                double s = 0.0;
                for (int j = 0; j < d; j++) {
                    double t = a[i * d + j] - b[r * d + j];
                    s = step.apply(s, t, t);
                }
                out[i * n + r] = s;
            }
        }
        return out;
    }

    /** Values uniform on [-1, 1) from a seeded generator. */
    static double[] uniform(long seed, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = 2.0 * rng.nextDouble() - 1.0;
        }
        return x;
    }

    /**
     * The largest |actual - expected| / scale over all entries: below about k times the unit roundoff when the two
     * sums of k terms differ only by rounding and scale is their {@link #MAGNITUDE}.
     */
    static double worstRelative(double[] actual, double[] expected, double[] scale) {
        double worst = 0.0;
        for (int i = 0; i < actual.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (scale[i] + Double.MIN_NORMAL));
        }
        return worst;
    }
}
