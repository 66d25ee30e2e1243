package org.tripletgrad.triplet.fused;

import java.lang.System.Logger.Level;

import org.tripletgrad.tensor.kernel.Kernels;

/**
 * Chooses the Gram kernel once, following the tensor kernels' choice ({@link Kernels#vectorInUse()}: the Vector API
 * module is present and {@code -Dtripletgrad.vector=false} was not given), else the plain-Java one. Both give
 * identical results.
 */
final class GramKernels {
    private static final GramKernel SELECTED = select();

    private GramKernels() {
    }

    static GramKernel selected() {
        return SELECTED;
    }

    static GramKernel scalar() {
        return new ScalarGramKernel();
    }

    private static GramKernel select() {
        if (Kernels.vectorInUse()) {
            try {
                return new VectorGramKernel();
            } catch (LinkageError e) {
                System.getLogger(GramKernels.class.getName()).log(Level.DEBUG, "vector Gram kernel unavailable", e);
            }
        }
        return scalar();
    }
}
