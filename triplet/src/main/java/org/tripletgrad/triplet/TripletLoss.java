package org.tripletgrad.triplet;

import java.util.Objects;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.triplet.fused.FusedBatchAll;
import org.tripletgrad.triplet.fused.FusedBatchHard;

/**
 * The triplet loss of Hermans, Beyer and Leibe, "In Defense of the Triplet Loss for Person Re-Identification"
 * (2017), with batch-hard or batch-all mining.
 *
 * <p>For a batch of N embeddings (N x D) with N labels, and a distance d from a {@link Metric}:
 * <ul>
 *   <li>the positives of anchor a are the other rows with a's label, never a itself; its negatives are the rows with
 *       another label; an anchor with no positive or no negative is not valid and adds nothing;</li>
 *   <li>batch hard (eq. 5) takes, per valid anchor, p* = argmax over positives of d(a, p) and n* = argmin over
 *       negatives of d(a, n), ties to the lowest index; the gradient flows only through d(a, p*) and d(a, n*);</li>
 *   <li>batch all (eq. 6) takes every valid triplet (a, p, n);</li>
 *   <li>each triplet's term is the hinge max(0, margin + d(a, p) - d(a, n)) with margin &gt;= 0, or the soft margin
 *       ln(1 + e^(d(a, p) - d(a, n))), computed so that it stays exact for large gaps (99.5 gives 99.5);</li>
 *   <li>the terms are reduced by a {@link Reduction}; with no valid anchor the loss is exactly 0 and every gradient
 *       is 0.</li>
 * </ul>
 *
 * <pre>{@code
 * TripletLoss loss = TripletLoss.builder().metric(Metric.EUCLIDEAN).margin(0.2).build();
 * LossResult r = loss.apply(embeddings, Labels.of(labels));   // embeddings: a Var of shape N x D
 * r.loss().backward();
 * r.triplets();   // the chosen (a, p, n) per valid anchor
 * r.metrics();    // valid anchors, active fraction, mean hardest distances, mean norm
 * }</pre>
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public final class TripletLoss {
    /** The margin used when none is given. */
    public static final double DEFAULT_MARGIN = 0.2;

    private final Metric metric;
    private final Mining mining;
    private final double margin;
    private final boolean soft;
    private final Reduction reduction;
    private final Implementation implementation;
    private final int threads;

    private TripletLoss(Builder b) {
        this.metric = b.metric;
        this.mining = b.mining;
        this.margin = b.margin;
        this.soft = b.soft;
        this.reduction = b.reduction != null ? b.reduction : b.mining.defaultReduction();
        this.implementation = b.implementation;
        this.threads = b.threads;
    }

    /** A builder starting from the defaults: euclidean, batch hard, hinge with margin 0.2, composed, 1 thread. */
    public static Builder builder() {
        return new Builder();
    }

    /** The batch-hard loss with every default. */
    public static TripletLoss batchHard() {
        return builder().build();
    }

    /**
     * The loss of a batch.
     *
     * @param embeddings N x D
     * @param labels N labels
     * @throws IllegalArgumentException when {@code embeddings} is not 2-D or the labels do not have length N
     */
    public LossResult apply(Var embeddings, Labels labels) {
        if (embeddings.shape().rank() != 2) {
            throw new IllegalArgumentException("triplet loss: expected an N x D embedding, got shape "
                    + embeddings.shape());
        }
        labels.requireSize(embeddings.shape().dim(0), "triplet loss");
        if (implementation == Implementation.FUSED && mining == Mining.BATCH_HARD) {
            return FusedBatchHard.apply(embeddings, labels, metric, soft, margin, reduction, threads);
        }
        Var distances = metric.pairwise(embeddings);
        double meanNorm = BatchMetrics.meanRowNorm(embeddings.value());
        if (implementation == Implementation.FUSED) {
            return FusedBatchAll.apply(distances, labels, soft, margin, reduction, meanNorm);
        }
        return ComposedTripletLoss.apply(this, distances, labels, meanNorm);
    }

    /** The loss of a batch with labels given as an int array. */
    public LossResult apply(Var embeddings, int[] labels) {
        return apply(embeddings, Labels.of(labels));
    }

    /**
     * The loss from a precomputed N x N distance matrix (entry (i, j) the distance from anchor i to row j), composed
     * from autograd ops whatever the configured implementation; the metric setting is not used and the mean
     * embedding norm in the metrics is NaN.
     *
     * @throws IllegalArgumentException when {@code distances} is not square or the labels do not have length N
     */
    public LossResult applyToDistances(Var distances, Labels labels) {
        if (distances.shape().rank() != 2 || distances.shape().dim(0) != distances.shape().dim(1)) {
            throw new IllegalArgumentException("triplet loss: expected a square N x N distance matrix, got shape "
                    + distances.shape());
        }
        labels.requireSize(distances.shape().dim(0), "triplet loss");
        return ComposedTripletLoss.apply(this, distances, labels, Double.NaN);
    }

    /** The per-triplet term of a gap d(a, p) - d(a, n): the hinge or the soft margin. */
    Var term(Var gap) {
        return soft ? gap.softplus() : gap.add(margin).relu();
    }

    /** The distance metric. */
    public Metric metric() {
        return metric;
    }

    /** The mining. */
    public Mining mining() {
        return mining;
    }

    /** The hinge margin; not used by the soft margin. */
    public double margin() {
        return margin;
    }

    /** Whether the soft margin ln(1 + e^gap) replaces the hinge. */
    public boolean isSoft() {
        return soft;
    }

    /** The reduction. */
    public Reduction reduction() {
        return reduction;
    }

    /** Which code computes the loss. */
    public Implementation implementation() {
        return implementation;
    }

    /** The threads the fused batch-hard kernel uses (fused batch-all runs on the calling thread). */
    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return mining + " " + metric + (soft ? " soft-margin" : " margin " + margin) + " reduction " + reduction
                + " (" + implementation + ")";
    }

    /** Configures a {@link TripletLoss}; every setter validates its argument and returns this builder. */
    public static final class Builder {
        private Metric metric = Metric.EUCLIDEAN;
        private Mining mining = Mining.BATCH_HARD;
        private double margin = DEFAULT_MARGIN;
        private boolean marginSet;
        private boolean soft;
        private Reduction reduction;
        private Implementation implementation = Implementation.COMPOSED;
        private int threads = 1;

        private Builder() {
        }

        /** The distance metric (default euclidean). */
        public Builder metric(Metric m) {
            this.metric = Objects.requireNonNull(m, "metric");
            return this;
        }

        /** The mining (default batch hard). */
        public Builder mining(Mining m) {
            this.mining = Objects.requireNonNull(m, "mining");
            return this;
        }

        /**
         * The hinge margin (default 0.2).
         *
         * @throws IllegalArgumentException when {@code m} is negative or not finite
         */
        public Builder margin(double m) {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("triplet loss: expected a finite margin >= 0, got " + m);
            }
            this.margin = m;
            this.marginSet = true;
            return this;
        }

        /** Uses the soft margin ln(1 + e^(d(a, p) - d(a, n))) instead of the hinge. */
        public Builder soft() {
            this.soft = true;
            return this;
        }

        /** The reduction (default: the mining's, mean for batch hard and mean-nonzero for batch all). */
        public Builder reduction(Reduction r) {
            this.reduction = Objects.requireNonNull(r, "reduction");
            return this;
        }

        /** Which code computes the loss (default composed). */
        public Builder implementation(Implementation i) {
            this.implementation = Objects.requireNonNull(i, "implementation");
            return this;
        }

        /**
         * The threads the fused kernel may use (default 1). Its results do not depend on this number.
         *
         * @throws IllegalArgumentException when {@code t} &lt; 1
         */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("triplet loss: expected threads >= 1, got " + t);
            }
            this.threads = t;
            return this;
        }

        /**
         * The configured loss.
         *
         * @throws IllegalArgumentException when both a margin and the soft margin were chosen
         */
        public TripletLoss build() {
            if (soft && marginSet) {
                throw new IllegalArgumentException("triplet loss: a margin and the soft margin exclude each other");
            }
            return new TripletLoss(this);
        }
    }
}
