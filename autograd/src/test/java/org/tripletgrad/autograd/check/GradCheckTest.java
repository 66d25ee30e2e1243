package org.tripletgrad.autograd.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class GradCheckTest {
    private static final SplittableRandom RNG = new SplittableRandom(11);

    /** x^2 elementwise with a backward rule that is off by {@code error} at flat index {@code wrongAt}. */
    private static Var squareWrongAt(Var x, int wrongAt, double error) {
        Tensor v = x.value();
        return Var.of("badSquare", v.mul(v), g -> {
            double[] d = g.mul(v).mul(2.0).toArray();
            d[wrongAt] += error;
            return new Tensor[] {Tensor.wrap(d, v.shape().dims())};
        }, x);
    }

    /** c * x for a fixed c, whose backward rule adds {@code error} to c. */
    private static Var scaleWithError(Var x, double c, double error) {
        return Var.of("scale", x.value().mul(c), g -> new Tensor[] {g.mul(c + error)}, x);
    }

    @Test
    void aCorrectFunctionPasses() {
        GradCheckReport r = GradCheck.check(x -> x.get(0).mul(x.get(1)).exp().sum(),
                Tensor.randn(RNG, 3, 4), Tensor.randn(RNG, 4));

        assertTrue(r.passed(), r.toString());
        assertEquals(12 + 4, r.comparisons());
        assertTrue(r.maxAbsError() < 1e-6, r.toString());
    }

    @Test
    void aWrongRuleFailsAndTheReportNamesTheWrongElement() {
        Tensor x = Tensor.uniform(RNG, 1, 2, 3, 3);
        GradCheckReport r = GradCheck.check(v -> squareWrongAt(v.get(0), 4, 0.01).sum(), x);

        assertFalse(r.passed());
        assertEquals(1, r.failures());
        GradCheckReport.Element worst = r.worst();
        assertEquals(0, worst.input());
        assertEquals(4, worst.flatIndex());
        assertArrayEquals(new int[] {1, 1}, worst.index());
        // the numeric derivative is 2x, the analytic one 2x + 0.01
        assertEquals(2 * x.get(1, 1), worst.numeric(), 1e-8);
        assertEquals(2 * x.get(1, 1) + 0.01, worst.analytic(), 1e-12);
        assertEquals(0.01, worst.absError(), 1e-8);
        assertTrue(r.toString().contains("FAILED") && r.toString().contains("input 0 [1, 1]"), r.toString());
    }

    @Test
    void theToleranceIsAtolPlusRtolTimesTheNumericDerivative() {
        // c = 100: the tolerance is 1e-5 + 1e-3 * 100 = 0.10001
        Function<List<Var>, Var> within = v -> scaleWithError(v.get(0), 100, 0.0999).sum();
        Function<List<Var>, Var> outside = v -> scaleWithError(v.get(0), 100, 0.1001).sum();
        Tensor x = Tensor.vector(0.3, -0.7);

        assertTrue(GradCheck.check(within, x).passed());
        assertFalse(GradCheck.check(outside, x).passed());
        assertTrue(GradCheck.defaults().withTolerances(1e-5, 2e-3).run(outside, x).passed());
    }

    @Test
    void aNonScalarOutputIsCheckedThroughARandomWeightedSum() {
        Tensor x = Tensor.uniform(RNG, 1, 2, 2, 3);

        assertTrue(GradCheck.check(v -> v.get(0).mul(v.get(0)).softplus(), x).passed());
        GradCheckReport wrong = GradCheck.check(v -> squareWrongAt(v.get(0), 5, 0.01), x);
        assertFalse(wrong.passed());
        assertEquals(5, wrong.worst().flatIndex());
        assertArrayEquals(new int[] {2, 3}, wrong.outputShape().dims());
    }

    @Test
    void randomDirectionsPassForACorrectFunctionOnALargeInput() {
        Tensor a = Tensor.randn(RNG, 40, 30);
        Tensor b = Tensor.randn(RNG, 30, 20);
        GradCheckReport r = GradCheck.defaults().randomDirections(6)
                .run(v -> v.get(0).matmul(v.get(1)).softplus(), a, b);

        assertTrue(r.passed(), r.toString());
        assertEquals(6, r.comparisons());
        assertTrue(r.worst().direction() >= 0);
    }

    @Test
    void randomDirectionsCatchAWrongRule() {
        Tensor x = Tensor.uniform(RNG, 1, 2, 20, 20);
        GradCheckReport r = GradCheck.defaults().randomDirections(4).run(v -> squareWrongAt(v.get(0), 123, 1.0), x);

        assertFalse(r.passed(), r.toString());
        assertTrue(r.toString().contains("direction"), r.toString());
    }

    @Test
    void aNaNGradientFails() {
        Function<List<Var>, Var> f = v -> Var.of("nanGrad", v.get(0).value(),
                g -> new Tensor[] {g.mul(Double.NaN)}, v.get(0)).sum();
        GradCheckReport r = GradCheck.check(f, Tensor.vector(1, 2));

        assertFalse(r.passed());
        assertEquals(2, r.failures());
        assertEquals(Double.POSITIVE_INFINITY, r.maxAbsError());
    }

    @Test
    void anInputTheOutputIgnoresHasGradientZeroAndPasses() {
        GradCheckReport r = GradCheck.check(v -> v.get(0).sum(), Tensor.vector(1, 2), Tensor.vector(3));

        assertTrue(r.passed(), r.toString());
        assertEquals(0.0, r.maxAbsError(), 1e-9);
    }

    @Test
    void theSameSeedGivesTheSameReport() {
        Tensor x = Tensor.randn(RNG, 5, 5);
        GradCheck check = GradCheck.defaults().randomDirections(3).withSeed(5);
        Function<List<Var>, Var> f = v -> v.get(0).exp();

        assertEquals(check.run(f, x).toString(), check.run(f, x).toString());
    }

    @Test
    void badArgumentsAreRefusedWithTheProblemNamed() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(v -> Var.constant(1.0)));
        assertTrue(none.getMessage().startsWith("gradcheck: expected at least one input"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().withEps(0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().withTolerances(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> GradCheck.defaults().randomDirections(0));
    }

    @Test
    void everyBuiltInCasePasses() {
        for (GradcheckCase c : OpCases.all()) {
            GradCheckReport r = c.run(GradCheck.defaults(), new SplittableRandom(c.name().hashCode()));
            assertTrue(r.passed(), c.name() + ": " + r);
        }
    }
}
