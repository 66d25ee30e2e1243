package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.NaiveTriplet;
import org.tripletgrad.triplet.Reduction;
import org.tripletgrad.triplet.TripletLoss;

class TrainingLossTest {
    private static final int BATCHES = 10;
    private static final Recipe CURRICULUM = Recipe.DEFAULT.toBuilder().curriculumEpochs(2).build();

    /** A PK batch of 10 classes x 8 samples, unit-length rows in 16 dimensions. */
    private static Tensor batch(long seed) {
        Tensor x = Tensor.randn(new SplittableRandom(seed), 80, 16);
        return x.div(x.square().sum(1, true).sqrt());
    }

    private static Labels labels() {
        int[] y = new int[80];
        for (int i = 0; i < 80; i++) {
            y[i] = i / 8;
        }
        return Labels.of(y);
    }

    @Test
    void theCurriculumWeightRisesLinearlyOverItsEpochsThenStaysAtOne() {
        TrainingLoss l = new TrainingLoss(CURRICULUM, BATCHES, 1);
        assertEquals(0.0, l.hardWeight(0));
        assertEquals(0.25, l.hardWeight(5));
        assertEquals(0.5, l.hardWeight(10));
        assertEquals(1.0, l.hardWeight(20));
        assertEquals(1.0, l.hardWeight(1000));
        assertEquals(1.0, new TrainingLoss(CURRICULUM.toBuilder().curriculumEpochs(0).build(), BATCHES, 1)
                .hardWeight(0));
        assertEquals(0.0, new TrainingLoss(CURRICULUM.toBuilder().curriculumEpochs(0).mining(Mining.BATCH_ALL)
                .build(), BATCHES, 1).hardWeight(1000));
    }

    @Test
    void underTheCurriculumTheLossAndGradientAreTheWeightedSumOfBatchAllAndBatchHard() {
        Tensor x = batch(1);
        Labels y = labels();
        TripletLoss all = TripletLoss.builder().mining(Mining.BATCH_ALL).margin(0.2).build();
        TripletLoss hard = TripletLoss.builder().mining(Mining.BATCH_HARD).margin(0.2).build();
        Var va = Var.param(x);
        Var la = all.apply(va, y).loss();
        la.backward();
        Var vh = Var.param(x);
        Var lh = hard.apply(vh, y).loss();
        lh.backward();
        double a = la.item();
        double h = lh.item();
        TrainingLoss loss = new TrainingLoss(CURRICULUM, BATCHES, 1);

        for (long step : new long[] {0, 6, 15}) {
            double w = loss.hardWeight(step);
            Var v = Var.param(x);
            StepLoss s = loss.apply(v, y, step);
            s.loss().backward();

            assertEquals((1 - w) * a + w * h, s.value(), 1e-12, "step " + step);
            Tensor expected = va.grad().mul(1 - w).add(vh.grad().mul(w));
            assertTrue(expected.allClose(v.grad(), 1e-9, 1e-12), "step " + step);
            assertEquals(w, s.hardWeight());
        }
    }

    @Test
    void theFusedLossAgreesWithTheComposedOneInLossGradientAndStatisticsThroughTheCurriculum() {
        TrainingLoss fused = new TrainingLoss(CURRICULUM, BATCHES, 2, Implementation.FUSED);
        TrainingLoss composed = new TrainingLoss(CURRICULUM, BATCHES, 1, Implementation.COMPOSED);
        for (long seed = 1; seed <= 5; seed++) {
            long step = 4 * (seed - 1);
            Tensor x = batch(seed).mul(0.3 * seed);
            Var vf = Var.param(x);
            Var vc = Var.param(x);
            StepLoss f = fused.apply(vf, labels(), step);
            StepLoss c = composed.apply(vc, labels(), step);
            f.loss().backward();
            c.loss().backward();

            assertEquals(c.value(), f.value(), 1e-12, "seed " + seed);
            assertTrue(vc.grad().allClose(vf.grad(), 1e-9, 1e-12), "seed " + seed);
            assertEquals(c.metrics().validAnchors(), f.metrics().validAnchors());
            assertEquals(c.metrics().activeFraction(), f.metrics().activeFraction());
        }
    }

    @Test
    void batchAllMiningReportsItsOwnStatistics() {
        Recipe allOnly = Recipe.DEFAULT.toBuilder().curriculumEpochs(0).mining(Mining.BATCH_ALL).build();
        Tensor x = batch(3);
        StepLoss s = new TrainingLoss(allOnly, BATCHES, 1).apply(Var.param(x), labels(), 0);
        double expected = NaiveTriplet.batchAll(x.toMatrix(), labels().toArray(), Metric.EUCLIDEAN, 0.2, false,
                Reduction.MEAN_NONZERO);
        assertEquals(expected, s.value(), 1e-12 * Math.abs(expected));
        assertEquals(80L * 7 * 72, s.metrics().terms(), "every valid triplet is a term");
    }
}
