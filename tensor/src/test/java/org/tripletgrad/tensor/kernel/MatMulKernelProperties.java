package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Both matrix-product kernels against the textbook triple loop, on random shapes that include 1, odd sizes and sizes
 * that are not multiples of the vector width or the register tile.
 */
class MatMulKernelProperties {
    private static final double UNIT_ROUNDOFF = 0x1p-53;

    @AfterContainer
    static void restoreThreads() {
        Kernels.setThreads(Kernels.defaultThreads());
    }

    @Property(tries = 150)
    void everyKernelIsTheFmaChainOfTheTripleLoop(@ForAll("smallShapes") int[] mkn, @ForAll long seed) {
        Product q = new Product(mkn, seed);
        double[] expected = q.naive(NaiveLoops.FMA);
        for (MatMulKernel kernel : kernels()) {
            assertArrayEquals(expected, q.on(kernel), kernel.name() + " " + q);
        }
    }

    @Property(tries = 100)
    void everyKernelAgreesWithPlainSumsToRounding(@ForAll("smallShapes") int[] mkn, @ForAll long seed) {
        Product q = new Product(mkn, seed);
        double[] expected = q.naive(NaiveLoops.PLAIN);
        double[] scale = q.naive(NaiveLoops.MAGNITUDE);
        for (MatMulKernel kernel : kernels()) {
            double worst = NaiveLoops.worstRelative(q.on(kernel), expected, scale);
            assertTrue(worst <= 2.0 * q.k * UNIT_ROUNDOFF, kernel.name() + " " + q + ": relative error " + worst);
        }
    }

    @Property(tries = 40)
    void longInnerDimensionsAreCutIntoBlocksWithoutChangingTheSum(@ForAll("longInnerShapes") int[] mkn,
            @ForAll long seed) {
        Product q = new Product(mkn, seed);
        double[] expected = q.naive(NaiveLoops.FMA);
        for (MatMulKernel kernel : kernels()) {
            assertArrayEquals(expected, q.on(kernel), kernel.name() + " " + q);
        }
    }

    @Property(tries = 25)
    void resultsAreIdenticalForEveryThreadCount(@ForAll("parallelShapes") int[] mkn, @ForAll long seed) {
        Product q = new Product(mkn, seed);
        double[] expected = q.naive(NaiveLoops.FMA);
        for (int threads = 1; threads <= 4; threads++) {
            Kernels.setThreads(threads);
            for (MatMulKernel kernel : kernels()) {
                assertArrayEquals(expected, q.on(kernel), kernel.name() + " " + q + ", " + threads + " threads");
            }
        }
    }

    @Property(tries = 20)
    void nanAndInfinityPropagateThroughZeros(@ForAll("smallShapes") int[] mkn) {
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        a[(m - 1) * k] = Double.NaN;
        b[(k - 1) * n + n - 1] = Double.POSITIVE_INFINITY;
        for (MatMulKernel kernel : kernels()) {
            double[] c = multiply(kernel, a, b, m, k, n);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    // NaN * 0 is NaN along the last row; 0 * inf is NaN in the last column.
                    boolean nan = i == m - 1 || j == n - 1;
                    double v = c[i * n + j];
                    assertTrue(nan ? Double.isNaN(v) : v == 0.0, kernel.name() + " c[" + i + "][" + j + "] = " + v);
                }
            }
        }
    }

    /** Random operands a (m x k) and b (k x n) for a shape {m, k, n}. */
    private static final class Product {
        final int m;
        final int k;
        final int n;
        final double[] a;
        final double[] b;

        Product(int[] mkn, long seed) {
            m = mkn[0];
            k = mkn[1];
            n = mkn[2];
            a = NaiveLoops.uniform(seed, m * k);
            b = NaiveLoops.uniform(seed + 1, k * n);
        }

        double[] naive(NaiveLoops.Step step) {
            return NaiveLoops.matmul(a, b, m, k, n, step);
        }

        double[] on(MatMulKernel kernel) {
            return multiply(kernel, a, b, m, k, n);
        }

        @Override
        public String toString() {
            return m + "x" + k + "x" + n;
        }
    }

    static List<MatMulKernel> kernels() {
        List<MatMulKernel> all = new ArrayList<>();
        all.add(Kernels.scalarMatMul());
        Kernels.vectorMatMul().ifPresent(all::add);
        return all;
    }

    private static double[] multiply(MatMulKernel kernel, double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        Arrays.fill(c, 7.0);
        kernel.multiply(a, b, c, m, k, n);
        return c;
    }

    @Provide
    Arbitrary<int[]> smallShapes() {
        Arbitrary<Integer> size = Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(1)),
                Tuple.of(6, Arbitraries.integers().between(1, 70)));
        return Combinators.combine(size, size, size).as((m, k, n) -> new int[] {m, k, n});
    }

    /** Inner dimensions longer than one packed block of the kernels (256), with few rows and columns. */
    @Provide
    Arbitrary<int[]> longInnerShapes() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 20),
                Arbitraries.integers().between(250, 800),
                Arbitraries.integers().between(1, 60)).as((m, k, n) -> new int[] {m, k, n});
    }

    /** Shapes at least {@link Kernels#PARALLEL_MIN_FMAS} big, tall or wide, so rows and columns are both cut. */
    @Provide
    Arbitrary<int[]> parallelShapes() {
        long min = Kernels.PARALLEL_MIN_FMAS;
        Arbitrary<int[]> square = Combinators.combine(
                Arbitraries.integers().between(129, 200),
                Arbitraries.integers().between(127, 160),
                Arbitraries.integers().between(129, 200)).as((m, k, n) -> new int[] {m, k, n});
        Arbitrary<int[]> wide = Combinators.combine(
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(64, 130),
                Arbitraries.integers().between(0, 50)).as((m, k, extra) ->
                        new int[] {m, k, (int) ((min + (long) m * k - 1) / ((long) m * k)) + extra});
        return Arbitraries.oneOf(square, wide);
    }
}
