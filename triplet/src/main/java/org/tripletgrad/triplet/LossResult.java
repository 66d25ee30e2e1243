package org.tripletgrad.triplet;

import java.util.List;
import java.util.function.Supplier;

import org.tripletgrad.autograd.Var;

/**
 * What a {@link TripletLoss} call returns: the loss as a graph value, the triplets it is made of, the per-anchor
 * terms and the batch metrics.
 */
public final class LossResult {
    private final Var loss;
    private final Mining mining;
    private final HardestTriplets hardest;
    private final Supplier<List<Triplet>> triplets;
    private final double[] anchorTerms;
    private final BatchMetrics metrics;
    private final Var distances;

    /**
     * A result; built by the loss implementations.
     *
     * @param loss the scalar loss
     * @param mining the mining that chose the triplets
     * @param hardest the batch-hard choice of every anchor
     * @param triplets computes the triplets in the loss when asked (batch all can have N^3 of them)
     * @param anchorTerms per anchor, its term (batch hard) or the sum of its triplets' terms (batch all); 0 when not
     *     valid
     * @param metrics the batch metrics
     * @param distances the N x N distance matrix in the graph, or null when the implementation does not build one
     */
    public LossResult(Var loss, Mining mining, HardestTriplets hardest, Supplier<List<Triplet>> triplets,
            double[] anchorTerms, BatchMetrics metrics, Var distances) {
        this.loss = loss;
        this.mining = mining;
        this.hardest = hardest;
        this.triplets = triplets;
        this.anchorTerms = anchorTerms;
        this.metrics = metrics;
        this.distances = distances;
    }

    /** The loss, a scalar graph value: call {@code backward()} on it. */
    public Var loss() {
        return loss;
    }

    /** The loss's value. */
    public double value() {
        return loss.item();
    }

    /** The mining that chose the triplets. */
    public Mining mining() {
        return mining;
    }

    /** The batch-hard choice of every anchor (computed for batch all too, for the metrics). */
    public HardestTriplets hardest() {
        return hardest;
    }

    /**
     * The triplets in the loss: for batch hard, the chosen triplet of each valid anchor in anchor order; for batch
     * all, every valid triplet ordered by anchor, then positive, then negative.
     */
    public List<Triplet> triplets() {
        return triplets.get();
    }

    /** Per anchor, its term in the loss before reduction (batch all: the sum of its triplets' terms); a copy. */
    public double[] anchorTerms() {
        return anchorTerms.clone();
    }

    /** The batch metrics. */
    public BatchMetrics metrics() {
        return metrics;
    }

    /**
     * The N x N distance matrix the loss was computed from, as a graph value (call {@code retainGrad()} on it before
     * backward to see d loss / d distance); null for the fused kernel, which never builds it.
     */
    public Var distances() {
        return distances;
    }

    @Override
    public String toString() {
        return "loss " + value() + " over " + metrics.terms() + " terms, " + metrics.validAnchors() + " of "
                + metrics.anchors() + " anchors valid";
    }
}
