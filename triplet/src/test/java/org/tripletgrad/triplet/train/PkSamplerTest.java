package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PkSamplerTest {
    private static int[] cyclic(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    @Test
    void anEpochOfSixtyThousandSamplesInBatchesOfEightyIs750Batches() {
        PkSampler s = new PkSampler(cyclic(60000, 10), PkSampler.DEFAULT_P, PkSampler.DEFAULT_K, 1);
        assertEquals(750, s.batchesPerEpoch());
        assertEquals(80, s.batchSize());
        assertEquals(10, s.classCount());
    }

    @Test
    void theSameSeedEpochAndIndexGiveTheSameBatchAndOthersDiffer() {
        int[] labels = cyclic(1000, 10);
        PkSampler a = new PkSampler(labels, 4, 3, 42);
        PkSampler b = new PkSampler(labels, 4, 3, 42);
        assertArrayEquals(a.batch(3, 7), b.batch(3, 7));
        assertFalse(Arrays.equals(a.batch(3, 7), a.batch(3, 8)));
        assertFalse(Arrays.equals(a.batch(3, 7), a.batch(4, 7)));
        assertFalse(Arrays.equals(a.batch(3, 7), new PkSampler(labels, 4, 3, 43).batch(3, 7)));
    }

    @Test
    void classesAreChosenUniformly() {
        PkSampler s = new PkSampler(cyclic(400, 4), 2, 2, 5, 4000);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int b = 0; b < 4000; b++) {
            int[] batch = s.batch(0, b);
            for (int c = 0; c < 2; c++) {
                counts.merge(batch[c * 2] % 4, 1, Integer::sum);
            }
        }
        // Each class is in a batch with probability 1/2: 2000 +- 31.6 per class; allow five standard deviations.
        for (int c = 0; c < 4; c++) {
            assertEquals(2000, counts.get(c), 160, "class " + c);
        }
    }

    @Test
    void everyPairOfAClassIsEquallyLikely() {
        int[] labels = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
        PkSampler s = new PkSampler(labels, 2, 2, 9, 10000);
        Map<Set<Integer>, Integer> pairs = new HashMap<>();
        for (int b = 0; b < 10000; b++) {
            int[] batch = s.batch(0, b);
            for (int c = 0; c < 2; c++) {
                if (batch[c * 2] < 5) {
                    pairs.merge(Set.of(batch[c * 2], batch[c * 2 + 1]), 1, Integer::sum);
                }
            }
        }
        // Ten pairs of class 0, each with probability 1/10 per batch: 1000 +- 30; allow five standard deviations.
        assertEquals(10, pairs.size());
        pairs.forEach((pair, n) -> assertEquals(1000, n, 150, "pair " + pair));
    }

    @Test
    void aClassSmallerThanKIsDrawnWithReplacementAndLargerOnesWithout() {
        int[] labels = {0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        PkSampler s = new PkSampler(labels, 3, 4, 3);
        for (int b = 0; b < s.batchesPerEpoch(); b++) {
            int[] batch = s.batch(2, b);
            for (int c = 0; c < 3; c++) {
                int[] group = Arrays.copyOfRange(batch, c * 4, c * 4 + 4);
                int label = labels[group[0]];
                for (int i : group) {
                    assertEquals(label, labels[i]);
                }
                long distinct = Arrays.stream(group).distinct().count();
                if (label == 1) {
                    assertTrue(distinct <= 2, "class 1 has two samples, so four draws must repeat");
                } else {
                    assertEquals(4, distinct, "class " + label + " has enough samples to draw without replacement");
                }
            }
        }
    }

    @Test
    void labelsNeedNotBeConsecutiveIntegers() {
        int[] labels = {70, -3, 70, 12, -3, 12, 70, -3, 12};
        int[] batch = new PkSampler(labels, 3, 2, 1).batch(0, 0);
        Set<Integer> seen = new HashSet<>();
        for (int c = 0; c < 3; c++) {
            assertEquals(labels[batch[2 * c]], labels[batch[2 * c + 1]]);
            assertTrue(seen.add(labels[batch[2 * c]]));
        }
        assertEquals(Set.of(70, -3, 12), seen);
    }

    @Test
    void pOrKBelowTwoOrPAboveTheClassCountIsRefusedWithTheReason() {
        int[] labels = cyclic(100, 10);
        assertEquals("PK sampler: P must be at least 2, got 1: with one class per batch no anchor has a negative",
                assertThrows(IllegalArgumentException.class, () -> new PkSampler(labels, 1, 8, 0)).getMessage());
        assertEquals("PK sampler: K must be at least 2, got 1: with one sample per class no anchor has a positive",
                assertThrows(IllegalArgumentException.class, () -> new PkSampler(labels, 10, 1, 0)).getMessage());
        assertEquals("PK sampler: P = 11 exceeds the 10 classes in the labels: a batch needs P distinct classes",
                assertThrows(IllegalArgumentException.class, () -> new PkSampler(labels, 11, 2, 0)).getMessage());
    }

    @Test
    void aBatchIndexOutsideTheEpochIsRefused() {
        PkSampler s = new PkSampler(cyclic(100, 10), 2, 5, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.batch(0, 10));
        assertEquals("PK sampler: expected epoch >= 0 and batch in [0, 10), got epoch 0, batch 10", e.getMessage());
    }
}
