package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/**
 * Started in a child JVM by {@link NarrowVectorTilesTest} with narrowed vectors: checks the Vector API kernels
 * against the fma-chain loops on shapes around the tile sizes and prints "ok" or the first mismatch.
 */
final class NarrowVectorProbe {
    private NarrowVectorProbe() {
    }

    public static void main(String[] args) {
        MatMulKernel matmul = Kernels.vectorMatMul().orElseThrow();
        DistanceKernel distances = Kernels.vectorDistances();
        int[] sizes = {1, 3, 4, 5, 11, 12, 13, 17, 40, 67, 300};
        long seed = 1;
        for (int m : sizes) {
            for (int k : sizes) {
                for (int n : sizes) {
                    double[] a = NaiveLoops.uniform(seed++, m * k);
                    double[] b = NaiveLoops.uniform(seed++, k * n);
                    double[] c = new double[m * n];
                    matmul.multiply(a, b, c, m, k, n);
                    if (!Arrays.equals(c, NaiveLoops.matmul(a, b, m, k, n, NaiveLoops.FMA))) {
                        System.out.println("matmul differs at " + m + "x" + k + "x" + n);
                        return;
                    }
                    double[] bt = NaiveLoops.uniform(seed++, n * k);
                    distances.pairwiseSquaredDistances(a, bt, c, m, n, k);
                    if (!Arrays.equals(c, NaiveLoops.squaredDistances(a, bt, m, n, k, NaiveLoops.FMA))) {
                        System.out.println("distances differ at " + m + "x" + n + "x" + k);
                        return;
                    }
                }
            }
        }
        System.out.println("ok " + matmul);
    }
}
