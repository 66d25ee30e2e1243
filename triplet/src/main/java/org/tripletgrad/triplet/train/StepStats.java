package org.tripletgrad.triplet.train;

/**
 * What one training step did.
 *
 * @param step the step number over the whole run, 0 first
 * @param epoch the epoch, 1 first
 * @param batch the batch within the epoch, 0 first
 * @param loss the loss of the batch, before the update
 * @param activeFraction the fraction of the loss's terms that are &gt; 0 (of the batch-hard part under the curriculum)
 * @param validAnchors the anchors with a positive and a negative in the batch
 * @param spread the mean distance of the batch's embeddings to their centroid ({@link CollapseDetector#spread})
 * @param learningRate the learning rate of the update
 * @param hardWeight the curriculum weight of batch-hard, in [0, 1]
 */
public record StepStats(long step, int epoch, int batch, double loss, double activeFraction, int validAnchors,
        double spread, double learningRate, double hardWeight) {
}
