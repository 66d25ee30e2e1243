package org.tripletgrad.triplet.train;

import java.util.Locale;
import java.util.Optional;

import org.tripletgrad.tensor.Tensor;

/**
 * Watches per-batch training statistics and says when the embeddings have collapsed, the failure mode of plain
 * batch-hard mining in which every input maps to (nearly) the same point.
 *
 * <p>Two signs are watched over the last {@code window} batches:
 * <ul>
 *   <li>the spread of the batch embeddings (see {@link #spread(Tensor)}) stays below {@code spreadRatio} times the
 *       largest spread seen so far, or below 1e-9 outright: the points are falling together;
 *   <li>the loss stays within a relative {@code lossTolerance} of the collapsed value (the margin for the hinge loss,
 *       ln 2 for the soft margin: what d(a, p) = d(a, n) gives) while the active fraction varies by at most
 *       {@code activeTolerance}: the loss is stuck, no active term is moving it.
 * </ul>
 * When either holds over a full window, {@link #observe} returns a warning with a hint, once; it warns again only
 * after the signs have cleared and come back. Non-finite statistics never count as collapse (the training loop stops
 * on a non-finite loss by itself).
 */
public final class CollapseDetector {
    /** The default number of consecutive batches a sign must persist. */
    public static final int DEFAULT_WINDOW = 50;
    /** The default fraction of the largest spread below which the spread counts as collapsed. */
    public static final double DEFAULT_SPREAD_RATIO = 1e-3;
    /** The default relative distance of the loss from its collapsed value. */
    public static final double DEFAULT_LOSS_TOLERANCE = 1e-3;
    /** The default range of the active fraction over the window that counts as not moving. */
    public static final double DEFAULT_ACTIVE_TOLERANCE = 1e-2;

    private static final double TINY_SPREAD = 1e-9;
    private static final String HINT = "try L2-normalised embeddings, a lower learning rate, or batch-all mining";

    private final double collapsedLoss;
    private final String lossName;
    private final int window;
    private final double spreadRatio;
    private final double lossTolerance;
    private final double activeTolerance;

    private final double[] spreads;
    private final double[] losses;
    private final double[] actives;
    private long seen;
    private double largestSpread;
    private boolean collapsed;

    /**
     * A detector for a loss whose collapsed value is {@code collapsedLoss} (described as {@code lossName} in
     * messages, e.g. "the margin").
     *
     * @throws IllegalArgumentException when window &lt; 1 or a ratio or tolerance is negative or not finite
     */
    public CollapseDetector(double collapsedLoss, String lossName, int window, double spreadRatio,
            double lossTolerance, double activeTolerance) {
        if (window < 1) {
            throw new IllegalArgumentException("collapse detector: expected a window of at least 1, got " + window);
        }
        for (double v : new double[] {collapsedLoss, spreadRatio, lossTolerance, activeTolerance}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("collapse detector: expected finite values >= 0, got "
                        + collapsedLoss + ", " + spreadRatio + ", " + lossTolerance + ", " + activeTolerance);
            }
        }
        this.collapsedLoss = collapsedLoss;
        this.lossName = lossName;
        this.window = window;
        this.spreadRatio = spreadRatio;
        this.lossTolerance = lossTolerance;
        this.activeTolerance = activeTolerance;
        this.spreads = new double[window];
        this.losses = new double[window];
        this.actives = new double[window];
    }

    /** A detector for the hinge loss max(0, margin + d(a, p) - d(a, n)), which collapses to the margin. */
    public static CollapseDetector hinge(double margin) {
        return new CollapseDetector(margin, "the margin", DEFAULT_WINDOW, DEFAULT_SPREAD_RATIO,
                DEFAULT_LOSS_TOLERANCE, DEFAULT_ACTIVE_TOLERANCE);
    }

    /** A detector for the soft margin ln(1 + exp(d(a, p) - d(a, n))), which collapses to ln 2. */
    public static CollapseDetector softMargin() {
        return new CollapseDetector(Math.log(2), "ln 2", DEFAULT_WINDOW, DEFAULT_SPREAD_RATIO,
                DEFAULT_LOSS_TOLERANCE, DEFAULT_ACTIVE_TOLERANCE);
    }

    /**
     * The spread of a batch of embeddings [n, d]: the mean Euclidean distance of the rows to their centroid. It is 0
     * exactly when every row is the same point.
     */
    public static double spread(Tensor embeddings) {
        if (embeddings.rank() != 2 || embeddings.dim(0) == 0) {
            throw new IllegalArgumentException("spread: expected a non-empty [n, d] batch, got shape "
                    + embeddings.shape());
        }
        int n = embeddings.dim(0);
        int d = embeddings.dim(1);
        double[] x = embeddings.data();
        double[] centroid = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                centroid[k] += x[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            centroid[k] /= n;
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                double e = x[i * d + k] - centroid[k];
                s += e * e;
            }
            total += Math.sqrt(s);
        }
        return total / n;
    }

    /**
     * Records one batch and returns a warning with a hint when this batch completes a window of collapse signs for
     * the first time since they were last absent.
     *
     * @param step the step number, quoted in the warning
     */
    public Optional<String> observe(long step, double loss, double activeFraction, double spread) {
        int at = (int) (seen % window);
        spreads[at] = spread;
        losses[at] = loss;
        actives[at] = activeFraction;
        seen++;
        if (Double.isFinite(spread)) {
            largestSpread = Math.max(largestSpread, spread);
        }
        String reason = seen < window ? null : reason();
        if (reason == null) {
            collapsed = false;
            return Optional.empty();
        }
        if (collapsed) {
            return Optional.empty();
        }
        collapsed = true;
        return Optional.of(String.format(Locale.ROOT, "step %d: the embeddings have collapsed: %s; %s", step, reason,
                HINT));
    }

    /** Whether the signs of collapse held over the last full window. */
    public boolean collapsed() {
        return collapsed;
    }

    private String reason() {
        double maxSpread = 0;
        boolean spreadsFinite = true;
        double lossOff = 0;
        double activeMin = Double.POSITIVE_INFINITY;
        double activeMax = Double.NEGATIVE_INFINITY;
        boolean lossFinite = true;
        for (int i = 0; i < window; i++) {
            spreadsFinite &= Double.isFinite(spreads[i]);
            maxSpread = Math.max(maxSpread, spreads[i]);
            lossFinite &= Double.isFinite(losses[i]) && Double.isFinite(actives[i]);
            lossOff = Math.max(lossOff, Math.abs(losses[i] - collapsedLoss));
            activeMin = Math.min(activeMin, actives[i]);
            activeMax = Math.max(activeMax, actives[i]);
        }
        if (spreadsFinite && (maxSpread < TINY_SPREAD || maxSpread < spreadRatio * largestSpread)) {
            return String.format(Locale.ROOT, "over the last %d batches their spread stayed below %.3g, from %.3g at"
                    + " its largest, so every input maps to nearly one point", window, maxSpread, largestSpread);
        }
        if (lossFinite && lossOff <= lossTolerance * collapsedLoss && activeMax - activeMin <= activeTolerance) {
            return String.format(Locale.ROOT, "over the last %d batches the loss sat at %.4g (%s, what d(a,p) ="
                    + " d(a,n) gives) with the active fraction fixed near %.3f", window, collapsedLoss, lossName,
                    activeMax);
        }
        return null;
    }
}
