package org.tripletgrad.tensor.kernel;

/** A dense row-major float64 matrix product, C = A B. */
public interface MatMulKernel {
    /**
     * Writes the product of {@code a} (m x k) and {@code b} (k x n) into {@code c} (m x n), overwriting it.
     * All three arrays are row-major and dense; {@code c} must not alias {@code a} or {@code b}.
     */
    void multiply(double[] a, double[] b, double[] c, int m, int k, int n);

    /** A short name for logs and benchmarks, such as "vector" or "scalar". */
    String name();
}
