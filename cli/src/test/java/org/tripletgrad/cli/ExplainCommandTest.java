package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        java.util.List<String> checked = r.out.lines().filter(s -> s.contains("(engine: ")).toList();
        assertEquals(10, checked.size(), r.out);
        checked.forEach(s -> {
            String mine = s.substring(s.lastIndexOf(" = ") + 3, s.indexOf(" (engine"));
            String engine = s.substring(s.indexOf("(engine: ") + 9, s.length() - 1);
            assertEquals(engine, mine, s);
        });
    }

    @Test
    void dotWritesTheGraphWithTheGradientOfEveryValue(@TempDir Path dir) throws IOException {
        Path dot = dir.resolve("g.dot");
        CommandRun r = CommandRun.of("explain", "--dot", dot.toString());
        assertEquals(0, r.status, r.err);
        String text = Files.readString(dot);
        assertTrue(text.startsWith("digraph") && text.contains("matmul") && text.contains("->"), text);

        Map<String, String> gradByName = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^  n\\d+ \\[label=\"([^\"]*)\"").matcher(text);
        while (m.find()) {
            String[] lines = m.group(1).split("\\\\n");
            assertEquals(4, lines.length, m.group(1));
            assertTrue(lines[1].startsWith("shape ") && lines[2].startsWith("value ") && lines[3].startsWith("grad "),
                    m.group(1));
            gradByName.put(lines[0].split(" = ")[0], lines[3]);
        }
        assertEquals("grad 1.000", gradByName.get("loss"));
        // Mean over the two valid anchors, both hinges active (anchor 1: 0.2 + d(1, 2) - d(1, 3) = 0.2 + 1.8028 -
        // 0.7071; anchor 2: 0.2 + d(2, 1) - d(2, 4) = 0.2 + 1.8028 - 1.4142): d loss / d distances is +1/2 at
        // d(1, 2) and d(2, 1), -1/2 at d(1, 3) and d(2, 4), 0 at the other 21 entries.
        assertEquals("grad min -0.5000 mean 0.000 max 0.5000", gradByName.get("distances"));
        assertTrue(gradByName.get("embeddings").startsWith("grad min "), gradByName.get("embeddings"));
    }
}
