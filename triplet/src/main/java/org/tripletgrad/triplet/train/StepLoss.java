package org.tripletgrad.triplet.train;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.triplet.BatchMetrics;

/**
 * The loss of one training step, as {@link TrainingLoss} computes it.
 *
 * @param loss the scalar loss, a graph value to call {@code backward()} on
 * @param metrics the batch metrics of the batch-hard part (of the batch-all loss for batch-all mining)
 * @param hardWeight the curriculum weight w of the batch-hard part, in [0, 1]
 */
public record StepLoss(Var loss, BatchMetrics metrics, double hardWeight) {
    /** The loss's value. */
    public double value() {
        return loss.item();
    }
}
