package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class CollapseDetectorTest {
    /** The warnings of {@code detector} fed n steps of the given loss, active fraction and spread. */
    private static List<String> warnings(CollapseDetector detector, int n, IntToDoubleFunction loss,
            IntToDoubleFunction active, IntToDoubleFunction spread) {
        List<String> out = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Optional<String> w = detector.observe(t, loss.applyAsDouble(t), active.applyAsDouble(t),
                    spread.applyAsDouble(t));
            w.ifPresent(out::add);
        }
        return out;
    }

    @Test
    void aHealthyRunNeverWarns() {
        SplittableRandom rng = new SplittableRandom(1);
        CollapseDetector d = CollapseDetector.hinge(0.2);
        assertEquals(List.of(), warnings(d, 3000, t -> 0.05 + 0.15 * Math.exp(-t / 800.0) + 0.02 * rng.nextDouble(),
                t -> 0.3 + 0.6 * Math.exp(-t / 500.0) + 0.05 * rng.nextDouble(),
                t -> 1.0 + 0.5 * Math.exp(-t / 300.0) + 0.1 * rng.nextDouble()));
        assertFalse(d.collapsed());
    }

    @Test
    void aSpreadFallingTowardsZeroWarnsOnceAWindowAfterItDropsBelowTheRatio() {
        CollapseDetector d = CollapseDetector.hinge(0.2);
        List<String> w = warnings(d, 600, t -> 0.1 + 0.01 * Math.sin(t), t -> 0.5 + 0.1 * Math.sin(t / 3.0),
                t -> 2.0 * Math.exp(-t / 20.0));
        // spread < 1e-3 * 2 from t = 20 ln(1000) = 138.2, so from t = 139 on; the window of 50 fills at t = 188.
        assertEquals(1, w.size(), "one warning per episode");
        assertTrue(w.get(0).startsWith("step 188: the embeddings have collapsed: over the last 50 batches their"
                + " spread stayed below"), w.get(0));
        assertTrue(w.get(0).endsWith("try L2-normalised embeddings, a lower learning rate, or batch-all mining"));
        assertTrue(d.collapsed());
    }

    @Test
    void aHingeLossStuckAtTheMarginWithAFixedActiveFractionWarns() {
        List<String> w = warnings(CollapseDetector.hinge(0.2), 200,
                t -> t < 100 ? 0.15 + 0.02 * Math.sin(t) : 0.2 + 1e-6 * Math.sin(t),
                t -> t < 100 ? 0.6 + 0.1 * Math.sin(t) : 1.0, t -> 0.5);
        assertEquals(1, w.size());
        assertTrue(w.get(0).startsWith("step 149: the embeddings have collapsed: over the last 50 batches the loss"
                + " sat at 0.2000 (the margin"), w.get(0));
    }

    @Test
    void aSoftMarginLossStuckAtLn2Warns() {
        List<String> w = warnings(CollapseDetector.softMargin(), 120, t -> Math.log(2) + 1e-5 * Math.cos(t),
                t -> 1.0, t -> 0.01);
        assertEquals(1, w.size());
        assertTrue(w.get(0).contains("(ln 2, what d(a,p) = d(a,n) gives)"), w.get(0));
    }

    @Test
    void aLossNearTheMarginWhileTheActiveFractionMovesIsNotCollapse() {
        assertEquals(List.of(), warnings(CollapseDetector.hinge(0.2), 300, t -> 0.2 + 1e-6 * Math.sin(t),
                t -> 0.5 + 0.2 * Math.sin(t / 5.0), t -> 1.0));
    }

    @Test
    void itWarnsAgainAfterRecoveringAndCollapsingAgain() {
        CollapseDetector d = new CollapseDetector(0.2, "the margin", 5, 1e-3, 1e-3, 1e-2);
        int warnings = 0;
        for (int t = 0; t < 60; t++) {
            boolean stuck = (t / 20) % 2 == 0;
            double loss = stuck ? 0.2 : 0.1 + 0.05 * Math.sin(t);
            warnings += d.observe(t, loss, stuck ? 1.0 : 0.4 + 0.2 * Math.sin(t), 1.0).isPresent() ? 1 : 0;
        }
        assertEquals(2, warnings, "stuck during steps 0-19 and 40-59");
    }

    @Test
    void nonFiniteStatisticsAreNotCollapse() {
        CollapseDetector d = new CollapseDetector(0.2, "the margin", 3, 1e-3, 1e-3, 1e-2);
        for (int t = 0; t < 10; t++) {
            assertFalse(d.observe(t, Double.NaN, Double.NaN, Double.NaN).isPresent());
        }
    }

    @Test
    void spreadIsTheMeanDistanceToTheCentroid() {
        // Centroid (1, 1); distances 1, 1, sqrt(2), sqrt(2)... of the four points below.
        Tensor x = Tensor.matrix(new double[][] {{0, 1}, {2, 1}, {0, 0}, {2, 2}});
        assertEquals((1 + 1 + Math.sqrt(2) + Math.sqrt(2)) / 4, CollapseDetector.spread(x), 1e-15);
        assertEquals(0.0, CollapseDetector.spread(Tensor.full(3.5, 6, 4)));
    }

    @Test
    void aWindowBelowOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CollapseDetector(0.2, "m", 0, 1e-3, 1e-3, 1e-2));
        assertEquals("collapse detector: expected a window of at least 1, got 0", e.getMessage());
    }
}
