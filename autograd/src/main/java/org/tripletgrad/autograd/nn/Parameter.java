package org.tripletgrad.autograd.nn;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * A trainable value of a module: a holder owning the current {@link Var#param leaf} that {@code forward} reads.
 *
 * <p>Tensors, and so {@code Var} values, are immutable. A parameter therefore changes by replacement: an optimiser
 * (or a checkpoint load) calls {@link #set(Tensor)}, which swaps in a fresh leaf holding the new value. Graphs built
 * before the swap keep the old leaf and are unaffected; every later {@code forward} reads the new one. The usual
 * order within a training step is therefore forward, backward, {@code optimizer.step()} (which reads
 * {@link #grad()} and swaps the value), and the gradient of the new leaf starts empty.
 *
 * <p>The shape is fixed at construction: {@link #set(Tensor)} refuses a value of another shape.
 */
public final class Parameter {
    private final Shape shape;
    private Var leaf;

    /** A parameter whose first value is {@code initial}. */
    public Parameter(Tensor initial) {
        this.shape = initial.shape();
        this.leaf = Var.param(initial);
    }

    /** The current leaf, to use in a forward pass; it changes after every {@link #set(Tensor)}. */
    public Var var() {
        return leaf;
    }

    /** The current value. */
    public Tensor value() {
        return leaf.value();
    }

    /** The shape, fixed for the parameter's life. */
    public Shape shape() {
        return shape;
    }

    /** The gradient accumulated into the current leaf, or null when no backward pass has reached it. */
    public Tensor grad() {
        return leaf.grad();
    }

    /** Clears the gradient of the current leaf. */
    public void zeroGrad() {
        leaf.zeroGrad();
    }

    /**
     * Replaces the value with {@code value} by swapping in a new leaf; the gradient starts empty again.
     *
     * @throws IllegalArgumentException when {@code value}'s shape differs from this parameter's
     */
    public void set(Tensor value) {
        if (!value.shape().equals(shape)) {
            throw new IllegalArgumentException(
                    "Parameter.set: expected shape " + shape + ", got " + value.shape());
        }
        leaf = Var.param(value);
    }

    @Override
    public String toString() {
        return "Parameter " + shape;
    }
}
