package org.tripletgrad.tensor.kernel;

/**
 * The hot elementwise and distance loops over dense row-major {@code double[]} arrays.
 *
 * <p>Pairwise distances run on the path {@link Kernels} chose: Vector API register tiles, or plain Java. The
 * elementwise loops and the row norms are plain Java on both paths: the JIT already compiles such simple loops to
 * SIMD code, and a Vector API add showed no consistent gain over it (JMH, 10^3 and 10^5 elements).
 *
 * <p>Every result is bit-for-bit the same on both paths and for any number of threads: each entry is computed by one
 * fixed sequence of correctly rounded operations. Sums of squares are fma chains in index order,
 * {@code s = fma(t, t, s)} from s = 0, so they are as accurate as a plain loop and exactly 0 for equal rows. NaN and
 * infinity propagate as IEEE 754 says.
 *
 * <p>The arrays are read, never kept; {@code out} is overwritten and must not alias an input unless the method says
 * it may.
 */
public final class ArrayOps {
    private ArrayOps() {
    }

    /** out[i] = x[i] + y[i] for every i; {@code out} may be {@code x} or {@code y}. */
    public static void add(double[] x, double[] y, double[] out) {
        int len = sameLength("add", x, y, out);
        for (int i = 0; i < len; i++) {
            out[i] = x[i] + y[i];
        }
    }

    /** out[i] = x[i] - y[i] for every i; {@code out} may be {@code x} or {@code y}. */
    public static void sub(double[] x, double[] y, double[] out) {
        int len = sameLength("sub", x, y, out);
        for (int i = 0; i < len; i++) {
            out[i] = x[i] - y[i];
        }
    }

    /** out[i] = x[i] * y[i] for every i; {@code out} may be {@code x} or {@code y}. */
    public static void mul(double[] x, double[] y, double[] out) {
        int len = sameLength("mul", x, y, out);
        for (int i = 0; i < len; i++) {
            out[i] = x[i] * y[i];
        }
    }

    /**
     * The squared Euclidean norm of every row of a (m x d): out[i] = sum over j of a[i][j]^2, as an fma chain in
     * order of j. Costs m d multiply-adds; four rows run side by side, so four independent chains hide the latency
     * of one fma.
     */
    public static void rowSquaredNorms(double[] a, double[] out, int m, int d) {
        requireSize("rowSquaredNorms", "a", a, m, d);
        requireSize("rowSquaredNorms", "out", out, m, 1);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int o = i * d;
            double s0 = 0.0;
            double s1 = 0.0;
            double s2 = 0.0;
            double s3 = 0.0;
            for (int j = 0; j < d; j++) {
                double x0 = a[o + j];
                double x1 = a[o + d + j];
                double x2 = a[o + 2 * d + j];
                double x3 = a[o + 3 * d + j];
                s0 = Math.fma(x0, x0, s0);
                s1 = Math.fma(x1, x1, s1);
                s2 = Math.fma(x2, x2, s2);
                s3 = Math.fma(x3, x3, s3);
            }
            out[i] = s0;
            out[i + 1] = s1;
            out[i + 2] = s2;
            out[i + 3] = s3;
        }
        for (; i < m; i++) {
            double s = 0.0;
            for (int j = i * d, end = j + d; j < end; j++) {
                s = Math.fma(a[j], a[j], s);
            }
            out[i] = s;
        }
    }

    /**
     * The squared Euclidean distance between every row of a (m x d) and every row of b (n x d):
     * out[i n + r] = sum over j of (a[i][j] - b[r][j])^2, as an fma chain in order of j.
     *
     * <p>Unlike |a_i|^2 + |b_r|^2 - 2 a_i . b_r this never goes negative and is exactly 0 for equal rows, and it is
     * symmetric bit for bit when a and b are the same array. Costs m n d subtractions and multiply-adds, spread over
     * {@link Kernels#threads()} threads when large; b is copied once into packed panels.
     */
    public static void pairwiseSquaredDistances(double[] a, double[] b, double[] out, int m, int n, int d) {
        requireSize("pairwiseSquaredDistances", "a", a, m, d);
        requireSize("pairwiseSquaredDistances", "b", b, n, d);
        requireSize("pairwiseSquaredDistances", "out", out, m, n);
        Kernels.distances().pairwiseSquaredDistances(a, b, out, m, n, d);
    }

    private static int sameLength(String op, double[] x, double[] y, double[] out) {
        if (x.length != y.length || out.length != x.length) {
            throw new IllegalArgumentException(op + ": expected arrays of one length, got x " + x.length + ", y "
                    + y.length + ", out " + out.length);
        }
        return x.length;
    }

    private static void requireSize(String op, String name, double[] array, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(op + ": expected non-negative sizes, got " + rows + " x " + cols);
        }
        if (array.length < (long) rows * cols) {
            throw new IllegalArgumentException(op + ": expected " + name + " to hold at least " + rows + " x " + cols
                    + " = " + (long) rows * cols + " values, got " + array.length);
        }
    }
}
