package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java matrix product, used when the Vector API is not available: an i-k-j loop over blocks of k and j,
 * four rows of the output at a time, which the JIT compiles to SIMD code where it can.
 *
 * <p>Every output entry is the chain {@code c = fma(a[i][p], b[p][j], c)} over p = 0, 1, ..., k - 1 from c = 0, so
 * the result is bit-for-bit the same for any blocking, any number of threads, and the same as {@link VectorMatMul}.
 * Zeros are multiplied like any other value, so NaN and infinity propagate as IEEE 754 says.
 */
final class ScalarMatMul implements MatMulKernel {
    private static final int BLOCK_K = 256;
    private static final int BLOCK_J = 512;
    private static final int ROW_STEP = 16;
    private static final int COL_ALIGN = 64;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        KernelPool pool = Kernels.poolFor((long) m * n * k);
        OutputSplit split = OutputSplit.of(m, n, ROW_STEP, COL_ALIGN, pool.threads());
        pool.forEach(split.parts(), part -> block(a, b, c, k, n,
                split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part)));
    }

    /** Computes rows [i0, i1) and columns [j0, j1) of the output. */
    static void block(double[] a, double[] b, double[] c, int k, int n, int i0, int i1, int j0, int j1) {
        for (int i = i0; i < i1; i++) {
            Arrays.fill(c, i * n + j0, i * n + j1, 0.0);
        }
        for (int k0 = 0; k0 < k; k0 += BLOCK_K) {
            int k1 = Math.min(k, k0 + BLOCK_K);
            for (int jb = j0; jb < j1; jb += BLOCK_J) {
                int je = Math.min(j1, jb + BLOCK_J);
                int i = i0;
                for (; i + 4 <= i1; i += 4) {
                    fourRows(a, b, c, k, n, i, k0, k1, jb, je);
                }
                for (; i < i1; i++) {
                    oneRow(a, b, c, k, n, i, k0, k1, jb, je);
                }
            }
        }
    }

    private static void fourRows(double[] a, double[] b, double[] c, int k, int n, int i, int k0, int k1,
            int j0, int j1) {
        int c0 = i * n;
        int c1 = c0 + n;
        int c2 = c1 + n;
        int c3 = c2 + n;
        for (int p = k0; p < k1; p++) {
            double a0 = a[i * k + p];
            double a1 = a[(i + 1) * k + p];
            double a2 = a[(i + 2) * k + p];
            double a3 = a[(i + 3) * k + p];
            int bp = p * n;
            for (int j = j0; j < j1; j++) {
                double bj = b[bp + j];
                c[c0 + j] = Math.fma(a0, bj, c[c0 + j]);
                c[c1 + j] = Math.fma(a1, bj, c[c1 + j]);
                c[c2 + j] = Math.fma(a2, bj, c[c2 + j]);
                c[c3 + j] = Math.fma(a3, bj, c[c3 + j]);
            }
        }
    }

    private static void oneRow(double[] a, double[] b, double[] c, int k, int n, int i, int k0, int k1,
            int j0, int j1) {
        int ci = i * n;
        for (int p = k0; p < k1; p++) {
            double aip = a[i * k + p];
            int bp = p * n;
            for (int j = j0; j < j1; j++) {
                c[ci + j] = Math.fma(aip, b[bp + j], c[ci + j]);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
