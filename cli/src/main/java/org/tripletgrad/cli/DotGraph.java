package org.tripletgrad.cli;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.Var;

/**
 * The graph behind a value in Graphviz DOT: one node per value that wants a gradient (op, shape, name), one edge per
 * input. Constants are left out.
 */
final class DotGraph {
    private DotGraph() {
    }

    static String of(Var output) {
        List<Var> order = output.topologicalOrder();
        Map<Var, Integer> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph tripletgrad {\n  rankdir=BT;\n  node [shape=box, fontname=monospace];\n");
        for (Var v : order) {
            int id = ids.size();
            ids.put(v, id);
            String label = (v.name() != null ? v.name() + "\\n" : "") + v.op() + " " + v.shape();
            sb.append("  n").append(id).append(" [label=\"").append(label.replace("\"", "'")).append("\"")
                    .append(v.isLeaf() ? ", style=filled, fillcolor=lightgrey" : "").append("];\n");
        }
        for (Var v : order) {
            for (Var in : v.inputs()) {
                Integer from = ids.get(in);
                if (from != null) {
                    sb.append("  n").append(from).append(" -> n").append(ids.get(v)).append(";\n");
                }
            }
        }
        return sb.append("}\n").toString();
    }
}
