package org.tripletgrad.tests.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.check.GradCheckReport;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.BroadcastPair;
import org.tripletgrad.testkit.GradcheckAssertions;
import org.tripletgrad.testkit.LabelArbitraries;
import org.tripletgrad.testkit.PkLabels;
import org.tripletgrad.testkit.ShapeArbitraries;
import org.tripletgrad.testkit.TensorArbitraries;

/** The testkit's generators produce what they promise; its assertion fails exactly when gradcheck does. */
class TestkitProperties {

    @Property
    void shapesStayWithinTheirBounds(@ForAll("boundedShapes") Bounded b) {
        assertTrue(b.shape().rank() >= b.minRank() && b.shape().rank() <= b.maxRank(), b.toString());
        for (int d : b.shape().dims()) {
            assertTrue(d >= b.minSize() && d <= b.maxSize(), b.toString());
        }
    }

    @Property
    void broadcastablePairsBroadcastToTheirResult(@ForAll("pairs") BroadcastPair p) {
        assertEquals(p.result(), Shape.broadcast(p.left(), p.right(), "test"));
        assertTrue(p.left().broadcastsTo(p.result()) && p.right().broadcastsTo(p.result()));
    }

    @Property
    void awayFromKeepsValuesInRangeAndClearOfTheKinks(@ForAll("awayFromKinks") Tensor t) {
        for (double v : t.toArray()) {
            assertTrue(v >= -2 && v <= 2, "out of range: " + v);
            assertTrue(Math.abs(v - (-1)) >= 0.1 && Math.abs(v - 0.5) >= 0.1, "near a kink: " + v);
        }
    }

    @Property
    void distinctValuesKeepTheirGap(@ForAll("distinct") Tensor t) {
        double[] d = t.toArray();
        Arrays.sort(d);
        assertTrue(d[0] >= -1 && d[d.length - 1] <= 1, Arrays.toString(d));
        for (int i = 1; i < d.length; i++) {
            assertTrue(d[i] - d[i - 1] >= 0.05 * (1 - 1e-9), Arrays.toString(d));
        }
    }

    @Property
    void masksHoldOnlyZerosAndOnes(@ForAll("masks") Tensor m) {
        assertTrue(Arrays.stream(m.toArray()).allMatch(v -> v == 0 || v == 1));
    }

    @Property
    void pkLabelsHavePClassesOfKSamplesEach(@ForAll("batches") PkLabels b) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y : b.labels()) {
            counts.merge(y, 1, Integer::sum);
        }

        assertTrue(b.p() >= 2 && b.p() <= 5 && b.k() >= 2 && b.k() <= 4, b.toString());
        assertEquals(b.p() * b.k(), b.size());
        assertEquals(b.p(), counts.size());
        assertTrue(counts.values().stream().allMatch(c -> c == b.k()), b.toString());
        assertEquals(counts.keySet(), Arrays.stream(b.classIds()).boxed().collect(java.util.stream.Collectors.toSet()));
        assertEquals(b.size(), b.asTensor().numel());
    }

    @Example
    void pkLabelsAreShuffledAndUseArbitraryIds() {
        List<PkLabels> samples = LabelArbitraries.pkLabels(3, 3, 3, 3).sampleStream().limit(50).toList();

        // grouped would mean every class's samples sit next to each other
        assertTrue(samples.stream().anyMatch(b -> !grouped(b.labels())));
        assertTrue(samples.stream().anyMatch(b -> Arrays.stream(b.classIds()).anyMatch(id -> id < 0 || id > 2)));
    }

    private static boolean grouped(int[] y) {
        int changes = 0;
        for (int i = 1; i < y.length; i++) {
            changes += y[i] != y[i - 1] ? 1 : 0;
        }
        return changes == 2;
    }

    @Example
    void assertGradcheckReturnsTheReportWhenItPassesAndThrowsItWhenItFails() {
        Tensor x = Tensor.vector(0.5, -1.5, 2);
        GradCheckReport ok = GradcheckAssertions.assertGradcheck(v -> v.get(0).exp().sum(), x);
        AssertionError e = assertThrows(AssertionError.class, () -> GradcheckAssertions.assertGradcheck(
                v -> Var.of("wrong", v.get(0).value().exp(), g -> new Tensor[] {g}, v.get(0)).sum(), x));

        assertTrue(ok.passed());
        assertTrue(e.getMessage().contains("FAILED") && e.getMessage().contains("input 0"), e.getMessage());
    }

    @Example
    void impossibleRequestsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ShapeArbitraries.shapes(3, 2, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> LabelArbitraries.pkLabels(0, 2, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> TensorArbitraries.withDistinctValues(Shape.of(10), 0, 1, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> TensorArbitraries.awayFrom(Shape.of(2), 0, 1, 0.1, 0.5, 0.55));
    }

    // ---------------------------------------------------------------- generators

    record Bounded(Shape shape, int minRank, int maxRank, int minSize, int maxSize) {
    }

    @Provide
    Arbitrary<Bounded> boundedShapes() {
        Arbitrary<Integer> small = Arbitraries.integers().between(0, 4);
        return Combinators.combine(small, small, small, small).as((r0, dr, s0, ds) -> new int[] {r0, r0 + dr, s0,
            s0 + ds}).flatMap(b -> ShapeArbitraries.shapes(b[0], b[1], b[2], b[3])
                .map(s -> new Bounded(s, b[0], b[1], b[2], b[3])));
    }

    @Provide
    Arbitrary<BroadcastPair> pairs() {
        return ShapeArbitraries.broadcastablePairs(4, 4);
    }

    @Provide
    Arbitrary<Tensor> awayFromKinks() {
        return ShapeArbitraries.shapes(0, 3, 1, 4).flatMap(s -> TensorArbitraries.awayFrom(s, -2, 2, 0.1, -1, 0.5));
    }

    @Provide
    Arbitrary<Tensor> distinct() {
        return ShapeArbitraries.shapes(1, 3, 1, 3).flatMap(s -> TensorArbitraries.withDistinctValues(s, -1, 1, 0.05));
    }

    @Provide
    Arbitrary<Tensor> masks() {
        return ShapeArbitraries.shapes(0, 3, 1, 4).flatMap(TensorArbitraries::masks);
    }

    @Provide
    Arbitrary<PkLabels> batches() {
        return LabelArbitraries.pkLabels(2, 5, 2, 4);
    }
}
