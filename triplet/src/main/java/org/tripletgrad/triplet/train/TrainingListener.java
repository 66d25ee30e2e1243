package org.tripletgrad.triplet.train;

import java.nio.file.Path;

/**
 * Receives a {@link Trainer}'s progress, on the training thread, in this order: {@link #runStarting} once, then per
 * epoch {@link #epochStarting}, {@link #stepDone} for each batch, {@link #evaluating}, {@link #epochDone} and, when
 * the run keeps a checkpoint, {@link #checkpointWritten}. {@link #warning} may come after any step. Every method
 * does nothing by default.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * The run is about to train epochs {@code firstEpoch} to {@code lastEpoch} (1 first; firstEpoch &gt; lastEpoch
     * when a resumed run has nothing left to do) of {@code batchesPerEpoch} batches each.
     */
    default void runStarting(int firstEpoch, int lastEpoch, int batchesPerEpoch) {
    }

    /** Epoch {@code epoch} starts. */
    default void epochStarting(int epoch) {
    }

    /** A training step is done: the model has been updated. */
    default void stepDone(StepStats step) {
    }

    /** The epoch's steps are done; the test set is being embedded and evaluated. */
    default void evaluating(int epoch) {
    }

    /** The epoch is done and evaluated. */
    default void epochDone(EpochStats epoch) {
    }

    /** The checkpoint after {@code epoch} has been written to {@code file}. */
    default void checkpointWritten(int epoch, Path file) {
    }

    /** Something the user should know, with a hint what to do: for example that the embeddings have collapsed. */
    default void warning(String message) {
    }
}
