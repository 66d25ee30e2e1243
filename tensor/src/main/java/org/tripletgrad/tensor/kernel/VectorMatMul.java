package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/**
 * The Vector API matrix product: register tiles over packed panels of A and B (see {@link VectorPanels} and
 * {@link VectorTiles}).
 *
 * <p>Every output entry is the chain {@code c = fma(a[i][p], b[p][j], c)} over p = 0, 1, ..., k - 1 from c = 0, so
 * the result equals {@link ScalarMatMul}'s bit for bit, whatever the number of threads. Products with few
 * multiply-adds go to the plain loop, which is faster there than packing. Zeros are multiplied like any other value,
 * so NaN and infinity propagate as IEEE 754 says.
 */
final class VectorMatMul implements MatMulKernel {
    /** Below this many multiply-adds packing costs more than it saves. */
    private static final long SMALL_FMAS = 4096;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, 0, m * n, 0.0);
            return;
        }
        if ((long) m * n * k < SMALL_FMAS) {
            Kernels.scalarMatMul().multiply(a, b, c, m, k, n);
            return;
        }
        VectorPanels.run(a, b, false, c, m, k, n, false);
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public String toString() {
        return "vector (" + VectorPanels.L + " float64 lanes, " + VectorPanels.MR + " x " + VectorPanels.NR
                + " register tile)";
    }
}
