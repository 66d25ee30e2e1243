package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchBatchHardCommandTest {
    @Test
    void jsonListsOneTimingPerSizeAndImplementation() {
        CommandRun r = CommandRun.of("bench", "batch-hard", "--n", "8,12", "--dim", "4", "--threads", "2",
                "--min-seconds", "0.01", "--json");
        assertEquals(0, r.status, r.err);
        assertEquals(4, r.out.split("medianMicros").length - 1, r.out);
        assertTrue(r.out.contains("{\"n\": 12, \"dim\": 4, \"threads\": 2, \"impl\": \"fused\", \"medianMicros\": "),
                r.out);
    }

    @Test
    void anUnknownImplementationIsAnInputError() {
        CommandRun r = CommandRun.of("bench", "batch-hard", "--impl", "gpu");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("composed, fused"), r.err);
    }
}
