package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/**
 * The plain-Java matrix product, used when the Vector API is not available: a 4 x 4 register tile of scalar
 * accumulators over blocks of inner indices, reading B from panels of 4 columns packed once per call, with plain
 * loops for the rows and columns left over.
 *
 * <p>Every output entry is the chain {@code c = fma(a[i][p], b[p][j], c)} over p = 0, 1, ..., k - 1 from c = 0, so
 * the result is bit-for-bit the same for any blocking, any number of threads, and the same as {@link VectorMatMul}.
 * Zeros are multiplied like any other value, so NaN and infinity propagate as IEEE 754 says.
 *
 * <p>Limitation: the JIT runs these loops on scalar registers, one fma per entry and term (it does not vectorise
 * the tile, and an i-k-j loop over rows of c, which it could, measured slower), so this path reaches about a
 * quarter of the Vector API kernel's speed; only the Vector API gives Java code SIMD register tiles.
 */
final class ScalarMatMul implements MatMulKernel {
    private static final int BLOCK_K = 256;
    private static final int ROW_STEP = 64;
    private static final int COL_ALIGN = 64;
    private static final Scratch PACKED_B = new Scratch();

    @Override
    public void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        KernelPool pool = Kernels.poolFor((long) m * n * k);
        int panels = n / 4;
        double[] pb = PACKED_B.get(panels * k * 4);
        pool.forEach(panels, q -> packB(b, k, n, q, pb));
        OutputSplit split = OutputSplit.of(m, n, ROW_STEP, COL_ALIGN, pool.threads());
        pool.forEach(split.parts(), part -> block(a, b, pb, c, k, n,
                split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part)));
    }

    /** Copies columns [4 q, 4 q + 4) of b (k x n) into panel q of pb: k rows of 4 values. */
    private static void packB(double[] b, int k, int n, int q, double[] pb) {
        for (int p = 0, src = 4 * q, dst = q * k * 4; p < k; p++, src += n, dst += 4) {
            pb[dst] = b[src];
            pb[dst + 1] = b[src + 1];
            pb[dst + 2] = b[src + 2];
            pb[dst + 3] = b[src + 3];
        }
    }

    /** Computes rows [i0, i1) and columns [j0, j1) of the output; j0 is a multiple of 4. */
    private static void block(double[] a, double[] b, double[] pb, double[] c, int k, int n, int i0, int i1, int j0,
            int j1) {
        for (int i = i0; i < i1; i++) {
            Arrays.fill(c, i * n + j0, i * n + j1, 0.0);
        }
        int iTiled = i0 + (i1 - i0) / 4 * 4;
        int jTiled = j0 + (j1 - j0) / 4 * 4;
        for (int p0 = 0; p0 < k; p0 += BLOCK_K) {
            int p1 = Math.min(k, p0 + BLOCK_K);
            for (int i = i0; i < iTiled; i += 4) {
                for (int j = j0; j < jTiled; j += 4) {
                    tile(a, pb, c, k, n, i, j, p0, p1);
                }
            }
            leftOver(a, b, c, k, n, i0, iTiled, jTiled, j1, p0, p1);
            leftOver(a, b, c, k, n, iTiled, i1, j0, j1, p0, p1);
        }
    }

    /** c[i..i+3][j..j+3] += the terms p0 .. p1 - 1, in sixteen registers, from the packed panel of columns j. */
    private static void tile(double[] a, double[] pb, double[] c, int k, int n, int i, int j, int p0, int p1) {
        int o0 = i * n + j;
        int o1 = o0 + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        double c00 = c[o0];
        double c01 = c[o0 + 1];
        double c02 = c[o0 + 2];
        double c03 = c[o0 + 3];
        double c10 = c[o1];
        double c11 = c[o1 + 1];
        double c12 = c[o1 + 2];
        double c13 = c[o1 + 3];
        double c20 = c[o2];
        double c21 = c[o2 + 1];
        double c22 = c[o2 + 2];
        double c23 = c[o2 + 3];
        double c30 = c[o3];
        double c31 = c[o3 + 1];
        double c32 = c[o3 + 2];
        double c33 = c[o3 + 3];
        int a0 = i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        for (int p = p0, bp = ((j / 4) * k + p0) * 4; p < p1; p++, bp += 4) {
            double b0 = pb[bp];
            double b1 = pb[bp + 1];
            double b2 = pb[bp + 2];
            double b3 = pb[bp + 3];
            double x = a[a0 + p];
            c00 = Math.fma(x, b0, c00);
            c01 = Math.fma(x, b1, c01);
            c02 = Math.fma(x, b2, c02);
            c03 = Math.fma(x, b3, c03);
            x = a[a1 + p];
            c10 = Math.fma(x, b0, c10);
            c11 = Math.fma(x, b1, c11);
            c12 = Math.fma(x, b2, c12);
            c13 = Math.fma(x, b3, c13);
            x = a[a2 + p];
            c20 = Math.fma(x, b0, c20);
            c21 = Math.fma(x, b1, c21);
            c22 = Math.fma(x, b2, c22);
            c23 = Math.fma(x, b3, c23);
            x = a[a3 + p];
            c30 = Math.fma(x, b0, c30);
            c31 = Math.fma(x, b1, c31);
            c32 = Math.fma(x, b2, c32);
            c33 = Math.fma(x, b3, c33);
        }
        c[o0] = c00;
        c[o0 + 1] = c01;
        c[o0 + 2] = c02;
        c[o0 + 3] = c03;
        c[o1] = c10;
        c[o1 + 1] = c11;
        c[o1 + 2] = c12;
        c[o1 + 3] = c13;
        c[o2] = c20;
        c[o2 + 1] = c21;
        c[o2 + 2] = c22;
        c[o2 + 3] = c23;
        c[o3] = c30;
        c[o3 + 1] = c31;
        c[o3 + 2] = c32;
        c[o3 + 3] = c33;
    }

    /** c[i][j] += the terms p0 .. p1 - 1 for rows [i0, i1) and columns [j0, j1), one entry at a time. */
    private static void leftOver(double[] a, double[] b, double[] c, int k, int n, int i0, int i1, int j0, int j1,
            int p0, int p1) {
        for (int i = i0; i < i1; i++) {
            for (int j = j0; j < j1; j++) {
                double s = c[i * n + j];
                for (int p = p0; p < p1; p++) {
                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
