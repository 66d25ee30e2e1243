package org.tripletgrad.triplet.fused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.Reduction;
import org.tripletgrad.triplet.TripletLoss;

/** The fused batch-all loss against the one composed from autograd ops, which serves as the reference. */
class FusedBatchAllProperties {
    @Property(tries = 400)
    void fusedBatchAllEqualsTheComposedOne(@ForAll("batches") Batch b, @ForAll Metric metric,
            @ForAll Reduction reduction, @ForAll boolean soft, @ForAll("margins") double margin) {
        TripletLoss.Builder builder = TripletLoss.builder().mining(Mining.BATCH_ALL).metric(metric)
                .reduction(reduction);
        if (soft) {
            builder.soft();
        } else {
            builder.margin(margin);
        }
        Run c = Run.of(builder.implementation(Implementation.COMPOSED).build(), b);
        Run f = Run.of(builder.implementation(Implementation.FUSED).build(), b);

        assertTrue(Math.abs(c.result.value() - f.result.value()) <= 1e-12 * Math.abs(c.result.value()),
                "loss: composed " + c.result.value() + ", fused " + f.result.value());
        assertClose(c.distanceGrad, f.distanceGrad, "d loss / d distances");
        assertClose(c.embeddingGrad, f.embeddingGrad, "d loss / d embeddings");
        assertEquals(c.result.metrics(), f.result.metrics());
        assertArrayEquals(c.result.anchorTerms(), f.result.anchorTerms());
        assertEquals(c.result.triplets(), f.result.triplets());
        assertEquals(Mining.BATCH_ALL, f.result.mining());
    }

    @Property(tries = 100)
    void withNoValidTripletTheLossAndEveryGradientAreExactlyZero(@ForAll("degenerate") Batch b,
            @ForAll Metric metric, @ForAll Reduction reduction, @ForAll boolean soft) {
        TripletLoss.Builder builder = TripletLoss.builder().mining(Mining.BATCH_ALL).metric(metric)
                .reduction(reduction).implementation(Implementation.FUSED);
        Run f = Run.of((soft ? builder.soft() : builder).build(), b);

        assertEquals(0L, f.result.metrics().terms());
        assertEquals(0.0, f.result.value());
        assertTrue(Arrays.stream(f.distanceGrad.data()).allMatch(g -> g == 0.0), "distance gradient not 0");
        assertTrue(Arrays.stream(f.embeddingGrad.data()).allMatch(g -> g == 0.0), "embedding gradient not 0");
    }

    private static void assertClose(Tensor want, Tensor got, String what) {
        double tol = 1e-12 * (1 + want.abs().maxAll());
        double[] w = want.data();
        double[] g = got.data();
        for (int i = 0; i < w.length; i++) {
            assertTrue(Math.abs(w[i] - g[i]) <= tol, what + " [" + i + "]: composed " + w[i] + ", fused " + g[i]);
        }
    }

    /** A loss applied to a batch, with its gradients with respect to the distances and the embeddings. */
    private record Run(LossResult result, Tensor distanceGrad, Tensor embeddingGrad) {
        static Run of(TripletLoss loss, Batch b) {
            Var x = Var.param(b.x);
            LossResult r = loss.apply(x, b.labels);
            r.distances().retainGrad();
            r.loss().backward();
            return new Run(r, r.distances().grad(), x.grad());
        }
    }

    /** Embeddings (N x D) and their labels. */
    record Batch(Tensor x, int[] labels) {
        @Override
        public String toString() {
            return "labels " + Arrays.toString(labels) + ", x " + Arrays.toString(x.data());
        }
    }

    @Provide
    Arbitrary<Double> margins() {
        return Arbitraries.of(0.0, 0.2, 1.0, 2.0);
    }

    /**
     * P classes of K rows (K = 1 gives anchors without positives), plus a few singleton rows, in a shuffled order;
     * coordinates standard normal, or small integers so that distances tie and margin + gap is often exactly 0.
     */
    @Provide
    Arbitrary<Batch> batches() {
        return Arbitraries.longs().map(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int p = 1 + rng.nextInt(5);
            int k = 1 + rng.nextInt(4);
            int singletons = rng.nextInt(3);
            int[] labels = new int[p * k + singletons];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i < p * k ? i / k : p + i - p * k;
            }
            return batch(shuffle(labels, rng), rng);
        });
    }

    /** Batches without any valid triplet: one class, or every row its own class. */
    @Provide
    Arbitrary<Batch> degenerate() {
        return Arbitraries.longs().map(seed -> {
            SplittableRandom rng = new SplittableRandom(seed);
            int n = 1 + rng.nextInt(8);
            boolean oneClass = rng.nextBoolean();
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = oneClass ? 3 : i;
            }
            return batch(labels, rng);
        });
    }

    private static Batch batch(int[] labels, SplittableRandom rng) {
        int d = 1 + rng.nextInt(4);
        boolean grid = rng.nextBoolean();
        double[] x = new double[labels.length * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = grid ? rng.nextInt(3) - 1 : rng.nextGaussian();
        }
        return new Batch(Tensor.of(x, labels.length, d), labels);
    }

    private static int[] shuffle(int[] a, SplittableRandom rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
