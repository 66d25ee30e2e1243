package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Property(tries = 60)
    void gradcheckPassesAwayFromTies(@ForAll("batches") Batch b, @ForAll("configs") Config c) {
        TripletLoss loss = c.builder().build();
        LossResult r = run(loss, b.tensor(), b.labels());
        Assume.that(r.metrics().validAnchors() > 0);
        Tensor g = gradient(loss, b.tensor(), b.labels());
        double h = 1e-6;
        for (int i = 0; i < b.x().length; i++) {
            double[] up = b.x().clone();
            double[] down = b.x().clone();
            up[i] += h;
            down[i] -= h;
            LossResult ru = loss.apply(Var.constant(Tensor.of(up, b.n(), b.d())), b.labels());
            LossResult rd = loss.apply(Var.constant(Tensor.of(down, b.n(), b.d())), b.labels());
            Assume.that(ru.triplets().equals(r.triplets()) && rd.triplets().equals(r.triplets()));
            Assume.that(awayFromKinks(ru, c) && awayFromKinks(rd, c) && awayFromKinks(r, c));
            double numeric = (ru.value() - rd.value()) / (2 * h);
            double analytic = g.data()[i];
            assertTrue(Math.abs(numeric - analytic) <= 1e-5 * (1 + Math.abs(analytic)),
                    "entry " + i + ": analytic " + analytic + ", central difference " + numeric);
        }
    }

    /** No hinge term sits near its kink at 0 and no chosen distance near 0, where the loss is not smooth. */
    private static boolean awayFromKinks(LossResult r, Config c) {
        HardestTriplets h = r.hardest();
        for (int a = 0; a < h.size(); a++) {
            if (h.isValid(a) && (h.negativeDistance(a) < 1e-3 || h.positiveDistance(a) < 1e-3)) {
                return false;
            }
        }
        if (c.soft()) {
            return true;
        }
        double[] t = r.anchorTerms();
        for (int a = 0; a < t.length; a++) {
            if (h.isValid(a) && c.mining() == Mining.BATCH_HARD
                    && Math.abs(c.margin() + h.positiveDistance(a) - h.negativeDistance(a)) < 1e-4) {
                return false;
            }
        }
        return c.mining() == Mining.BATCH_HARD || batchAllAwayFromKinks(r, c);
    }

    private static boolean batchAllAwayFromKinks(LossResult r, Config c) {
        Tensor d = r.distances().value();
        for (Triplet t : r.triplets()) {
            double z = c.margin() + d.get(t.anchor(), t.positive()) - d.get(t.anchor(), t.negative());
            if (Math.abs(z) < 1e-4) {
                return false;
            }
        }
        return true;
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
