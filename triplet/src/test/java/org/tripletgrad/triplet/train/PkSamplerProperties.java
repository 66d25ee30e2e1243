package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PkSamplerProperties {
    @Property(tries = 200)
    void everyBatchHoldsPDistinctClassesOfKSamplesEach(@ForAll("labels") int[] labels,
            @ForAll @IntRange(min = 2, max = 5) int k, @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 50) int epoch) {
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int l : labels) {
            sizes.merge(l, 1, Integer::sum);
        }
        int p = Math.max(2, sizes.size() / 2);
        PkSampler sampler = new PkSampler(labels, p, k, seed, 3);

        for (int b = 0; b < 3; b++) {
            int[] batch = sampler.batch(epoch, b);
            assertEquals(p * k, batch.length);
            int[] classOf = new int[p];
            for (int c = 0; c < p; c++) {
                int[] group = Arrays.copyOfRange(batch, c * k, c * k + k);
                classOf[c] = labels[group[0]];
                for (int i : group) {
                    assertTrue(i >= 0 && i < labels.length);
                    assertEquals(classOf[c], labels[i], "a group mixes classes");
                }
                if (sizes.get(classOf[c]) >= k) {
                    assertEquals(k, Arrays.stream(group).distinct().count(), "drawn with replacement needlessly");
                }
            }
            assertEquals(p, Arrays.stream(classOf).distinct().count(), "a class repeats in the batch");
        }
    }

    @Provide
    Arbitrary<int[]> labels() {
        Arbitrary<Integer> classes = Arbitraries.integers().between(2, 8);
        Arbitrary<Integer> length = Arbitraries.integers().between(8, 60);
        return Combinators.combine(classes, length, Arbitraries.longs()).as((c, n, s) -> {
            SplittableRandom rng = new SplittableRandom(s);
            int[] l = new int[n];
            for (int i = 0; i < n; i++) {
                l[i] = i < c ? i : rng.nextInt(c);
            }
            return l;
        });
    }
}
