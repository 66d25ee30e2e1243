package org.tripletgrad.autograd.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.tripletgrad.tensor.Shape;

/**
 * The outcome of a {@link GradCheck}: whether every comparison passed, the largest absolute and relative errors, and
 * the worst comparison, the one furthest outside (or closest to the edge of) its tolerance
 * {@code atol + rtol * |numeric|}.
 *
 * <p>The relative error of a comparison is {@code |a - n| / |n|}; it is 0 when both are equal and infinite when only
 * the numeric derivative is exactly 0. {@link #toString()} describes the outcome in one line.
 */
public final class GradCheckReport {
    private final GradCheck check;
    private final List<Shape> inputShapes;
    private final Shape outputShape;
    private final int comparisons;
    private final int failures;
    private final double maxAbsError;
    private final double maxRelError;
    private final Element worst;

    private GradCheckReport(Builder b) {
        this.check = b.check;
        this.inputShapes = List.copyOf(b.inputShapes);
        this.outputShape = b.outputShape;
        this.comparisons = b.comparisons;
        this.failures = b.failures;
        this.maxAbsError = b.maxAbsError;
        this.maxRelError = b.maxRelError;
        this.worst = b.worst;
    }

    /**
     * One comparison of an analytic derivative with its numeric estimate.
     *
     * @param input the input's position, or -1 for a random direction (which spans every input)
     * @param flatIndex the element's row-major index within its input, or -1 for a random direction
     * @param direction the random direction's number, or -1 for an element
     * @param analytic the derivative from backward (for a direction, {@code v . grad})
     * @param numeric the central-difference estimate
     * @param absError {@code |analytic - numeric|}
     * @param relError {@code absError / |numeric|}
     * @param tolerance {@code atol + rtol * |numeric|}
     */
    public record Element(int input, int flatIndex, int[] index, int direction, double analytic, double numeric,
            double absError, double relError, double tolerance) {

        /** The element's index, one coordinate per dimension of its input; empty for a random direction. */
        @Override
        public int[] index() {
            return index.clone();
        }

        /** Whether {@code absError <= tolerance} (false when either side is NaN or infinite). */
        public boolean passed() {
            return absError <= tolerance && Double.isFinite(analytic) && Double.isFinite(numeric);
        }

        /** What was compared: for example {@code input 1 [0, 2] (flat 2)} or {@code direction 3}. */
        public String where() {
            return direction >= 0 ? "direction " + direction
                    : "input " + input + " " + Arrays.toString(index) + " (flat " + flatIndex + ")";
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: analytic %.10g, numeric %.10g, abs error %.3g, rel error %.3g",
                    where(), analytic, numeric, absError, relError);
        }
    }

    /** Whether every comparison passed. */
    public boolean passed() {
        return failures == 0;
    }

    /** The check's settings: mode, eps, tolerances, seed. */
    public GradCheck check() {
        return check;
    }

    /** The shapes of the inputs, in order. */
    public List<Shape> inputShapes() {
        return inputShapes;
    }

    /** The shape of the function's output (reduced by a random weighted sum when it has more than one element). */
    public Shape outputShape() {
        return outputShape;
    }

    /** How many comparisons were made: one per input element, or one per random direction. */
    public int comparisons() {
        return comparisons;
    }

    /** How many comparisons failed. */
    public int failures() {
        return failures;
    }

    /** The largest {@code |analytic - numeric|}; infinite when some side was NaN or infinite. */
    public double maxAbsError() {
        return maxAbsError;
    }

    /** The largest {@code |analytic - numeric| / |numeric|}. */
    public double maxRelError() {
        return maxRelError;
    }

    /** The comparison with the largest ratio of error to tolerance; null only when no comparison was made. */
    public Element worst() {
        return worst;
    }

    @Override
    public String toString() {
        String rule = String.format(Locale.ROOT, "|a - n| <= %.3g + %.3g |n|, eps %.3g", check.atol(), check.rtol(),
                check.eps());
        String what = check.mode() == GradCheck.Mode.EVERY_ELEMENT ? "every element" : "random directions";
        String head = passed() ? "gradcheck passed" : "gradcheck FAILED, " + failures + " of";
        return String.format(Locale.ROOT, "%s %d comparisons (%s, %s) of inputs %s: max abs error %.3g, max rel error"
                + " %.3g; worst %s", head, comparisons, what, rule, inputShapes, maxAbsError, maxRelError, worst);
    }

    /** Collects comparisons; used by {@link GradCheck}. */
    static final class Builder {
        private final GradCheck check;
        private final List<Shape> inputShapes;
        private final Shape outputShape;
        private int comparisons;
        private int failures;
        private double maxAbsError;
        private double maxRelError;
        private double worstRatio = -1;
        private Element worst;

        Builder(GradCheck check, List<Shape> inputShapes, Shape outputShape) {
            this.check = check;
            this.inputShapes = inputShapes;
            this.outputShape = outputShape;
        }

        void compare(int input, int flat, int direction, double analytic, double numeric) {
            double abs = Math.abs(analytic - numeric);
            if (Double.isNaN(abs)) {
                abs = Double.POSITIVE_INFINITY;
            }
            double rel = abs == 0 ? 0 : abs / Math.abs(numeric);
            double tolerance = check.atol() + check.rtol() * Math.abs(numeric);
            int[] index = input >= 0 ? inputShapes.get(input).unravel(flat) : new int[0];
            Element e = new Element(input, flat, index, direction, analytic, numeric, abs, rel, tolerance);
            comparisons++;
            if (!e.passed()) {
                failures++;
            }
            maxAbsError = Math.max(maxAbsError, abs);
            maxRelError = Math.max(maxRelError, Double.isNaN(rel) ? Double.POSITIVE_INFINITY : rel);
            double ratio;
            if (e.passed()) {
                ratio = abs == 0 ? 0 : abs / tolerance;
            } else {
                ratio = Double.isFinite(abs) && tolerance > 0 ? abs / tolerance : Double.POSITIVE_INFINITY;
            }
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = e;
            }
        }

        GradCheckReport build() {
            return new GradCheckReport(this);
        }
    }
}
