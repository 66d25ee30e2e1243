package org.tripletgrad.autograd.nn;

import java.util.Map;

import org.tripletgrad.autograd.Var;

/**
 * Scales each row (the last dimension) to unit Euclidean length: y = x / max(||x||, eps), as PyTorch's
 * {@code F.normalize}.
 *
 * <p>Composed from autograd primitives: ||x|| = maskedSqrt(sum(x * x)), whose gradient is 0 rather than NaN at an
 * all-zero row, then {@code clampMin(eps)}, so that a row shorter than eps is divided by eps (an all-zero row stays
 * 0) and its Jacobian is I / eps, as in PyTorch. Where ||x|| &gt; eps the Jacobian is (I - y y^T) / ||x||.
 * No parameters.
 */
public final class L2Normalize implements Module {
    /** PyTorch's default eps for {@code F.normalize}. */
    public static final double DEFAULT_EPS = 1e-12;

    private final double eps;

    /** Normalisation with eps = {@value #DEFAULT_EPS}. */
    public L2Normalize() {
        this(DEFAULT_EPS);
    }

    /**
     * Normalisation with the given floor on the norm.
     *
     * @throws IllegalArgumentException when eps is not positive
     */
    public L2Normalize(double eps) {
        if (!(eps > 0)) {
            throw new IllegalArgumentException("L2Normalize: expected eps > 0, got " + eps);
        }
        this.eps = eps;
    }

    /** The floor on the norm. */
    public double eps() {
        return eps;
    }

    @Override
    public Var forward(Var x) {
        Var norm = x.mul(x).sum(-1, true).maskedSqrt();
        return x.div(norm.clampMin(eps));
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "L2Normalize(eps=" + eps + ")";
    }
}
