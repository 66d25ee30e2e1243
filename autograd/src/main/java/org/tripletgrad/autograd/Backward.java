package org.tripletgrad.autograd;

import org.tripletgrad.tensor.Tensor;

/**
 * The local backward rule of one op: given the gradient of the final output with respect to the op's output, the
 * gradients with respect to each of its inputs, in input order.
 *
 * <p>A rule may return a gradient of any shape that broadcasts to its input's shape; the engine sums it back to the
 * input's shape. It may return {@code null} for an input that does not need a gradient.
 */
@FunctionalInterface
public interface Backward {
    /** The gradients with respect to the op's inputs. */
    Tensor[] apply(Tensor gradOutput);
}
