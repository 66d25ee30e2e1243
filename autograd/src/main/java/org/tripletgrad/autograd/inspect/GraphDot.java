package org.tripletgrad.autograd.inspect;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * Writes a computation graph as Graphviz DOT, for study: render it with {@code dot -Tsvg graph.dot > graph.svg}.
 *
 * <p>Every value the output depends on is one node, constants included; an edge runs from each input to the op that
 * consumed it, labelled with the input's position when the op has several. A node's label has four lines: the op
 * (and the value's {@link Var#named name}, if any), the shape, a {@link TensorSummary value summary} and a gradient
 * summary. Parameters are ellipses, constants dashed ellipses, op results boxes.
 *
 * <p>A value computed from constants only keeps no inputs (no graph is recorded for it), so it appears as a node of
 * its own without edges.
 */
public final class GraphDot {
    private GraphDot() {
    }

    /** The graph of {@code output}, with the gradients held by {@link Var#grad()} (leaves and retained values). */
    public static String of(Var output) {
        return of(output, Var::grad);
    }

    /**
     * The graph of {@code output} with the gradient of each node taken from {@code gradients}, for example a
     * {@link GradientRecorder}'s {@code gradient} method; a null gradient prints as {@code none}.
     */
    public static String of(Var output, Function<Var, Tensor> gradients) {
        List<Var> nodes = output.graph();
        Map<Var, Integer> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph tripletgrad {\n");
        sb.append("  rankdir=BT;\n");
        sb.append("  node [fontname=\"monospace\", fontsize=10];\n");
        for (Var v : nodes) {
            int id = ids.size();
            ids.put(v, id);
            sb.append("  n").append(id).append(" [label=\"").append(escape(label(v, gradients.apply(v))))
                    .append("\", ").append(style(v)).append("];\n");
        }
        for (Var v : nodes) {
            List<Var> in = v.inputs();
            for (int i = 0; i < in.size(); i++) {
                sb.append("  n").append(ids.get(in.get(i))).append(" -> n").append(ids.get(v));
                if (in.size() > 1) {
                    sb.append(" [label=\"").append(i).append("\"]");
                }
                sb.append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static String label(Var v, Tensor grad) {
        String head = v.name() != null ? v.name() + " = " + v.op() : v.op();
        return head + "\nshape " + v.shape() + "\nvalue " + TensorSummary.values(v.value())
                + "\ngrad " + TensorSummary.values(grad);
    }

    private static String style(Var v) {
        if (!v.isLeaf()) {
            return "shape=box";
        }
        return v.requiresGrad() ? "shape=ellipse" : "shape=ellipse, style=dashed";
    }

    /** Escapes a label for a DOT double-quoted string; line breaks become DOT's centred {@code \n}. */
    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
