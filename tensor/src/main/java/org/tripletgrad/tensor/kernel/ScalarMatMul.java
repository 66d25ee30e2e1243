package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

/** The plain-Java matrix product: an i-k-j loop over blocks of k, which the JIT can auto-vectorise in part. */
final class ScalarMatMul implements MatMulKernel {
    private static final int BLOCK_K = 256;

    @Override
    public void multiply(double[] a, double[] b, double[] c, int m, int k, int n) {
        Arrays.fill(c, 0, m * n, 0.0);
        for (int k0 = 0; k0 < k; k0 += BLOCK_K) {
            int k1 = Math.min(k, k0 + BLOCK_K);
            for (int i = 0; i < m; i++) {
                int ci = i * n;
                for (int p = k0; p < k1; p++) {
                    double aip = a[i * k + p];
                    int bp = p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
