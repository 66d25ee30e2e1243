package org.tripletgrad.testkit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * jqwik arbitraries for float64 tensors. Values are drawn by jqwik as decimals with {@value #DECIMALS} places (edge
 * cases such as the bounds and 0 included, where the range allows) and shrink towards 0 or the bound nearest to it.
 *
 * <p>For gradient checks, inputs must stay away from the points where an op is not smooth: use
 * {@link #awayFrom} for relu-like kinks and {@link #withDistinctValues} for max and min, whose gradient jumps when
 * two candidates tie.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Tensor> reluInputs() {
 *     return ShapeArbitraries.shapes(1, 3, 1, 4).flatMap(s -> TensorArbitraries.awayFrom(s, -2, 2, 0.01, 0.0));
 * }
 * }</pre>
 */
public final class TensorArbitraries {
    /** The decimal places of drawn values. */
    public static final int DECIMALS = 10;

    private TensorArbitraries() {
    }

    /** Tensors of {@code shape} with every value in {@code [lo, hi]}. */
    public static Arbitrary<Tensor> tensors(Shape shape, double lo, double hi) {
        checkRange(lo, hi);
        return values(shape.numel(), lo, hi).map(v -> tensor(v, shape));
    }

    /** Tensors of any of {@code shapes} with every value in {@code [lo, hi]}. */
    public static Arbitrary<Tensor> tensors(Arbitrary<Shape> shapes, double lo, double hi) {
        return shapes.flatMap(s -> tensors(s, lo, hi));
    }

    /**
     * Tensors of {@code shape} with values in {@code [lo, hi]} at least {@code margin} from every one of
     * {@code kinks}: a drawn value closer than that is moved to {@code kink - margin} or {@code kink + margin}, the
     * side it came from unless that side leaves the range.
     *
     * @throws IllegalArgumentException when a kink does not leave room for {@code margin} inside the range, or two
     *     kinks are closer than {@code 2 * margin}
     */
    public static Arbitrary<Tensor> awayFrom(Shape shape, double lo, double hi, double margin, double... kinks) {
        checkRange(lo, hi);
        double[] ks = kinks.clone();
        for (double k : ks) {
            if (!(k - margin > lo) && !(k + margin < hi)) {
                throw new IllegalArgumentException("awayFrom: kink " + k + " leaves no room for margin " + margin
                        + " in [" + lo + ", " + hi + "]");
            }
            for (double other : ks) {
                if (other != k && Math.abs(other - k) < 2 * margin) {
                    throw new IllegalArgumentException("awayFrom: kinks " + k + " and " + other
                            + " are closer than twice the margin " + margin);
                }
            }
        }
        return values(shape.numel(), lo, hi).map(v -> {
            double[] d = toArray(v);
            for (int i = 0; i < d.length; i++) {
                for (double k : ks) {
                    d[i] = pushAway(d[i], k, margin, lo, hi);
                }
            }
            return Tensor.wrap(d, shape.dims());
        });
    }

    /** x moved to the nearer side of k, one margin away; a few ulps further if rounding left it short. */
    private static double pushAway(double x, double k, double margin, double lo, double hi) {
        if (Math.abs(x - k) >= margin) {
            return x;
        }
        boolean down = (x < k && k - margin > lo) || !(k + margin < hi);
        double y = down ? k - margin : k + margin;
        while (Math.abs(y - k) < margin) {
            y = down ? Math.nextDown(y) : Math.nextUp(y);
        }
        return y;
    }

    /**
     * Tensors of {@code shape} whose values lie in {@code [lo, hi]} and are pairwise at least {@code minGap} apart
     * (up to rounding), so that max and min have no near-ties for a finite difference to cross. The values are
     * drawn in a range shortened to make room, then the {@code r}-th smallest is moved up by {@code r * minGap}.
     *
     * @throws IllegalArgumentException when {@code numel - 1} gaps do not fit into the range
     */
    public static Arbitrary<Tensor> withDistinctValues(Shape shape, double lo, double hi, double minGap) {
        checkRange(lo, hi);
        int n = shape.numel();
        double room = hi - lo - Math.max(0, n - 1) * minGap;
        if (room < 0) {
            throw new IllegalArgumentException("withDistinctValues: " + n + " values " + minGap
                    + " apart do not fit in [" + lo + ", " + hi + "]");
        }
        return values(n, 0, room).map(v -> {
            double[] d = toArray(v);
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                int rank = 0;
                for (int j = 0; j < n; j++) {
                    if (d[j] < d[i] || (d[j] == d[i] && j < i)) {
                        rank++;
                    }
                }
                out[i] = lo + d[i] + rank * minGap;
            }
            return Tensor.wrap(out, shape.dims());
        });
    }

    /** Masks of {@code shape}: tensors of 0.0 and 1.0, shrinking towards all 0. */
    public static Arbitrary<Tensor> masks(Shape shape) {
        return Arbitraries.of(0.0, 1.0).list().ofSize(shape.numel()).map(v -> tensor(v, shape));
    }

    /**
     * n doubles in [lo, hi] with {@value #DECIMALS} decimal places (jqwik draws decimals of a fixed scale, 2 by
     * default, which would make exact ties and exact kinks common). The bounds are rounded inwards to that scale.
     */
    private static Arbitrary<List<Double>> values(int n, double lo, double hi) {
        double l = BigDecimal.valueOf(lo).setScale(DECIMALS, RoundingMode.CEILING).doubleValue();
        double h = BigDecimal.valueOf(hi).setScale(DECIMALS, RoundingMode.FLOOR).doubleValue();
        return Arbitraries.doubles().between(l, Math.max(l, h)).ofScale(DECIMALS).list().ofSize(n);
    }

    private static Tensor tensor(List<Double> values, Shape shape) {
        return Tensor.wrap(toArray(values), shape.dims());
    }

    private static double[] toArray(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void checkRange(double lo, double hi) {
        if (!(lo <= hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("tensors: expected finite lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }
}
