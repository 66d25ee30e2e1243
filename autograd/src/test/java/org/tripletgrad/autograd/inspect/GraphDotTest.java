package org.tripletgrad.autograd.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class GraphDotTest {
    private static final Pattern NODE =
            Pattern.compile("^  n(\\d+) \\[label=\"((?:[^\"\\\\]|\\\\.)*)\", shape=(\\w+).*\\];$");
    private static final Pattern EDGE = Pattern.compile("^  n(\\d+) -> n(\\d+)(?: \\[label=\"(\\d+)\"\\])?;$");

    /** A parsed DOT graph: node labels by id (label lines split at DOT's \n) and edges "from->to". */
    private static final class Parsed {
        final Map<Integer, String[]> labels = new HashMap<>();
        final Map<Integer, String> shapes = new HashMap<>();
        final Set<String> edges = new HashSet<>();
        int edgeCount;

        String name(int id) {
            return labels.get(id)[0].split(" = ")[0];
        }

        Set<String> namedEdges() {
            Set<String> named = new HashSet<>();
            for (String e : edges) {
                String[] p = e.split("->");
                named.add(name(Integer.parseInt(p[0])) + "->" + name(Integer.parseInt(p[1])));
            }
            return named;
        }

        String[] labelOf(String name) {
            return labels.values().stream().filter(l -> l[0].split(" = ")[0].equals(name)).findFirst().orElseThrow();
        }
    }

    private static Parsed parse(String dot) {
        String[] lines = dot.split("\n");
        assertTrue(lines[0].startsWith("digraph "), lines[0]);
        assertEquals("}", lines[lines.length - 1]);
        Parsed p = new Parsed();
        for (String line : lines) {
            Matcher n = NODE.matcher(line);
            Matcher e = EDGE.matcher(line);
            if (n.matches()) {
                p.labels.put(Integer.parseInt(n.group(1)), n.group(2).split("\\\\n"));
                p.shapes.put(Integer.parseInt(n.group(1)), n.group(3));
            } else if (e.matches()) {
                p.edges.add(e.group(1) + "->" + e.group(2));
                p.edgeCount++;
            }
        }
        return p;
    }

    /** y = (x * w + x) * c with named values: 6 values and 6 edges, by hand. */
    private static Var example(Var x, Var w) {
        Var c = Var.constant(Tensor.scalar(0.5)).named("c");
        return x.mul(w).named("xw").add(x).named("s").mul(c).named("y");
    }

    @Test
    void everyValueIsANodeAndEveryInputAnEdge() {
        Var x = Var.param(Tensor.vector(1, 2)).named("x");
        Var w = Var.param(Tensor.vector(3, 4)).named("w");
        Parsed p = parse(GraphDot.of(example(x, w)));

        assertEquals(6, p.labels.size());
        assertEquals(6, p.edgeCount);
        assertEquals(Set.of("x->xw", "w->xw", "xw->s", "x->s", "s->y", "c->y"), p.namedEdges());
    }

    @Test
    void labelsGiveOpShapeValueAndGradient() {
        Var x = Var.param(Tensor.vector(1, 2)).named("x");
        Var w = Var.param(Tensor.vector(3, 4)).named("w");
        Var y = example(x, w);
        y.sum().backward();
        String[] label = parse(GraphDot.of(y)).labelOf("x");

        assertEquals("x = leaf", label[0]);
        assertEquals("shape [2]", label[1]);
        assertClose(new double[] {1, 2}, numbersAfter("value ", label[2]));
        // d/dx sum((x w + x) c) = (w + 1) c
        assertClose(new double[] {2, 2.5}, numbersAfter("grad ", label[3]));
    }

    @Test
    void aRecorderSuppliesTheGradientsOfIntermediateValues() {
        Var x = Var.param(Tensor.vector(1, 2)).named("x");
        Var w = Var.param(Tensor.vector(3, 4)).named("w");
        Var y = example(x, w);
        Var loss = y.sum().named("loss");
        GradientRecorder grads = new GradientRecorder();
        loss.backward(grads);

        Parsed plain = parse(GraphDot.of(loss));
        Parsed recorded = parse(GraphDot.of(loss, grads::gradient));
        assertEquals("grad none", plain.labelOf("xw")[3]);
        // d loss / d xw = c
        assertClose(new double[] {0.5, 0.5}, numbersAfter("grad ", recorded.labelOf("xw")[3]));
        assertClose(new double[] {1}, numbersAfter("grad ", recorded.labelOf("loss")[3]));
        assertClose(new double[] {2, 2.5}, numbersAfter("grad ", recorded.labelOf("x")[3]));
    }

    @Test
    void leavesConstantsAndOpsAreDrawnDifferently() {
        Var x = Var.param(Tensor.vector(1)).named("x");
        Parsed p = parse(GraphDot.of(x.mul(Var.constant(Tensor.vector(2)).named("k")).named("out")));
        Map<String, String> shapeByName = new HashMap<>();
        p.labels.keySet().forEach(id -> shapeByName.put(p.name(id), p.shapes.get(id)));

        assertEquals(Map.of("x", "ellipse", "k", "ellipse", "out", "box"), shapeByName);
    }

    @Test
    void quotesAndBackslashesInNamesAreEscaped() {
        Var x = Var.param(Tensor.vector(1)).named("say \"hi\" \\o/");
        Parsed p = parse(GraphDot.of(x.neg()));

        assertEquals(2, p.labels.size());
        assertEquals(1, p.edgeCount);
    }

    @Test
    void largeTensorsAreSummarisedByMinMeanAndMax() {
        Var x = Var.param(Tensor.arange(10)).named("x");
        String[] label = parse(GraphDot.of(x.neg())).labelOf("x");

        Matcher m = Pattern.compile("value min (\\S+) mean (\\S+) max (\\S+)").matcher(label[2]);
        assertTrue(m.matches(), label[2]);
        assertClose(new double[] {0, 4.5, 9}, new double[] {Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
    }

    private static double[] numbersAfter(String prefix, String line) {
        assertTrue(line.startsWith(prefix), line);
        String[] parts = line.substring(prefix.length()).split(", ");
        double[] d = new double[parts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.parseDouble(parts[i]);
        }
        return d;
    }

    /** Four significant digits are printed. */
    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-3 * Math.abs(expected[i]), "element " + i);
        }
    }
}
