package org.tripletgrad.triplet.train;

/**
 * Training stopped because a step gave a loss or embeddings that are NaN or infinite. The model was not updated by
 * that step; the checkpoint of the last completed epoch, if one was written, is left as it was.
 */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long step;
    private final int epoch;
    private final int batch;

    /**
     * A stop at {@code step} (epoch {@code epoch}, batch {@code batch}); the message says what was not finite and
     * which checkpoint is kept.
     */
    public TrainingDivergedException(long step, int epoch, int batch, String message) {
        super(message);
        this.step = step;
        this.epoch = epoch;
        this.batch = batch;
    }

    /** The step whose loss or embeddings were not finite, 0 first (the message counts steps from 1). */
    public long step() {
        return step;
    }

    /** The epoch of that step, 1 first. */
    public int epoch() {
        return epoch;
    }

    /** The batch of that step within its epoch, 0 first. */
    public int batch() {
        return batch;
    }
}
