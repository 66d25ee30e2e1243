package org.tripletgrad.autograd.inspect;

import java.util.IdentityHashMap;
import java.util.Map;

import org.tripletgrad.autograd.BackwardListener;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * Records, during one backward pass, the gradient of the output with respect to every value in the graph,
 * intermediate values included, without asking each of them to {@link Var#retainGrad() retain} it.
 *
 * <pre>{@code
 * GradientRecorder grads = new GradientRecorder();
 * loss.backward(grads);
 * String dot = GraphDot.of(loss, grads::gradient);
 * }</pre>
 *
 * <p>A value's gradient is the sum of the gradients its consumers passed to it (for the output itself, the seed of
 * ones). Use one recorder per backward pass; a second pass through the same recorder adds to what it holds.
 */
public final class GradientRecorder implements BackwardListener {
    private final Map<Var, Tensor> gradients = new IdentityHashMap<>();

    /** Creates an empty recorder. */
    public GradientRecorder() {
    }

    @Override
    public void step(Var node, Tensor gradOutput, Tensor[] gradInputs) {
        gradients.putIfAbsent(node, gradOutput);
        for (int i = 0; i < gradInputs.length; i++) {
            if (gradInputs[i] != null) {
                gradients.merge(node.inputs().get(i), gradInputs[i], Tensor::add);
            }
        }
    }

    /** The recorded gradient of {@code v}, or null when backward passed none to it. */
    public Tensor gradient(Var v) {
        return gradients.get(v);
    }

    /** How many values received a gradient. */
    public int size() {
        return gradients.size();
    }
}
