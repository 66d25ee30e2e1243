package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.ShapeArbitraries;

/**
 * sum and mean, over everything or one dimension, against Neumaier's compensated summation, which is accurate to
 * about one rounding of the result. Plain summation of n terms may err by up to (n - 1) u sum|x_i| (u = 2^-53),
 * which is the bound allowed. Values span several orders of magnitude so that rounding actually happens.
 */
class ReductionProperties {

    @Property
    void sumAndMeanOfAllElementsAgreeWithCompensatedSummation(@ForAll("wide") Tensor x) {
        double[] d = x.toArray();
        double exact = neumaier(d, 0, 1, d.length);
        double tol = bound(d, 0, 1, d.length);

        assertEquals(exact, Var.constant(x).sum().item(), tol);
        assertEquals(exact / d.length, Var.constant(x).mean().item(), tol / d.length + Math.ulp(exact / d.length));
    }

    @Property
    void sumAndMeanOverADimensionAgreeWithCompensatedSummation(@ForAll("reductions") Reduction r) {
        Shape s = r.x().shape();
        int outer = 1;
        for (int i = 0; i < r.dim(); i++) {
            outer *= s.dim(i);
        }
        int n = s.dim(r.dim());
        int inner = s.numel() / (outer * n);
        double[] d = r.x().toArray();
        double[] sum = Var.constant(r.x()).sum(r.dim(), false).value().toArray();
        double[] mean = Var.constant(r.x()).mean(r.dim(), true).value().toArray();

        assertEquals(outer * inner, sum.length);
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int at = o * inner + i;
                double exact = neumaier(d, o * n * inner + i, inner, n);
                double tol = bound(d, o * n * inner + i, inner, n);
                assertEquals(exact, sum[at], tol, "line " + at);
                assertEquals(exact / n, mean[at], tol / n + Math.ulp(exact / n), "line " + at);
            }
        }
    }

    @Property
    void theGradientOfSumIsOnesAndOfMeanIsOneOverN(@ForAll("reductions") Reduction r) {
        Var x = Var.param(r.x());
        x.sum(r.dim(), true).sum().add(x.mean()).backward();
        double[] expected = new double[r.x().numel()];
        java.util.Arrays.fill(expected, 1 + 1.0 / expected.length);

        assertArrayEquals(expected, x.grad().toArray(), 1e-15);
    }

    /** Neumaier's improvement of Kahan summation over n entries {@code d[start + j * step]}. */
    static double neumaier(double[] d, int start, int step, int n) {
        double sum = 0;
        double c = 0;
        for (int j = 0; j < n; j++) {
            double v = d[start + j * step];
            double t = sum + v;
            c += Math.abs(sum) >= Math.abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }
        return sum + c;
    }

    private static double bound(double[] d, int start, int step, int n) {
        double abs = 0;
        for (int j = 0; j < n; j++) {
            abs += Math.abs(d[start + j * step]);
        }
        return Math.max(1, n) * 0x1p-53 * abs * 1.01 + Double.MIN_NORMAL;
    }

    // ---------------------------------------------------------------- generators

    record Reduction(Tensor x, int dim) {
    }

    /** Values of magnitude 1e-6 to 1e6 with either sign. */
    private static Arbitrary<Tensor> wide(Shape s) {
        Arbitrary<Double> one = Combinators.combine(Arbitraries.doubles().between(-6, 6), Arbitraries.of(-1.0, 1.0))
                .as((e, sign) -> sign * Math.pow(10, e));
        return one.list().ofSize(s.numel()).map(v -> Tensor.wrap(v.stream().mapToDouble(Double::doubleValue)
                .toArray(), s.dims()));
    }

    @Provide
    Arbitrary<Tensor> wide() {
        return ShapeArbitraries.shapes(1, 3, 1, 12).flatMap(ReductionProperties::wide);
    }

    @Provide
    Arbitrary<Reduction> reductions() {
        return ShapeArbitraries.shapes(1, 4, 1, 6).flatMap(s -> Combinators.combine(
                wide(s), Arbitraries.integers().between(0, s.rank() - 1)).as(Reduction::new));
    }
}
