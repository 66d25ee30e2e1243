package org.tripletgrad.tensor.kernel;

/** Chooses the kernel implementations once, at class initialisation. */
public final class Kernels {
    private static final MatMulKernel MATMUL = new ScalarMatMul();

    private Kernels() {
    }

    /** The matrix-product kernel in use. */
    public static MatMulKernel matmul() {
        return MATMUL;
    }
}
