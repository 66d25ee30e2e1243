package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java pairwise squared distances: b is transposed once, then for each row of a the loop runs over the
 * dimensions and, innermost, over the points of b, which the JIT compiles to SIMD code.
 */
final class ScalarDistanceKernel implements DistanceKernel {
    private static final int ROW_STEP = 16;
    private static final int COL_ALIGN = 64;

    @Override
    public void pairwiseSquaredDistances(double[] a, double[] b, double[] out, int m, int n, int d) {
        if (m == 0 || n == 0) {
            return;
        }
        double[] bt = new double[d * n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                bt[j * n + r] = b[r * d + j];
            }
        }
        KernelPool pool = Kernels.poolFor((long) m * n * d);
        OutputSplit split = OutputSplit.of(m, n, ROW_STEP, COL_ALIGN, pool.threads());
        pool.forEach(split.parts(), part -> block(a, bt, out, n, d,
                split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part)));
    }

    /** Rows [i0, i1) and columns [r0, r1) of the distances, from b transposed (d x n). */
    private static void block(double[] a, double[] bt, double[] out, int n, int d, int i0, int i1, int r0, int r1) {
        for (int i = i0; i < i1; i++) {
            int o = i * n;
            Arrays.fill(out, o + r0, o + r1, 0.0);
            for (int j = 0; j < d; j++) {
                double x = a[i * d + j];
                int bj = j * n;
                for (int r = r0; r < r1; r++) {
                    double t = x - bt[bj + r];
                    out[o + r] = Math.fma(t, t, out[o + r]);
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
