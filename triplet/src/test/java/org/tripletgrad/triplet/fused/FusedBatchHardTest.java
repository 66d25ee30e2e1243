package org.tripletgrad.triplet.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Reduction;
import org.tripletgrad.triplet.TripletLoss;

class FusedBatchHardTest {
    private static int[] pk(int n, int k) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i / k;
        }
        return l;
    }

    private static LossResult run(Tensor x, int[] labels, TripletLoss.Builder b, Implementation impl, int threads) {
        Var v = Var.param(x);
        LossResult r = b.implementation(impl).threads(threads).build().apply(v, labels);
        r.loss().backward();
        return r;
    }

    @Test
    void agreesWithTheComposedLossAcrossBlocksForEveryMetric() {
        Tensor x = Tensor.randn(new SplittableRandom(7), 150, 19);
        int[] labels = pk(150, 5);
        for (Metric m : Metric.values()) {
            for (boolean soft : new boolean[] {false, true}) {
                TripletLoss.Builder b = TripletLoss.builder().metric(m).reduction(Reduction.SUM);
                if (soft) {
                    b.soft();
                }
                Var vc = Var.param(x);
                LossResult c = b.build().apply(vc, labels);
                c.loss().backward();
                Var vf = Var.param(x);
                LossResult f = b.implementation(Implementation.FUSED).threads(2).build().apply(vf, labels);
                f.loss().backward();
                assertEquals(c.value(), f.value(), 1e-10 * Math.abs(c.value()), m + " soft=" + soft);
                assertEquals(c.triplets(), f.triplets(), m.toString());
                assertTrue(vf.grad().allClose(vc.grad(), 1e-9, 1e-12), m + " soft=" + soft);
            }
        }
    }

    @Test
    void resultsAreBitForBitTheSameForAnyThreadCount() {
        Tensor x = Tensor.randn(new SplittableRandom(9), 203, 8);
        int[] labels = pk(203, 7);
        LossResult one = run(x, labels, TripletLoss.builder(), Implementation.FUSED, 1);
        for (int t : new int[] {2, 3, 5}) {
            Var v = Var.param(x);
            LossResult r = TripletLoss.builder().implementation(Implementation.FUSED).threads(t).build()
                    .apply(v, labels);
            assertEquals(one.value(), r.value());
            assertEquals(one.triplets(), r.triplets());
            r.loss().backward();
            Var v1 = Var.param(x);
            TripletLoss.builder().implementation(Implementation.FUSED).build().apply(v1, labels).loss().backward();
            assertArrayEquals(v1.grad().data(), v.grad().data());
        }
    }

    @Test
    void theVectorAndScalarTilesAreIdentical() {
        int n = 37;
        int d = 13;
        double[] x = Tensor.randn(new SplittableRandom(1), n, d).toArray();
        GramKernel fast = GramKernels.selected();
        GramKernel plain = GramKernels.scalar();
        double[] a = new double[BlockMiner.BLOCK * BlockMiner.BLOCK];
        double[] b = new double[a.length];
        fast.multiply(x, d, 0, n, GramKernel.pack(x, n, d, fast.width()), 0, (n + fast.width() - 1) / fast.width(),
                a, BlockMiner.BLOCK);
        plain.multiply(x, d, 0, n, GramKernel.pack(x, n, d, plain.width()), 0,
                (n + plain.width() - 1) / plain.width(), b, BlockMiner.BLOCK);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(GramKernel.dot(x, d, i, j), a[i * BlockMiner.BLOCK + j], fast.name());
                assertEquals(GramKernel.dot(x, d, i, j), b[i * BlockMiner.BLOCK + j], plain.name());
            }
        }
    }

    @Test
    void theVectorAndScalarScansMineTheSameTriplets() {
        SplittableRandom rng = new SplittableRandom(12);
        int n = 173;
        int d = 3;
        double[] x = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(6);
            for (int k = 0; k < d; k++) {
                x[i * d + k] = i % 2 == 0 ? rng.nextInt(3) : rng.nextGaussian();
            }
        }
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            norms[i] = GramKernel.dot(x, d, i, i);
        }
        for (double[] nrm : new double[][] {norms, null}) {
            BlockMiner.Best a = new BlockMiner(x, nrm, n, d, labels, GramKernels.selected()).mine(2);
            BlockMiner.Best b = new BlockMiner(x, nrm, n, d, labels, GramKernels.scalar()).mine(1);
            assertArrayEquals(b.pos, a.pos);
            assertArrayEquals(b.neg, a.neg);
            assertArrayEquals(b.posKey, a.posKey);
            assertArrayEquals(b.negKey, a.negKey);
        }
    }

    @Test
    void duplicateAndCollapsedRowsGiveZeroDistanceAndNoNaN() {
        double[][] rows = new double[70][3];
        for (double[] r : rows) {
            r[0] = 1.25;
            r[1] = -3.5;
            r[2] = 1e-3;
        }
        Var v = Var.param(Tensor.matrix(rows));
        LossResult r = TripletLoss.builder().margin(0.3).implementation(Implementation.FUSED).build()
                .apply(v, pk(70, 10));
        assertEquals(0.3, r.value(), 1e-15);
        r.loss().backward();
        for (double g : v.grad().data()) {
            assertEquals(0.0, g);
        }
    }

    @Test
    void noValidAnchorGivesExactlyZero() {
        Var v = Var.param(Tensor.randn(new SplittableRandom(4), 5, 2));
        LossResult r = TripletLoss.builder().implementation(Implementation.FUSED).build()
                .apply(v, new int[] {1, 2, 3, 4, 5});
        assertEquals(0.0, r.value());
        r.loss().backward();
        assertEquals(0.0, v.grad().abs().sumAll());
    }
}
