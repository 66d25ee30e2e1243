package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;

/** The elementwise loops and the distance kernels of both paths against plain loops. */
class ArrayOpsProperties {
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    @AfterContainer
    static void restoreThreads() {
        Kernels.setThreads(Kernels.defaultThreads());
    }

    @Property(tries = 60)
    void elementwiseLoopsMatchTheOperators(@ForAll @IntRange(min = 0, max = 100) int len, @ForAll long seed) {
        double[] x = NaiveLoops.uniform(seed, len);
        double[] y = NaiveLoops.uniform(seed + 1, len);
        if (len > 2) {
            x[1] = Double.NaN;
            y[2] = Double.NEGATIVE_INFINITY;
        }
        double[] sum = new double[len];
        double[] difference = new double[len];
        double[] product = new double[len];
        ArrayOps.add(x, y, sum);
        ArrayOps.sub(x, y, difference);
        ArrayOps.mul(x, y, product);
        for (int i = 0; i < len; i++) {
            assertEquals(x[i] + y[i], sum[i], "add at " + i);
            assertEquals(x[i] - y[i], difference[i], "sub at " + i);
            assertEquals(x[i] * y[i], product[i], "mul at " + i);
        }
    }

    @Property(tries = 120)
    void pairwiseSquaredDistancesAreTheFmaChainOfThePlainLoop(@ForAll("shapes") int[] mnd, @ForAll long seed) {
        int m = mnd[0];
        int n = mnd[1];
        int d = mnd[2];
        double[] a = NaiveLoops.uniform(seed, m * d);
        double[] b = NaiveLoops.uniform(seed + 1, n * d);
        double[] expected = NaiveLoops.squaredDistances(a, b, m, n, d, NaiveLoops.FMA);
        double[] plain = NaiveLoops.squaredDistances(a, b, m, n, d, NaiveLoops.PLAIN);
        for (DistanceKernel kernel : kernels()) {
            double[] out = distances(kernel, a, b, m, n, d);
            assertArrayEquals(expected, out, kernel.name() + " " + m + "x" + n + "x" + d);
            for (int i = 0; i < out.length; i++) {
                // All terms are non-negative, so the sum itself bounds the rounding error.
                assertTrue(Math.abs(out[i] - plain[i]) <= 2.0 * d * UNIT_ROUNDOFF * plain[i] + Double.MIN_NORMAL,
                        kernel.name() + ": " + out[i] + " vs plain " + plain[i]);
            }
        }
    }

    @Property(tries = 40)
    void distancesOfASetToItselfAreSymmetricWithAZeroDiagonal(@ForAll("shapes") int[] mnd, @ForAll long seed) {
        int m = mnd[0];
        int d = mnd[2];
        double[] a = NaiveLoops.uniform(seed, m * d);
        for (DistanceKernel kernel : kernels()) {
            double[] out = distances(kernel, a, a, m, m, d);
            for (int i = 0; i < m; i++) {
                assertEquals(0.0, out[i * m + i], kernel.name() + " diagonal " + i);
                for (int r = 0; r < i; r++) {
                    assertEquals(out[r * m + i], out[i * m + r], kernel.name() + " entry " + i + ", " + r);
                }
            }
        }
    }

    @Property(tries = 15)
    void distancesAreIdenticalForEveryThreadCount(@ForAll @IntRange(min = 130, max = 200) int m,
            @ForAll @IntRange(min = 130, max = 200) int n, @ForAll @IntRange(min = 125, max = 160) int d,
            @ForAll long seed) {
        assertTrue((long) m * n * d >= Kernels.PARALLEL_MIN_FMAS, "large enough for the thread pool");
        double[] a = NaiveLoops.uniform(seed, m * d);
        double[] b = NaiveLoops.uniform(seed + 1, n * d);
        double[] expected = NaiveLoops.squaredDistances(a, b, m, n, d, NaiveLoops.FMA);
        for (int threads = 1; threads <= 3; threads++) {
            Kernels.setThreads(threads);
            for (DistanceKernel kernel : kernels()) {
                assertArrayEquals(expected, distances(kernel, a, b, m, n, d), kernel.name() + ", " + threads);
            }
        }
    }

    @Property(tries = 60)
    void rowSquaredNormsAreTheFmaChainOfEachRow(@ForAll @IntRange(min = 0, max = 20) int m,
            @ForAll @IntRange(min = 0, max = 40) int d, @ForAll long seed) {
        double[] a = NaiveLoops.uniform(seed, m * d);
        double[] out = new double[m];
        ArrayOps.rowSquaredNorms(a, out, m, d);
        double[] zero = new double[d];
        double[] expected = NaiveLoops.squaredDistances(a, zero, m, 1, d, NaiveLoops.FMA);
        assertArrayEquals(expected, out);
    }

    @Example
    void mismatchedLengthsNameTheOpAndTheLengths() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArrayOps.add(new double[3], new double[4], new double[3]));
        assertEquals("add: expected arrays of one length, got x 3, y 4, out 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ArrayOps.pairwiseSquaredDistances(new double[6], new double[5], new double[4], 2, 2, 3));
        assertEquals("pairwiseSquaredDistances: expected b to hold at least 2 x 3 = 6 values, got 5", e.getMessage());
    }

    private static List<DistanceKernel> kernels() {
        List<DistanceKernel> all = new ArrayList<>();
        all.add(Kernels.scalarDistances());
        if (Kernels.vectorDistances() != null) {
            all.add(Kernels.vectorDistances());
        }
        return all;
    }

    private static double[] distances(DistanceKernel kernel, double[] a, double[] b, int m, int n, int d) {
        double[] out = new double[m * n];
        Arrays.fill(out, -1.0);
        kernel.pairwiseSquaredDistances(a, b, out, m, n, d);
        return out;
    }

    @Provide
    Arbitrary<int[]> shapes() {
        Arbitrary<Integer> points = Arbitraries.integers().between(1, 60);
        Arbitrary<Integer> dims = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 70)),
                Tuple.of(1, Arbitraries.integers().between(250, 600)));
        return Combinators.combine(points, points, dims).as((m, n, d) -> new int[] {m, n, d});
    }
}
