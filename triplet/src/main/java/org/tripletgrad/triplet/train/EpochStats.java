package org.tripletgrad.triplet.train;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tripletgrad.triplet.eval.RetrievalEvaluator;
import org.tripletgrad.triplet.eval.RetrievalMetrics;

/**
 * What one epoch did: the means of its steps' statistics, the retrieval metrics of the test set after it, and how
 * long it took.
 *
 * @param epoch the epoch, 1 first
 * @param loss the mean loss of its steps
 * @param activeFraction the mean active fraction of its steps
 * @param validAnchors the mean number of valid anchors per batch
 * @param spread the mean spread of the batch embeddings
 * @param metrics the retrieval metrics of the test set embedded after the epoch
 * @param seconds the wall-clock time of the epoch's training steps
 * @param evalSeconds the wall-clock time of embedding and evaluating the test set
 */
public record EpochStats(int epoch, double loss, double activeFraction, double validAnchors, double spread,
        RetrievalMetrics metrics, double seconds, double evalSeconds) {

    /** The number of values {@link #toRow} gives and {@link #fromRow} reads. */
    public static final int ROW_LENGTH = 11 + RetrievalEvaluator.RECALL_KS.length;

    /**
     * The values as one row of numbers, for a checkpoint: epoch, loss, active fraction, valid anchors, spread,
     * precision@1, recall@k for each k of {@link RetrievalEvaluator#RECALL_KS}, mAP, queries, excluded, seconds and
     * evaluation seconds.
     */
    public double[] toRow() {
        int[] ks = RetrievalEvaluator.RECALL_KS;
        double[] row = new double[ROW_LENGTH];
        row[0] = epoch;
        row[1] = loss;
        row[2] = activeFraction;
        row[3] = validAnchors;
        row[4] = spread;
        row[5] = metrics.precisionAt1();
        for (int i = 0; i < ks.length; i++) {
            row[6 + i] = metrics.recallAt(ks[i]);
        }
        int at = 6 + ks.length;
        row[at] = metrics.meanAveragePrecision();
        row[at + 1] = metrics.queries();
        row[at + 2] = metrics.excluded();
        row[at + 3] = seconds;
        row[at + 4] = evalSeconds;
        return row;
    }

    /**
     * The statistics stored by {@link #toRow}, from {@code values} starting at {@code offset}.
     *
     * @throws IllegalArgumentException when fewer than {@link #ROW_LENGTH} values follow the offset
     */
    public static EpochStats fromRow(double[] values, int offset) {
        if (offset < 0 || values.length - offset < ROW_LENGTH) {
            throw new IllegalArgumentException("epoch stats: expected " + ROW_LENGTH + " values from offset "
                    + offset + ", got " + (values.length - offset));
        }
        int[] ks = RetrievalEvaluator.RECALL_KS;
        Map<Integer, Double> recall = new LinkedHashMap<>();
        for (int i = 0; i < ks.length; i++) {
            recall.put(ks[i], values[offset + 6 + i]);
        }
        int at = offset + 6 + ks.length;
        RetrievalMetrics m = new RetrievalMetrics(values[offset + 5], recall, values[at], (int) values[at + 1],
                (int) values[at + 2]);
        return new EpochStats((int) values[offset], values[offset + 1], values[offset + 2], values[offset + 3],
                values[offset + 4], m, values[at + 3], values[at + 4]);
    }
}
