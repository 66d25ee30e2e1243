package org.tripletgrad.triplet;

import org.tripletgrad.autograd.Var;

/**
 * How far apart two embeddings are. Each metric builds the N x N matrix of pairwise distances between the rows of
 * an N x D embedding from autograd ops, so that every gradient through it is the engine's own.
 *
 * <p>The squared Euclidean distance is computed by the expansion |a|^2 - 2 a.b + |b|^2 from the Gram matrix
 * G = X X^T, taking |a|^2 from G's diagonal so that two identical rows give exactly 0 (this relies on the matrix
 * product computing every entry by the same arithmetic wherever it sits, which the kernels do; a test pins it).
 * Round-off can make the expansion slightly negative; a relu clamps it to 0 (with gradient 0 there, PyTorch's
 * convention at the kink). The expansion loses relative accuracy for rows that are close compared with their norms
 * (about 1e-16 |a|^2 / d^2); translate such data towards the origin first.
 */
public enum Metric {
    /** ||a - b||: the square root of the clamped expansion, through the masked root so that d = 0 has gradient 0. */
    EUCLIDEAN("euclidean") {
        @Override
        public Var pairwise(Var embeddings) {
            return squaredDistances(embeddings).maskedSqrt();
        }
    },
    /** ||a - b||^2: the clamped expansion without the root. */
    SQEUCLIDEAN("sqeuclidean") {
        @Override
        public Var pairwise(Var embeddings) {
            return squaredDistances(embeddings);
        }
    },
    /** 1 - a.b / (max(|a|, 1e-12) max(|b|, 1e-12)): one minus the cosine similarity, norms clamped below. */
    COSINE("cosine") {
        @Override
        public Var pairwise(Var embeddings) {
            requireMatrix(embeddings);
            Var norms = embeddings.square().sum(1, true).maskedSqrt().clampMin(NORM_EPS);
            Var unit = embeddings.div(norms);
            return Var.constant(1.0).sub(unit.matmul(unit.t()));
        }
    };

    /** The lower clamp on norms in {@link #COSINE}, as in PyTorch's {@code F.normalize}. */
    public static final double NORM_EPS = 1e-12;

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /**
     * The N x N matrix of distances between the rows of {@code embeddings} (N x D); entry (i, j) is d(row i, row j).
     *
     * @throws IllegalArgumentException when {@code embeddings} is not 2-D
     */
    public abstract Var pairwise(Var embeddings);

    /** The name used on the command line and in files: "euclidean", "sqeuclidean" or "cosine". */
    public String id() {
        return id;
    }

    /**
     * The metric named {@code id} (as {@link #id()} spells it).
     *
     * @throws IllegalArgumentException naming the accepted names when {@code id} is none of them
     */
    public static Metric parse(String id) {
        return Ids.parse(values(), Metric::id, "metric", id);
    }

    private static Var squaredDistances(Var x) {
        requireMatrix(x);
        Var gram = x.matmul(x.t());
        Var sq = gram.diagonal();
        Var col = sq.unsqueeze(1);
        Var row = sq.unsqueeze(0);
        return col.sub(gram.mul(2.0)).add(row).relu();
    }

    private static void requireMatrix(Var x) {
        if (x.shape().rank() != 2) {
            throw new IllegalArgumentException("pairwise distances: expected an N x D embedding, got shape "
                    + x.shape());
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
