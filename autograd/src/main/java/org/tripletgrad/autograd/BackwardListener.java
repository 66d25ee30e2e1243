package org.tripletgrad.autograd;

import java.util.Objects;

import org.tripletgrad.tensor.Tensor;

/** Told about each step of a backward pass; used to trace backward for study. */
@FunctionalInterface
public interface BackwardListener {
    /**
     * One op's backward step.
     *
     * @param node the op's output
     * @param gradOutput the gradient of the final output with respect to {@code node}
     * @param gradInputs the gradient passed to each input, already summed to the input's shape; null for inputs
     *     that want none
     */
    void step(Var node, Tensor gradOutput, Tensor[] gradInputs);

    /**
     * A listener that tells this one, then {@code next}, about every step, for example
     * {@code loss.backward(trace.andThen(grads))}.
     */
    default BackwardListener andThen(BackwardListener next) {
        Objects.requireNonNull(next, "andThen: listener");
        return (node, gradOutput, gradInputs) -> {
            step(node, gradOutput, gradInputs);
            next.step(node, gradOutput, gradInputs);
        };
    }
}
