package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplainCommandTest {
    @Test
    void theWorkedExampleShowsTheDistancesAndTheTwoValidAnchors() {
        CommandRun r = CommandRun.of("explain");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("2.8284") && r.out.contains("4.4721"), r.out);
        assertTrue(r.out.contains("valid anchors: 2 of 5; triplets [(1, 2, 3), (2, 1, 3)]"), r.out);
        assertTrue(r.out.contains("anchor 0 (label 0): no other row has label 0"), r.out);
    }

    @Test
    void everyGradientEntryIsRebuiltFromTheChosenDistances() {
        CommandRun r = CommandRun.of("explain");
        long lines = r.out.lines().filter(s -> s.matches("\\s+x\\d\\[\\d\\]: .*")).count();
        assertEquals(10, lines, r.out);
        r.out.lines().filter(s -> s.contains("(engine: ")).forEach(s -> {
            String mine = s.substring(s.lastIndexOf(" = ") + 3, s.indexOf(" (engine"));
            String engine = s.substring(s.indexOf("(engine: ") + 9, s.length() - 1);
            assertEquals(engine, mine, s);
        });
    }

    @Test
    void dotWritesTheGraph(@TempDir Path dir) throws IOException {
        Path dot = dir.resolve("g.dot");
        CommandRun r = CommandRun.of("explain", "--dot", dot.toString());
        assertEquals(0, r.status, r.err);
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph") && text.contains("matmul") && text.contains("->"), text);
    }
}
