package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class OutputSplitProperties {
    @Property(tries = 300)
    void rectanglesCoverEveryOutputEntryExactlyOnce(@ForAll @IntRange(min = 1, max = 300) int m,
            @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 1, max = 9) int threads) {
        OutputSplit split = OutputSplit.of(m, n, 64, 24, threads);
        int[] covered = new int[m * n];
        for (int part = 0; part < split.parts(); part++) {
            assertEquals(0, split.colStart(part) % 24, "column cuts fall on the tile width");
            assertTrue(split.rowStart(part) < split.rowEnd(part) && split.colStart(part) < split.colEnd(part),
                    "part " + part + " is not empty");
            for (int i = split.rowStart(part); i < split.rowEnd(part); i++) {
                for (int j = split.colStart(part); j < split.colEnd(part); j++) {
                    covered[i * n + j]++;
                }
            }
        }
        for (int e = 0; e < covered.length; e++) {
            assertEquals(1, covered[e], "entry " + e / n + ", " + e % n);
        }
    }
}
