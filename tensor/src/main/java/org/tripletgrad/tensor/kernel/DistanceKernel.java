package org.tripletgrad.tensor.kernel;

/** The pairwise squared-distance loop behind {@link ArrayOps#pairwiseSquaredDistances}; one implementation a path. */
interface DistanceKernel {
    /**
     * out[i n + r] = sum over j of (a[i][j] - b[r][j])^2 for a (m x d) and b (n x d), as the fma chain in order of j
     * described in {@link ArrayOps}.
     */
    void pairwiseSquaredDistances(double[] a, double[] b, double[] out, int m, int n, int d);

    /** A short name: "vector" or "scalar". */
    String name();
}
