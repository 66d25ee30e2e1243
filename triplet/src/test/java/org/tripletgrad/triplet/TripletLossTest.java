package org.tripletgrad.triplet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class TripletLossTest {
    private static final int[] PK = {0, 0, 0, 1, 1, 1, 2, 2, 2};

    private static double[][] random(long seed, int n, int d) {
        return Tensor.randn(new SplittableRandom(seed), n, d).toMatrix();
    }

    @Test
    void everyConfigurationMatchesTheLoopsOfTheDefinition() {
        double[][] x = random(11, PK.length, 4);
        for (Metric m : Metric.values()) {
            for (Mining mining : Mining.values()) {
                for (Reduction r : Reduction.values()) {
                    for (boolean soft : new boolean[] {false, true}) {
                        TripletLoss.Builder b = TripletLoss.builder().metric(m).mining(mining).reduction(r);
                        TripletLoss loss = (soft ? b.soft() : b.margin(0.5)).build();
                        double got = loss.apply(Var.param(Tensor.matrix(x)), PK).value();
                        double want = mining == Mining.BATCH_HARD
                                ? NaiveTriplet.batchHard(x, PK, m, 0.5, soft, r)
                                : NaiveTriplet.batchAll(x, PK, m, 0.5, soft, r);
                        assertEquals(want, got, 1e-12 * (1 + Math.abs(want)), loss.toString());
                    }
                }
            }
        }
    }

    @Test
    void theChosenTripletsAreTheHardestByScanning() {
        double[][] x = random(5, PK.length, 3);
        LossResult r = TripletLoss.batchHard().apply(Var.param(Tensor.matrix(x)), PK);
        double[][] d = NaiveTriplet.distances(x, Metric.EUCLIDEAN);
        List<Triplet> t = r.triplets();
        assertEquals(PK.length, t.size());
        for (Triplet tr : t) {
            int[] pq = NaiveTriplet.hardest(d, PK, tr.anchor());
            assertEquals(new Triplet(tr.anchor(), pq[0], pq[1]), tr);
        }
    }

    @Test
    void noValidAnchorGivesExactlyZeroWithAZeroGradient() {
        for (int[] labels : new int[][] {{4, 4, 4, 4}, {0, 1, 2, 3}}) {
            for (Mining mining : Mining.values()) {
                Var x = Var.param(Tensor.matrix(random(2, 4, 3)));
                LossResult r = TripletLoss.builder().mining(mining).build().apply(x, labels);
                assertEquals(0.0, r.value());
                r.loss().backward();
                for (double g : x.grad().data()) {
                    assertEquals(0.0, g);
                }
                assertEquals(0, r.metrics().validAnchors());
            }
        }
    }

    @Test
    void theGradientReachesOnlyRowsInAChosenTriplet() {
        double[][] x = {{0, 0}, {0, 1}, {5, 5}, {3, 0}, {20, 20}};
        Var v = Var.param(Tensor.matrix(x));
        LossResult r = TripletLoss.builder().margin(10).build().apply(v, new int[] {0, 0, 1, 1, 2});
        r.loss().backward();
        double[] g = v.grad().data();
        assertEquals(0.0, g[8]);
        assertEquals(0.0, g[9]);
        assertTrue(g[0] != 0 || g[1] != 0);
    }

    @Test
    void softMarginOfAHugeGapIsTheGapItself() {
        double[][] x = {{0}, {100}, {0.5}};
        LossResult r = TripletLoss.builder().soft().reduction(Reduction.SUM).build()
                .apply(Var.param(Tensor.matrix(x)), new int[] {0, 0, 1});
        assertEquals(99.5, r.anchorTerms()[0]);
        assertEquals(99.5 + Math.log1p(Math.exp(0.5)), r.value(), 1e-12);
        r.loss().backward();
        assertTrue(Double.isFinite(r.loss().value().item()));
    }

    @Test
    void collapsedEmbeddingsGiveTheMarginOrLnTwoAndNoGradient() {
        double[][] x = new double[6][3];
        for (double[] row : x) {
            row[0] = 0.3;
            row[1] = -1.1;
            row[2] = 2.0;
        }
        int[] labels = {0, 0, 1, 1, 2, 2};
        Var v = Var.param(Tensor.matrix(x));
        LossResult hinge = TripletLoss.builder().margin(0.7).build().apply(v, labels);
        assertEquals(0.7, hinge.value(), 1e-15);
        hinge.loss().backward();
        for (double g : v.grad().data()) {
            assertEquals(0.0, g);
        }
        LossResult soft = TripletLoss.builder().soft().build().apply(Var.param(Tensor.matrix(x)), labels);
        assertEquals(Math.log(2), soft.value(), 1e-15);
    }

    @Test
    void metricsCountValidAnchorsAndAverageTheHardestDistances() {
        double[][] x = {{0, 0}, {0, 3}, {4, 0}, {4, 4}, {10, 10}};
        int[] labels = {0, 0, 1, 1, 2};
        LossResult r = TripletLoss.builder().margin(1).build().apply(Var.param(Tensor.matrix(x)), labels);
        BatchMetrics m = r.metrics();
        assertEquals(5, m.anchors());
        assertEquals(4, m.validAnchors());
        double[][] d = NaiveTriplet.distances(x, Metric.EUCLIDEAN);
        double pos = 0;
        double neg = 0;
        int active = 0;
        for (int a = 0; a < 4; a++) {
            int[] pq = NaiveTriplet.hardest(d, labels, a);
            pos += d[a][pq[0]];
            neg += d[a][pq[1]];
            active += 1 + d[a][pq[0]] - d[a][pq[1]] > 0 ? 1 : 0;
        }
        assertEquals(pos / 4, m.meanHardestPositive(), 1e-12);
        assertEquals(neg / 4, m.meanHardestNegative(), 1e-12);
        assertEquals(active / 4.0, m.activeFraction());
        assertEquals((0 + 3 + 4 + Math.sqrt(32) + Math.sqrt(200)) / 5, m.meanEmbeddingNorm(), 1e-12);
    }

    @Test
    void aGivenDistanceMatrixIsMinedAndDifferentiated() {
        double[][] given = {{0, 3, 1}, {3, 0, 2}, {1, 2, 0}};
        Var d = Var.param(Tensor.matrix(given));
        LossResult r = TripletLoss.builder().margin(0).reduction(Reduction.SUM).build()
                .applyToDistances(d, Labels.of(0, 0, 1));
        assertEquals((3 - 1) + (3 - 2), r.value(), 1e-15);
        r.loss().backward();
        assertEquals(1.0, d.grad().get(0, 1));
        assertEquals(-1.0, d.grad().get(0, 2));
        assertEquals(0.0, d.grad().get(2, 0));
    }

    @Test
    void invalidConfigurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> TripletLoss.builder().margin(-0.1));
        assertThrows(IllegalArgumentException.class, () -> TripletLoss.builder().margin(0.3).soft().build());
        assertThrows(IllegalArgumentException.class, () -> TripletLoss.builder().threads(0));
    }

    @Test
    void labelsOfTheWrongLengthNameBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TripletLoss.batchHard().apply(Var.param(Tensor.zeros(3, 2)), new int[] {0, 1}));
        assertEquals("triplet loss: expected labels of shape [3] (one per row), got [2]", e.getMessage());
    }

    @Test
    void defaultReductionFollowsTheMining() {
        assertEquals(Reduction.MEAN, TripletLoss.batchHard().reduction());
        assertEquals(Reduction.MEAN_NONZERO, TripletLoss.builder().mining(Mining.BATCH_ALL).build().reduction());
        assertEquals(0.2, TripletLoss.batchHard().margin());
    }
}
