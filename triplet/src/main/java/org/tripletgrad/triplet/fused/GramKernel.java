package org.tripletgrad.triplet.fused;

/**
 * Computes a tile of the Gram matrix X X^T for the fused batch-hard kernel.
 *
 * <p>The column side comes packed in strips of {@link #width()} rows of X, each strip stored k-major:
 * {@code panel[(s * d + k) * width + c] = X[s * width + c][k]}, zero beyond the last row. Every entry is the dot
 * product accumulated in the order k = 0, 1, ..., d - 1 with one fused multiply-add per step, starting from 0. So an
 * entry does not depend on where it sits in a tile or which implementation computed it, dot(a, b) equals dot(b, a)
 * bit for bit, and two identical rows give the same value as each row with itself.
 */
interface GramKernel {
    /** How many columns one panel strip holds. */
    int width();

    /**
     * Writes {@code out[(i - i0) * ldo + c] = dot(rows[i], X[s0 * width + c])} for i in [i0, i1) and c in
     * [0, strips * width).
     *
     * @param rows N x d, row-major
     * @param panel the column side, packed as described above
     */
    void multiply(double[] rows, int d, int i0, int i1, double[] panel, int s0, int strips, double[] out, int ldo);

    /** A short name for logs and benchmarks. */
    String name();

    /** dot(a, b) of two rows of {@code x} (N x d) in the order every kernel uses. */
    static double dot(double[] x, int d, int a, int b) {
        double acc = 0;
        for (int k = 0; k < d; k++) {
            acc = Math.fma(x[a * d + k], x[b * d + k], acc);
        }
        return acc;
    }

    /** Packs the rows of {@code x} (n x d) into strips of {@code width} columns, as {@link #multiply} reads them. */
    static double[] pack(double[] x, int n, int d, int width) {
        int strips = (n + width - 1) / width;
        double[] panel = new double[strips * d * width];
        for (int j = 0; j < n; j++) {
            int s = j / width;
            int c = j % width;
            for (int k = 0; k < d; k++) {
                panel[(s * d + k) * width + c] = x[j * d + k];
            }
        }
        return panel;
    }
}
