package org.tripletgrad.triplet.train;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.TripletLoss;

/**
 * The loss of one training step under a {@link Recipe}: batch-hard, batch-all, or the hardness curriculum
 * (1 - w) batchAll + w batchHard with w = min(1, step / (R B)) for R curriculum epochs of B batches.
 *
 * <p>Distances are Euclidean. Both parts use the fused implementation ({@link Implementation#FUSED}, which agrees
 * with the composed form up to rounding): batch-hard never builds the N x N distance matrix and takes the batch-hard
 * mean; batch-all works on the N x N matrix without N x N x N tensors and takes its mean over non-zero terms. While
 * the curriculum weight w is below 1 both are computed; the statistics reported are then those of the batch-hard
 * part, the one the curriculum leads to.
 */
public final class TrainingLoss {
    private final TripletLoss hard;
    private final TripletLoss all;
    private final Mining mining;
    private final long curriculumSteps;

    /**
     * The loss of {@code recipe} for epochs of {@code batchesPerEpoch} batches, the fused kernel using
     * {@code threads} threads (its results do not depend on them).
     */
    public TrainingLoss(Recipe recipe, int batchesPerEpoch, int threads) {
        this(recipe, batchesPerEpoch, threads, Implementation.FUSED);
    }

    /** As {@link #TrainingLoss(Recipe, int, int)} with both parts computed by {@code implementation}. */
    TrainingLoss(Recipe recipe, int batchesPerEpoch, int threads, Implementation implementation) {
        this.mining = recipe.mining();
        this.curriculumSteps = (long) recipe.curriculumEpochs() * batchesPerEpoch;
        this.hard = configure(recipe, Mining.BATCH_HARD).implementation(implementation).threads(threads).build();
        this.all = configure(recipe, Mining.BATCH_ALL).implementation(implementation).build();
    }

    private static TripletLoss.Builder configure(Recipe recipe, Mining mining) {
        TripletLoss.Builder b = TripletLoss.builder().metric(Metric.EUCLIDEAN).mining(mining);
        return recipe.soft() ? b.soft() : b.margin(recipe.margin());
    }

    /** The weight w of the batch-hard part at {@code step}: 1 without a curriculum, 0 for batch-all mining. */
    public double hardWeight(long step) {
        if (mining == Mining.BATCH_ALL) {
            return 0.0;
        }
        return curriculumSteps == 0 ? 1.0 : Math.min(1.0, (double) step / curriculumSteps);
    }

    /** The loss of a batch of embeddings [N, D] with their labels at training step {@code step} (0 first). */
    public StepLoss apply(Var embeddings, Labels labels, long step) {
        if (mining == Mining.BATCH_ALL) {
            LossResult a = all.apply(embeddings, labels);
            return new StepLoss(a.loss(), a.metrics(), 0.0);
        }
        double w = hardWeight(step);
        LossResult h = hard.apply(embeddings, labels);
        if (w == 1.0) {
            return new StepLoss(h.loss(), h.metrics(), w);
        }
        LossResult a = all.apply(embeddings, labels);
        return new StepLoss(a.loss().mul(1 - w).add(h.loss().mul(w)), h.metrics(), w);
    }

    @Override
    public String toString() {
        return "TrainingLoss(" + (mining == Mining.BATCH_ALL ? all : hard) + (curriculumSteps > 0
                ? ", curriculum from batch-all over " + curriculumSteps + " steps" : "") + ")";
    }
}
