package org.tripletgrad.autograd.optim;

/**
 * The schedule of Hermans, Beyer and Leibe ("In Defense of the Triplet Loss for Person Re-Identification", 2017):
 * constant, then exponential decay to a fraction of the initial rate.
 * <pre>
 *   lr(t) = lr0                                    for t &lt;= t0
 *   lr(t) = lr0 * f^((t - t0) / (t1 - t0))          for t0 &lt;= t &lt;= t1
 *   lr(t) = lr0 * f                                for t &gt;= t1
 * </pre>
 * with f = 0.001 in the paper (which trained up to t1 and did not define the rate beyond; here it stays at its final
 * value). The paper's setting was lr0 = 3e-4, t0 = 15000, t1 = 25000.
 */
public final class ExponentialDecay implements LearningRateSchedule {
    /** The paper's final fraction of the initial rate. */
    public static final double PAPER_FACTOR = 0.001;

    private final double lr0;
    private final long t0;
    private final long t1;
    private final double factor;

    /** The paper's schedule: decay from lr0 at step t0 to lr0 * 0.001 at step t1. */
    public ExponentialDecay(double lr0, long t0, long t1) {
        this(lr0, t0, t1, PAPER_FACTOR);
    }

    /**
     * Decay from lr0 at step t0 to lr0 * factor at step t1.
     *
     * @throws IllegalArgumentException when lr0 is negative, t0 is negative, t1 &lt;= t0, or factor is outside (0, 1]
     */
    public ExponentialDecay(double lr0, long t0, long t1, double factor) {
        if (!(lr0 >= 0) || Double.isInfinite(lr0)) {
            throw new IllegalArgumentException("ExponentialDecay: expected a finite lr0 >= 0, got " + lr0);
        }
        if (t0 < 0 || t1 <= t0) {
            throw new IllegalArgumentException("ExponentialDecay: expected 0 <= t0 < t1, got t0 = " + t0
                    + ", t1 = " + t1);
        }
        if (!(factor > 0 && factor <= 1)) {
            throw new IllegalArgumentException("ExponentialDecay: expected a factor in (0, 1], got " + factor);
        }
        this.lr0 = lr0;
        this.t0 = t0;
        this.t1 = t1;
        this.factor = factor;
    }

    @Override
    public double rate(long step) {
        if (step <= t0) {
            return lr0;
        }
        if (step >= t1) {
            return lr0 * factor;
        }
        return lr0 * Math.pow(factor, (double) (step - t0) / (t1 - t0));
    }

    @Override
    public String toString() {
        return "ExponentialDecay(lr0=" + lr0 + ", t0=" + t0 + ", t1=" + t1 + ", factor=" + factor + ")";
    }
}
