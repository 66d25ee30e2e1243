package org.tripletgrad.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExponentialDecayTest {
    private final ExponentialDecay paper = new ExponentialDecay(3e-4, 15000, 25000);

    @Test
    void constantUpToT0() {
        assertEquals(3e-4, paper.rate(0));
        assertEquals(3e-4, paper.rate(15000));
    }

    @Test
    void reachesOneThousandthAtT1AndStaysThere() {
        assertEquals(3e-7, paper.rate(25000), 1e-20);
        assertEquals(3e-7, paper.rate(40000), 1e-20);
    }

    @Test
    void halfwayIsTheGeometricMeanOfStartAndEnd() {
        assertEquals(Math.sqrt(3e-4 * 3e-7), paper.rate(20000), 1e-18);
        assertEquals(3e-4 * Math.pow(10, -0.3), paper.rate(16000), 1e-18);
    }

    @Test
    void decreasesStrictlyBetweenT0AndT1() {
        for (long t = 15000; t < 25000; t += 250) {
            assertTrue(paper.rate(t + 250) < paper.rate(t), "at " + t);
        }
    }

    @Test
    void constantScheduleIgnoresTheStep() {
        LearningRateSchedule s = LearningRateSchedule.constant(0.01);
        assertEquals(0.01, s.rate(0));
        assertEquals(0.01, s.rate(123456));
    }

    @Test
    void refusesAnEmptyDecayInterval() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExponentialDecay(1e-3, 10, 10));
        assertEquals("ExponentialDecay: expected 0 <= t0 < t1, got t0 = 10, t1 = 10", e.getMessage());
    }
}
