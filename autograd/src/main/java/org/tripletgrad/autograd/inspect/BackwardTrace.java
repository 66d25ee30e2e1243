package org.tripletgrad.autograd.inspect;

import java.util.List;

import org.tripletgrad.autograd.BackwardListener;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * A backward pass written out as plain text, step by step, for study:
 *
 * <pre>{@code
 * BackwardTrace trace = new BackwardTrace();
 * loss.backward(trace);
 * System.out.print(trace);
 * }</pre>
 *
 * <p>Each step is one op, in the order backward visits them (reverse topological order: an op comes before the ops
 * that produced its inputs). A step is a header line {@code step N: OP 'NAME' [SHAPE]}, a line with the gradient
 * that reached the op's output, and one line per input with the gradient passed to it (already summed back to the
 * input's shape when the input was broadcast), or {@code no gradient} for an input that wants none. Tensors print
 * as {@link TensorSummary}: the shape, then the values when there are few, else min, mean and max.
 */
public final class BackwardTrace implements BackwardListener {
    private final StringBuilder text = new StringBuilder();
    private int steps;

    /** Creates an empty trace. */
    public BackwardTrace() {
    }

    /** Runs backward from {@code output} (adding into the leaves' gradients, as any backward does) and traces it. */
    public static BackwardTrace of(Var output) {
        BackwardTrace trace = new BackwardTrace();
        output.backward(trace);
        return trace;
    }

    @Override
    public void step(Var node, Tensor gradOutput, Tensor[] gradInputs) {
        steps++;
        text.append("step ").append(steps).append(": ").append(describe(node)).append('\n');
        text.append("  grad at output: ").append(TensorSummary.of(gradOutput)).append('\n');
        List<Var> inputs = node.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            text.append("  to input ").append(i).append(", ").append(describe(inputs.get(i))).append(": ")
                    .append(gradInputs[i] == null ? "no gradient" : TensorSummary.of(gradInputs[i])).append('\n');
        }
    }

    private static String describe(Var v) {
        return v.op() + (v.name() != null ? " '" + v.name() + "'" : "") + " " + v.shape();
    }

    /** The number of steps traced so far. */
    public int steps() {
        return steps;
    }

    /** The trace: one block of lines per step. */
    @Override
    public String toString() {
        return text.toString();
    }
}
