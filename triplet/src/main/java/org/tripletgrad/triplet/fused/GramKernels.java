package org.tripletgrad.triplet.fused;

import java.lang.System.Logger.Level;

/**
 * Chooses the Gram kernel once: the Vector API one when the {@code jdk.incubator.vector} module is present (and the
 * system property {@code tripletgrad.scalar} is not "true"), else the plain-Java one. Both give identical results.
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
        if (!Boolean.getBoolean("tripletgrad.scalar")
                && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return new VectorGramKernel();
            } catch (LinkageError e) {
                System.getLogger(GramKernels.class.getName()).log(Level.DEBUG, "vector Gram kernel unavailable", e);
            }
        }
        return scalar();
    }
}
