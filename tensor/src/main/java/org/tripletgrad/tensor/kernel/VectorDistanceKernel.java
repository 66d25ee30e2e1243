package org.tripletgrad.tensor.kernel;

/**
 * The Vector API pairwise squared distances: the squared-difference register tiles of {@link VectorTiles}, with the
 * points of b packed as the columns of the B panels. Small inputs go to the plain loop, which is faster there than
 * packing.
 */
final class VectorDistanceKernel implements DistanceKernel {
    /** Below this many terms packing costs more than it saves. */
    private static final long SMALL_TERMS = 4096;

    private final ScalarDistanceKernel scalar = new ScalarDistanceKernel();

    @Override
    public void pairwiseSquaredDistances(double[] a, double[] b, double[] out, int m, int n, int d) {
        if (m == 0 || n == 0) {
            return;
        }
        if (d == 0 || (long) m * n * d < SMALL_TERMS) {
            scalar.pairwiseSquaredDistances(a, b, out, m, n, d);
            return;
        }
        VectorPanels.run(a, b, true, out, m, d, n, true);
    }

    @Override
    public String name() {
        return "vector";
    }
}
