package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tripletgrad.testkit.GradcheckAssertions.assertGradcheck;

import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.LabelArbitraries;

/** Invariants of the triplet loss over random batches and configurations. */
class TripletLossProperties {
    /** A random batch: N rows of dimension D with labels drawn from {@code classes} classes. */
    record Batch(double[] x, int n, int d, int[] labels) {
        Tensor tensor() {
            return Tensor.of(x, n, d);
        }
    }

    /** A loss configuration drawn at random. */
    record Config(Metric metric, Mining mining, boolean soft, double margin, Reduction reduction) {
        TripletLoss.Builder builder() {
            TripletLoss.Builder b = TripletLoss.builder().metric(metric).mining(mining).reduction(reduction);
            return soft ? b.soft() : b.margin(margin);
        }
    }

    private static LossResult run(TripletLoss loss, Tensor x, int[] labels) {
        Var v = Var.param(x);
        LossResult r = loss.apply(v, labels);
        r.loss().backward();
        return r;
    }

    private static Tensor gradient(TripletLoss loss, Tensor x, int[] labels) {
        Var v = Var.param(x);
        loss.apply(v, labels).loss().backward();
        return v.grad();
    }

    private static void assertClose(double want, double got, double rel, String what) {
        assertTrue(Math.abs(want - got) <= rel * (1 + Math.abs(want)), what + ": " + want + " vs " + got);
    }

    @Property(tries = 200)
    void theLossIsNeverNegative(@ForAll("batches") Batch b, @ForAll("configs") Config c) {
        double v = c.builder().build().apply(Var.param(b.tensor()), b.labels()).value();
        assertTrue(v >= 0, "loss " + v);
    }

    @Property(tries = 150)
    void permutingTheBatchWithItsLabelsLeavesTheLossUnchanged(@ForAll("batches") Batch b, @ForAll("configs") Config c,
            @ForAll long seed) {
        int[] perm = permutation(b.n(), new SplittableRandom(seed));
        double[] px = new double[b.x().length];
        int[] pl = new int[b.n()];
        for (int i = 0; i < b.n(); i++) {
            System.arraycopy(b.x(), perm[i] * b.d(), px, i * b.d(), b.d());
            pl[i] = b.labels()[perm[i]];
        }
        TripletLoss loss = c.builder().build();
        double a = loss.apply(Var.param(b.tensor()), b.labels()).value();
        double p = loss.apply(Var.param(Tensor.of(px, b.n(), b.d())), pl).value();
        assertClose(a, p, 1e-12, "permuted");
    }

    @Property(tries = 150)
    void renamingTheClassesLeavesTheLossUnchanged(@ForAll("batches") Batch b, @ForAll("configs") Config c,
            @ForAll long seed) {
        int[] rename = permutation(8, new SplittableRandom(seed));
        int[] renamed = new int[b.n()];
        for (int i = 0; i < b.n(); i++) {
            renamed[i] = 100 * rename[b.labels()[i]] - 7;
        }
        TripletLoss loss = c.builder().build();
        assertEquals(loss.apply(Var.param(b.tensor()), b.labels()).value(),
                loss.apply(Var.param(b.tensor()), renamed).value());
    }

    @Property(tries = 150)
    void translatingEveryEmbeddingLeavesTheEuclideanLossUnchanged(@ForAll("batches") Batch b,
            @ForAll("configs") Config c, @ForAll("shifts") double shift) {
        Assume.that(c.metric() != Metric.COSINE);
        double[] moved = b.x().clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += shift * (1 + i % b.d());
        }
        TripletLoss loss = c.builder().build();
        assertClose(loss.apply(Var.param(b.tensor()), b.labels()).value(),
                loss.apply(Var.param(Tensor.of(moved, b.n(), b.d())), b.labels()).value(), 1e-7, "translated");
    }

    @Property(tries = 150)
    void eachBatchHardTermBoundsEveryBatchAllTermOfItsAnchor(@ForAll("batches") Batch b, @ForAll("configs") Config c) {
        Assume.that(!c.soft());
        LossResult hard = TripletLoss.builder().metric(c.metric()).margin(c.margin()).build()
                .apply(Var.param(b.tensor()), b.labels());
        Tensor d = hard.distances().value();
        double[] terms = hard.anchorTerms();
        Labels l = Labels.of(b.labels());
        for (int a = 0; a < b.n(); a++) {
            for (int p = 0; p < b.n(); p++) {
                for (int q = 0; q < b.n(); q++) {
                    if (l.isPositive(a, p) && l.isNegative(a, q)) {
                        // The loss's own order of operations: rounding is monotonic, so the bound holds exactly.
                        double t = Math.max(0, (d.get(a, p) - d.get(a, q)) + c.margin());
                        assertTrue(terms[a] >= t, "anchor " + a + ": batch-hard " + terms[a] + " < " + t);
                    }
                }
            }
        }
    }

    @Property(tries = 150)
    void euclideanGradientsSumToZeroOverTheBatch(@ForAll("batches") Batch b, @ForAll("configs") Config c) {
        Assume.that(c.metric() != Metric.COSINE);
        Tensor g = gradient(c.builder().build(), b.tensor(), b.labels());
        Tensor total = g.sum(0, false);
        double scale = 1 + g.abs().maxAll();
        for (double s : total.data()) {
            assertTrue(Math.abs(s) <= 1e-9 * scale * b.n(), "column sum " + s);
        }
    }

    @Property(tries = 150)
    void composedAndFusedAgree(@ForAll("batches") Batch b, @ForAll("configs") Config c,
            @ForAll("threadCounts") int threads) {
        Config hardC = new Config(c.metric(), Mining.BATCH_HARD, c.soft(), c.margin(), c.reduction());
        LossResult composed = run(hardC.builder().build(), b.tensor(), b.labels());
        Var v = Var.param(b.tensor());
        LossResult fused = hardC.builder().implementation(Implementation.FUSED).threads(threads).build()
                .apply(v, b.labels());
        fused.loss().backward();
        Tensor gc = gradient(hardC.builder().build(), b.tensor(), b.labels());
        assertClose(composed.value(), fused.value(), 1e-9, "loss");
        assertEquals(composed.triplets(), fused.triplets());
        assertEquals(composed.metrics().validAnchors(), fused.metrics().validAnchors());
        assertTrue(v.grad().allClose(gc, 1e-7, 1e-9 * (1 + gc.abs().maxAll())), "gradients differ");
    }

    @Property(tries = 100)
    void composedAndFusedPickTheSameTiesOnAnIntegerGrid(@ForAll long seed, @ForAll("threadCounts") int threads) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 6 + rng.nextInt(60);
        double[] x = new double[n * 2];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.nextInt(3);
            x[2 * i + 1] = rng.nextInt(3);
            labels[i] = rng.nextInt(3);
        }
        Tensor t = Tensor.of(x, n, 2);
        LossResult c = TripletLoss.batchHard().apply(Var.param(t), labels);
        LossResult f = TripletLoss.builder().implementation(Implementation.FUSED).threads(threads).build()
                .apply(Var.param(t), labels);
        assertEquals(c.triplets(), f.triplets());
        assertClose(c.value(), f.value(), 1e-12, "loss");
    }

    /**
     * Kink distance the gradient checks require: above twice the largest move of a distance under GradCheck's step
     * of 1e-6 (euclidean 1e-6; squared 2e-6 |a_k - b_k|, coordinates of standard normal draws differing by less than
     * 20; cosine 1e-6 / |a| with row norms above {@link #MIN_COSINE_NORM}), with room to spare.
     */
    private static final double MIN_KINK_DISTANCE = 1e-4;
    private static final double MIN_COSINE_NORM = 0.1;

    @Property(tries = 60)
    void gradcheckPassesAwayFromTiesAndKinks(@ForAll("pkBatches") Batch b, @ForAll("configs") Config c,
            @ForAll Implementation impl) {
        TripletLoss loss = c.builder().implementation(impl).build();
        Assume.that(KinkDistance.of(loss, b.tensor(), Labels.of(b.labels())) > MIN_KINK_DISTANCE);
        Assume.that(c.metric() != Metric.COSINE || b.tensor().square().sum(1, false).minAll() > MIN_COSINE_NORM
                * MIN_COSINE_NORM);
        assertGradcheck(v -> loss.apply(v.get(0), b.labels()).loss(), b.tensor());
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Batch> batches() {
        return Combinators.combine(Arbitraries.integers().between(3, 14), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 5), Arbitraries.longs()).as((n, d, classes, seed) -> {
                    SplittableRandom rng = new SplittableRandom(seed);
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = rng.nextInt(classes);
                    }
                    return new Batch(Tensor.randn(rng, n, d).toArray(), n, d, labels);
                });
    }

    /** P-K batches as batch-hard training draws them: 2 to 4 classes of 2 to 4 rows, dimension 1 to 4. */
    @Provide
    Arbitrary<Batch> pkBatches() {
        return Combinators.combine(LabelArbitraries.pkLabels(2, 4, 2, 4), Arbitraries.integers().between(1, 4),
                Arbitraries.longs()).as((pk, d, seed) ->
                        new Batch(Tensor.randn(new SplittableRandom(seed), pk.size(), d).toArray(), pk.size(), d,
                                pk.labels()));
    }

    @Provide
    Arbitrary<Config> configs() {
        return Combinators.combine(Arbitraries.of(Metric.class), Arbitraries.of(Mining.class),
                Arbitraries.of(true, false), Arbitraries.of(0.0, 0.2, 1.0), Arbitraries.of(Reduction.class))
                .as(Config::new);
    }

    @Provide
    Arbitrary<Double> shifts() {
        return Arbitraries.doubles().between(-5, 5);
    }

    @Provide
    Arbitrary<Integer> threadCounts() {
        return Arbitraries.integers().between(1, 3);
    }
}
