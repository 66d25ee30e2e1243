package org.tripletgrad.testkit;

import java.util.Objects;

import org.tripletgrad.tensor.Shape;

/**
 * Two shapes that broadcast together under NumPy's rules, and the shape they broadcast to.
 *
 * @param left the first operand's shape
 * @param right the second operand's shape
 * @param result the broadcast shape, computed by the generator from its own construction (not by {@link Shape})
 */
public record BroadcastPair(Shape left, Shape right, Shape result) {

    /** Checks that no part is null. */
    public BroadcastPair {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        Objects.requireNonNull(result, "result");
    }

    @Override
    public String toString() {
        return left + " with " + right + " -> " + result;
    }
}
