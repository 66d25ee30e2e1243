package org.tripletgrad.triplet.train;

import java.util.List;

import org.tripletgrad.triplet.eval.RetrievalMetrics;

/**
 * What a training run produced: the trained model and the history of every epoch and step since the run began
 * (including the epochs before a resume).
 *
 * @param model the trained model
 * @param epochs the statistics of each completed epoch, in order
 * @param stepLoss the loss of every step, in order
 * @param stepActiveFraction the active fraction of every step, in order
 */
public record TrainingResult(EmbeddingModel model, List<EpochStats> epochs, double[] stepLoss,
        double[] stepActiveFraction) {

    /** Copies the epoch list. */
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    /**
     * The retrieval metrics after the last epoch.
     *
     * @throws IllegalStateException when no epoch has been completed
     */
    public RetrievalMetrics finalMetrics() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("training result: no epoch was completed");
        }
        return epochs.get(epochs.size() - 1).metrics();
    }
}
