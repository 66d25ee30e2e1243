package org.tripletgrad.autograd.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class BackwardTraceTest {
    private static final Pattern STEP = Pattern.compile("^step (\\d+): (\\w+) '(\\w+)' (\\[[\\d, ]*\\])$");
    private static final Pattern INPUT =
            Pattern.compile("^  to input (\\d+), (\\w+)(?: '(\\w+)')? (\\[[\\d, ]*\\]): (.*)$");

    /** A parsed step: the op, its name, and the text after each "to input" line, by input position. */
    private record Step(int number, String op, String name, String gradAtOutput, List<String> toInputs,
            List<String> inputNames) {
    }

    private static List<Step> parse(String trace) {
        List<Step> steps = new ArrayList<>();
        String[] lines = trace.split("\n");
        for (int i = 0; i < lines.length; ) {
            Matcher m = STEP.matcher(lines[i]);
            assertTrue(m.matches(), "step header expected: " + lines[i]);
            assertTrue(lines[i + 1].startsWith("  grad at output: "), lines[i + 1]);
            List<String> to = new ArrayList<>();
            List<String> names = new ArrayList<>();
            int j = i + 2;
            for (; j < lines.length && lines[j].startsWith("  to input "); j++) {
                Matcher in = INPUT.matcher(lines[j]);
                assertTrue(in.matches(), lines[j]);
                assertEquals(to.size(), Integer.parseInt(in.group(1)));
                to.add(in.group(5));
                names.add(in.group(3));
            }
            steps.add(new Step(Integer.parseInt(m.group(1)), m.group(2), m.group(3),
                    lines[i + 1].substring("  grad at output: ".length()), to, names));
            i = j;
        }
        return steps;
    }

    @Test
    void everyOpIsOneStepInReverseTopologicalOrder() {
        Var x = Var.param(Tensor.vector(1, 2, 3)).named("x");
        Var b = Var.param(Tensor.scalar(0.5)).named("b");
        Var h = x.mul(x).named("sq").add(b).named("shifted");
        Var loss = h.relu().named("act").add(x.exp().named("ex")).named("both").sum(0, false).named("loss");
        List<Step> steps = parse(BackwardTrace.of(loss).toString());

        // every op written above is named, so each step can be told apart
        Map<String, Integer> position = new HashMap<>();
        for (Step s : steps) {
            assertEquals(position.size() + 1, s.number());
            assertEquals(null, position.put(s.name(), s.number()), "op traced twice: " + s.name());
        }
        assertEquals(steps.size(), position.size());
        for (Step s : steps) {
            for (String in : s.inputNames()) {
                if (in != null && position.containsKey(in)) {
                    assertTrue(position.get(s.name()) < position.get(in), s.name() + " must come before " + in);
                }
            }
        }
        assertEquals(Set.of("sq", "shifted", "act", "ex", "both", "loss"), position.keySet());
    }

    @Test
    void eachStepShowsTheGradientInAndTheGradientPassedToEachInput() {
        Var a = Var.param(Tensor.vector(2, 3)).named("a");
        Var c = Var.constant(Tensor.vector(10, 20)).named("c");
        Var loss = a.mul(c).named("prod").sum().named("total");
        List<Step> steps = parse(BackwardTrace.of(loss).toString());

        assertEquals(List.of("total", "prod"), steps.stream().map(Step::name).toList());
        assertEquals("[] 1.000", steps.get(0).gradAtOutput());
        Step prod = steps.get(1);
        assertEquals("mul", prod.op());
        // d total / d a = c; the constant gets none
        assertEquals("[2] 10.00, 20.00", prod.toInputs().get(0));
        assertEquals("no gradient", prod.toInputs().get(1));
    }

    @Test
    void theGradientPassedToABroadcastInputHasThatInputsShape() {
        Var row = Var.param(Tensor.vector(1, 2, 3)).named("row");
        Var col = Var.param(Tensor.zeros(4, 1)).named("col");
        Var loss = row.add(col).named("grid").sum().named("total");
        Step grid = parse(BackwardTrace.of(loss).toString()).get(1);

        assertTrue(grid.gradAtOutput().startsWith("[4, 3] "), grid.gradAtOutput());
        assertEquals("[3] 4.000, 4.000, 4.000", grid.toInputs().get(0));
        assertEquals("[4, 1] 3.000, 3.000, 3.000, 3.000", grid.toInputs().get(1));
    }

    @Test
    void aTraceAndARecorderCanListenToTheSamePass() {
        Var x = Var.param(Tensor.vector(1, 2)).named("x");
        Var loss = x.mul(x).named("sq").sum().named("total");
        BackwardTrace trace = new BackwardTrace();
        GradientRecorder grads = new GradientRecorder();
        loss.backward(trace.andThen(grads));

        assertEquals(2, trace.steps());
        // d total / d x = 2x, recorded for the leaf and also accumulated into its grad
        assertEquals(List.of(2.0, 4.0), List.of(grads.gradient(x).get(0), grads.gradient(x).get(1)));
        assertEquals(grads.gradient(x), x.grad());
    }
}
