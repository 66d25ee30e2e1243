package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.check.GradcheckCase;
import org.tripletgrad.autograd.check.OpCases;
import org.tripletgrad.tensor.Tensor;

import picocli.CommandLine;

class GradcheckCommandTest {
    private static final Pattern ROW =
            Pattern.compile("^(\\w+)\\s+((?:\\[[\\d, ]*\\](?:, )?)+)\\s+(\\S+)\\s+(\\S+)\\s+(pass|FAIL)$");

    private static final List<String> NAMES = GradcheckCommand.cases().stream().map(GradcheckCase::name).toList();

    private static List<Matcher> rows(String out) {
        return Arrays.stream(out.split("\n")).map(ROW::matcher).filter(Matcher::matches).toList();
    }

    @Test
    void theRegistryHasEveryOpThenEveryTripletLoss() {
        List<String> ops = OpCases.names();
        assertEquals(ops, NAMES.subList(0, ops.size()));
        assertEquals(List.of("batchHard", "batchHardSoft", "batchHardFused", "batchHardSqeuclidean", "batchHardCosine",
                "batchAll", "batchAllFused"), NAMES.subList(ops.size(), NAMES.size()));
    }

    @Test
    void everyTripletLossPassesWhateverTheSeed() {
        for (String seed : new String[] {"2", "17", "-5", "123456789"}) {
            for (String loss : List.of("batchHard", "batchHardFused", "batchHardCosine", "batchAll",
                    "batchAllFused")) {
                CommandRun r = CommandRun.of("gradcheck", "--op", loss, "--seed", seed);
                assertEquals(0, r.status, "seed " + seed + ": " + r.out + r.err);
                assertEquals("pass", rows(r.out).get(0).group(5), r.out);
            }
        }
    }

    @Test
    void everyCasePassesAndGetsOneRow() {
        CommandRun r = CommandRun.of("gradcheck");

        assertEquals(0, r.status, r.err);
        List<Matcher> rows = rows(r.out);
        assertEquals(NAMES, rows.stream().map(m -> m.group(1)).toList());
        for (Matcher m : rows) {
            assertEquals("pass", m.group(5), m.group(0));
            double abs = Double.parseDouble(m.group(3));
            assertTrue(abs >= 0 && abs <= 1e-5, m.group(0));
        }
    }

    @Test
    void opSelectsOneRowWithTheSameFiguresAsInTheFullRun() {
        CommandRun one = CommandRun.of("gradcheck", "--op", "matmulBatched", "--seed", "3");
        CommandRun all = CommandRun.of("gradcheck", "--seed", "3");

        assertEquals(0, one.status, one.err);
        List<Matcher> rows = rows(one.out);
        assertEquals(1, rows.size());
        String row = rows.get(0).group(0);
        assertTrue(Arrays.asList(all.out.split("\n")).contains(row), row);
        assertTrue(row.contains("[2, 3, 4], [4, 5]"), row);
    }

    @Test
    void jsonIsAListWithOneObjectPerCase() {
        CommandRun r = CommandRun.of("gradcheck", "--json");

        assertEquals(0, r.status, r.err);
        String json = r.out.trim();
        assertTrue(json.startsWith("[") && json.endsWith("]"), json);
        Matcher m = Pattern.compile("\\{\"op\": \"(\\w+)\", \"shapes\": \\[(.*?)\\], \"maxAbsError\": ([-\\dE.]+), "
                + "\"maxRelError\": ([-\\dE.]+), \"passed\": (true|false)\\}").matcher(json);
        int objects = 0;
        while (m.find()) {
            assertEquals(NAMES.get(objects), m.group(1));
            assertEquals("true", m.group(5));
            objects++;
        }
        assertEquals(NAMES.size(), objects);
    }

    @Test
    void anUnknownOpExitsWithStatusTwoAndListsTheValidOnes() {
        CommandRun r = CommandRun.of("gradcheck", "--op", "nosuch");

        assertEquals(Main.EXIT_USAGE, r.status);
        assertEquals(1, r.err.strip().split("\n").length, r.err);
        assertTrue(r.err.contains("nosuch"), r.err);
        for (String name : NAMES) {
            assertTrue(r.err.contains(name), name + " missing from: " + r.err);
        }
    }

    @Test
    void aFailingCaseMakesTheExitStatusOne() {
        GradcheckCase wrong = new GradcheckCase("wrongDouble", rng -> List.of(Tensor.vector(1, 2)),
                x -> Var.of("wrongDouble", x.get(0).value().mul(2.0), g -> new Tensor[] {g.mul(3.0)}, x.get(0)));
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new GradcheckCommand(() -> List.of(wrong)));
        cl.setOut(new PrintWriter(out, true));
        int status = cl.execute();

        assertEquals(Main.EXIT_FAILURE, status);
        List<Matcher> rows = rows(out.toString());
        assertEquals(1, rows.size());
        assertEquals("FAIL", rows.get(0).group(5));
        assertTrue(out.toString().contains("wrongDouble: gradcheck FAILED"), out.toString());
    }
}
