package org.tripletgrad.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * A value in a computation graph: a tensor, whether a gradient is wanted for it, and the op that made it.
 *
 * <p>Leaves are made by {@link #param} (wants a gradient) and {@link #constant} (does not). Every op below returns a
 * new {@code Var} whose forward value is computed at once and whose local backward rule sits beside it. When no
 * input wants a gradient, or recording is off ({@link GradMode#noGrad()}), the result is a constant and no graph is
 * kept.
 *
 * <p>{@link #backward()} on a one-element result runs reverse mode over the graph in reverse topological order and
 * adds into the {@link #grad()} of every leaf that wants one. Gradients accumulate across calls, as in PyTorch;
 * {@link #zeroGrad()} clears them. Gradients of broadcast operands are summed back to the operand's shape in one
 * place, the engine, so no op has to undo broadcasting itself.
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    private final String op;
    private final Var[] inputs;
    private final Backward backward;
    private final StackTraceElement origin;
    private Tensor grad;
    private boolean retainGrad;
    private String name;

    private Var(Tensor value, boolean requiresGrad, String op, Var[] inputs, Backward backward) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.origin = Anomaly.isEnabled() ? Anomaly.callerOutsideAutograd() : null;
    }

    // ---------------------------------------------------------------- leaves and graph construction

    /** A leaf that wants a gradient: a parameter or an input to differentiate. */
    public static Var param(Tensor value) {
        return new Var(Objects.requireNonNull(value, "param: value"), true, "leaf", new Var[0], null);
    }

    /** A leaf that wants no gradient. */
    public static Var constant(Tensor value) {
        return new Var(Objects.requireNonNull(value, "constant: value"), false, "const", new Var[0], null);
    }

    /** A constant scalar. */
    public static Var constant(double value) {
        return constant(Tensor.scalar(value));
    }

    /**
     * The result of an op: records {@code backward} against {@code inputs} when recording is on and some input
     * wants a gradient, else returns a constant. This is how new ops are defined.
     *
     * @param op the op's name, shown in errors, anomaly reports, traces and graphs
     */
    public static Var of(String op, Tensor value, Backward backward, Var... inputs) {
        Objects.requireNonNull(op, "Var.of: op name");
        Objects.requireNonNull(value, () -> op + ": forward value is null");
        Objects.requireNonNull(backward, () -> op + ": backward rule is null");
        boolean needs = false;
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new NullPointerException(op + ": input " + i + " is null");
            }
            needs |= inputs[i].requiresGrad;
        }
        needs &= GradMode.isEnabled();
        Var out = needs ? new Var(value, true, op, inputs, backward) : new Var(value, false, op, new Var[0], null);
        if (Anomaly.isEnabled()) {
            Anomaly.checkForward(op, value, out.origin);
        }
        return out;
    }

    /** The same value, cut from the graph: no gradient flows back through the result. */
    public Var detach() {
        return constant(value);
    }

    // ---------------------------------------------------------------- accessors

    /** The forward value. */
    public Tensor value() {
        return value;
    }

    /** The shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** The single value of a one-element result. */
    public double item() {
        return value.item();
    }

    /** Whether a gradient flows to or through this value. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this is a leaf (made by {@link #param} or {@link #constant}) rather than the result of an op. */
    public boolean isLeaf() {
        return backward == null;
    }

    /** The name of the op that made this value ("leaf" or "const" for leaves). */
    public String op() {
        return op;
    }

    /** The op's inputs, in order; empty for leaves and constants. */
    public List<Var> inputs() {
        return List.of(inputs);
    }

    /** The line of code that created this value, when anomaly mode was on at the time; else null. */
    public StackTraceElement origin() {
        return origin;
    }

    /** The accumulated gradient, or null before any backward pass reached this value. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Keeps this non-leaf value's gradient after backward, as PyTorch's {@code retain_grad()}. Returns this. */
    public Var retainGrad() {
        retainGrad = true;
        return this;
    }

    /** An optional name, shown in graphs and traces. */
    public String name() {
        return name;
    }

    /** Sets the name shown in graphs and traces; returns this. */
    public Var named(String n) {
        this.name = n;
        return this;
    }

    // ---------------------------------------------------------------- the engine

    /** Reverse mode from this one-element value: adds d(this)/d(leaf) into every leaf's gradient. */
    public void backward() {
        backward(null);
    }

    /**
     * Reverse mode from this one-element value, telling {@code listener} about each step.
     *
     * @param listener told, for every op in the order backward visits them, the op's output and the gradient it
     *     passed to each input; may be null
     * @throws IllegalArgumentException when this value has more than one element
     * @throws IllegalStateException when this value does not require a gradient
     */
    public void backward(BackwardListener listener) {
        if (value.numel() != 1) {
            throw new IllegalArgumentException("backward: expected a one-element output, got shape " + shape());
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward: the output does not require a gradient (no input is a param,"
                    + " or it was computed under noGrad)");
        }
        List<Var> order = topologicalOrder();
        Map<Var, Tensor> pending = new IdentityHashMap<>();
        pending.put(this, Tensor.ones(value.shape().dims()));
        for (int n = order.size() - 1; n >= 0; n--) {
            Var node = order.get(n);
            Tensor g = pending.remove(node);
            if (g == null) {
                continue;
            }
            if (node.isLeaf() || node.retainGrad) {
                // Stored gradients are made dense: a rule may pass on a broadcast view with zero strides.
                node.grad = node.grad == null ? g.contiguous() : node.grad.add(g);
            }
            if (node.isLeaf()) {
                continue;
            }
            Tensor[] local = node.backward.apply(g);
            if (local == null || local.length != node.inputs.length) {
                String got = local == null ? "null" : local.length + " gradients";
                throw new IllegalStateException(node.op + ": backward returned " + got + ", expected "
                        + node.inputs.length + " (one per input)");
            }
            Tensor[] passed = listener == null ? null : new Tensor[node.inputs.length];
            for (int i = 0; i < node.inputs.length; i++) {
                Var in = node.inputs[i];
                if (!in.requiresGrad || local[i] == null) {
                    continue;
                }
                Tensor gi = fitToInput(node.op, local[i], in.shape());
                if (Anomaly.isEnabled()) {
                    Anomaly.checkBackward(node.op, i, gi, node.origin);
                }
                if (passed != null) {
                    passed[i] = gi;
                }
                pending.merge(in, gi, Tensor::add);
            }
            if (listener != null) {
                listener.step(node, g, passed);
            }
        }
    }

    /**
     * The single place where broadcasting is undone: sums a gradient back to its operand's shape. A rule may also
     * return a gradient that is constant along some dimensions in a smaller shape (a scalar for {@code sum}); it is
     * expanded to the operand's shape.
     */
    private static Tensor fitToInput(String op, Tensor g, Shape target) {
        if (g.shape().equals(target)) {
            return g;
        }
        if (target.broadcastsTo(g.shape())) {
            return g.sumTo(target);
        }
        if (g.shape().broadcastsTo(target)) {
            return g.expand(target);
        }
        throw new IllegalStateException(op + ": backward returned a gradient of shape " + g.shape()
                + " for an input of shape " + target);
    }

    /** Every value this one depends on that wants a gradient, inputs before the values computed from them. */
    public List<Var> topologicalOrder() {
        return inputsFirst(false);
    }

    /**
     * Every value this one depends on, constants included, inputs before the values computed from them; this value
     * comes last. A value computed from constants only keeps no inputs, so the walk stops there.
     */
    public List<Var> graph() {
        return inputsFirst(true);
    }

    /** Depth-first post-order over inputs, iterative so that deep graphs do not overflow the stack. */
    private List<Var> inputsFirst(boolean withConstants) {
        List<Var> order = new ArrayList<>();
        Map<Var, Boolean> seen = new IdentityHashMap<>();
        Deque<Var> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.put(this, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Var top = stack.peek();
            int i = next.pop();
            if (i < top.inputs.length) {
                next.push(i + 1);
                Var child = top.inputs[i];
                if ((withConstants || child.requiresGrad) && seen.put(child, Boolean.TRUE) == null) {
                    stack.push(child);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(top);
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- elementwise arithmetic

    /** this + o, broadcasting. d/dthis = 1, d/do = 1. */
    public Var add(Var o) {
        return of("add", value.add(o.value), g -> new Tensor[] {g, g}, this, o);
    }

    /** this - o, broadcasting. d/dthis = 1, d/do = -1. */
    public Var sub(Var o) {
        return of("sub", value.sub(o.value), g -> new Tensor[] {g, g.neg()}, this, o);
    }

    /** this * o, broadcasting. d/dthis = o, d/do = this. */
    public Var mul(Var o) {
        return of("mul", value.mul(o.value), g -> new Tensor[] {
            requiresGrad ? g.mul(o.value) : null,
            o.requiresGrad ? g.mul(value) : null}, this, o);
    }

    /**
     * this / o, broadcasting; division by zero follows IEEE 754. d/dthis = 1/o, d/do = -this/o^2, computed as
     * q = g/o (the gradient of this) and -q * out, so that the step allocates only the two gradients.
     */
    public Var div(Var o) {
        Tensor out = value.div(o.value);
        return of("div", out, g -> {
            Tensor q = g.div(o.value);
            return new Tensor[] {requiresGrad ? q : null,
                o.requiresGrad ? Tensor.zip(q, out, "div", (qi, y) -> -qi * y) : null};
        }, this, o);
    }

    /** -this. */
    public Var neg() {
        return of("neg", value.neg(), g -> new Tensor[] {g.neg()}, this);
    }

    /** this + c. */
    public Var add(double c) {
        return add(constant(c));
    }

    /** this - c. */
    public Var sub(double c) {
        return sub(constant(c));
    }

    /** this * c. */
    public Var mul(double c) {
        return mul(constant(c));
    }

    /** this / c. */
    public Var div(double c) {
        return div(constant(c));
    }

    /** this^2, composed as this * this. */
    public Var square() {
        return mul(this);
    }

    // ---------------------------------------------------------------- elementwise functions

    /**
     * max(this, 0). The derivative is 1 above 0 and 0 at and below 0 (PyTorch's convention at the kink); where it is
     * 0 the gradient passed back is exactly 0, even when the incoming gradient is infinite.
     */
    public Var relu() {
        return of("relu", value.relu(),
                g -> new Tensor[] {Tensor.zip(g, value, "relu", (gi, x) -> x > 0 ? gi : 0.0)}, this);
    }

    /**
     * The square root. d/dx = 1 / (2 sqrt(x)): +infinity at 0 for a positive incoming gradient, NaN below 0. See
     * {@link #maskedSqrt()} for the variant that is safe at 0.
     */
    public Var sqrt() {
        Tensor out = value.sqrt();
        return of("sqrt", out, g -> new Tensor[] {Tensor.zip(g, out, "sqrt", (gi, r) -> gi / (2 * r))}, this);
    }

    /**
     * The square root with a gradient of exactly 0, never NaN or infinity, where the input is exactly 0. This is the
     * trick that keeps a zero pairwise distance (an embedding compared with itself or a duplicate) from poisoning
     * backward; elsewhere it equals {@link #sqrt()}.
     */
    public Var maskedSqrt() {
        Tensor out = value.sqrt();
        // sqrt(x) is 0 exactly when x is (+0 or -0): even the smallest subnormal has a nonzero root
        return of("maskedSqrt", out,
                g -> new Tensor[] {Tensor.zip(g, out, "maskedSqrt", (gi, r) -> r == 0 ? 0.0 : gi / (2 * r))}, this);
    }

    /** e^x. d/dx = e^x. */
    public Var exp() {
        Tensor out = value.exp();
        return of("exp", out, g -> new Tensor[] {g.mul(out)}, this);
    }

    /** ln x. d/dx = 1/x. */
    public Var log() {
        return of("log", value.log(), g -> new Tensor[] {g.div(value)}, this);
    }

    /** softplus(x) = ln(1 + e^x), exact and finite for large |x|. d/dx = sigmoid(x). */
    public Var softplus() {
        return of("softplus", value.softplus(),
                g -> new Tensor[] {Tensor.zip(g, value, "softplus", (gi, x) -> gi * Tensor.sigmoid(x))}, this);
    }

    /**
     * Picks this where {@code mask} is nonzero and {@code other} elsewhere; mask, this and other broadcast together.
     * The gradient goes to whichever was picked, exactly 0 to the other; the mask is a constant.
     */
    public Var where(Tensor mask, Var other) {
        Tensor zero = Tensor.scalar(0.0);
        return of("where", Tensor.where(mask, value, other.value),
                g -> new Tensor[] {Tensor.where(mask, g, zero), Tensor.where(mask, zero, g)}, this, other);
    }

    /** {@code a} where {@code mask} is nonzero and {@code b} elsewhere, as {@code torch.where}; see {@link #where}. */
    public static Var where(Tensor mask, Var a, Var b) {
        return a.where(mask, b);
    }

    /** This with {@code fill} where {@code mask} is nonzero; no gradient flows to the filled places. */
    public Var maskedFill(Tensor mask, double fill) {
        return of("maskedFill", value.maskedFill(mask, fill),
                g -> new Tensor[] {Tensor.where(mask, Tensor.scalar(0.0), g)}, this);
    }

    /** max(this, c), composed from where: the gradient is 1 where this &gt; c and 0 elsewhere (0 on ties). */
    public Var clampMin(double c) {
        return where(value.gt(c), constant(c));
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements, a scalar. d/dx = 1 everywhere. */
    public Var sum() {
        Shape in = shape();
        return of("sum", value.sum(), g -> new Tensor[] {g.expand(in)}, this);
    }

    /** The sum over {@code dim}. The gradient is broadcast back along {@code dim}. */
    public Var sum(int dim, boolean keepDim) {
        Shape in = shape();
        int a = in.axis(dim, "sum");
        return of("sum", value.sum(a, keepDim), g -> new Tensor[] {(keepDim ? g : g.unsqueeze(a)).expand(in)}, this);
    }

    /** The mean of all elements, composed as sum / n. */
    public Var mean() {
        return sum().div(value.numel());
    }

    /** The mean over {@code dim}, composed as sum / n. */
    public Var mean(int dim, boolean keepDim) {
        return sum(dim, keepDim).div(shape().dim(dim));
    }

    /** The maximum over {@code dim}; the gradient goes only to the selected element, the lowest index on ties. */
    public Var max(int dim, boolean keepDim) {
        return selectExtreme("max", dim, keepDim, value.argmax(dim, true));
    }

    /** The minimum over {@code dim}; the gradient goes only to the selected element, the lowest index on ties. */
    public Var min(int dim, boolean keepDim) {
        return selectExtreme("min", dim, keepDim, value.argmin(dim, true));
    }

    private Var selectExtreme(String name, int dim, boolean keepDim, Tensor index) {
        Shape in = shape();
        int a = in.axis(dim, name);
        Tensor picked = value.gather(a, index);
        Tensor out = keepDim ? picked : picked.squeeze(a);
        return of(name, out, g -> new Tensor[] {Tensor.scatterAdd(in, a, index, keepDim ? g : g.unsqueeze(a))}, this);
    }

    // ---------------------------------------------------------------- shape

    /** The matrix product (see {@link Tensor#matmul}). d/dA = G B^T, d/dB = A^T G. */
    public Var matmul(Var o) {
        // Limitation: Tensor.matmul copies a transposed (non-contiguous) operand before multiplying, so each
        // gradient costs one extra copy of the other operand; a kernel that reads transposed operands would not.
        return of("matmul", value.matmul(o.value), g -> new Tensor[] {
            requiresGrad ? g.matmul(o.value.transpose(-1, -2)) : null,
            o.requiresGrad ? value.transpose(-1, -2).matmul(g) : null}, this, o);
    }

    /** Dimensions {@code d0} and {@code d1} swapped. The gradient is swapped back. */
    public Var transpose(int d0, int d1) {
        return of("transpose", value.transpose(d0, d1), g -> new Tensor[] {g.transpose(d0, d1)}, this);
    }

    /** The transpose of a matrix. */
    public Var t() {
        if (shape().rank() != 2) {
            throw new IllegalArgumentException("t: expected a 2-D value, got shape " + shape());
        }
        return transpose(0, 1);
    }

    /** The same elements in a new shape. The gradient is reshaped back. */
    public Var reshape(int... newShape) {
        int[] in = shape().dims();
        return of("reshape", value.reshape(newShape), g -> new Tensor[] {g.reshape(in)}, this);
    }

    /** A new dimension of size 1 at {@code dim}. The gradient is reshaped back. */
    public Var unsqueeze(int dim) {
        Shape in = shape();
        return of("unsqueeze", value.unsqueeze(dim), g -> new Tensor[] {g.reshape(in.dims())}, this);
    }

    /** Dimension {@code dim}, which must have size 1, removed. The gradient is reshaped back. */
    public Var squeeze(int dim) {
        Shape in = shape();
        return of("squeeze", value.squeeze(dim), g -> new Tensor[] {g.reshape(in.dims())}, this);
    }

    /** Broadcast to {@code target}; the engine sums the gradient back to this shape. */
    public Var expand(int... target) {
        return of("expand", value.expand(target), g -> new Tensor[] {g}, this);
    }

    /** The main diagonal of a matrix. The gradient is placed back on the diagonal, zeros elsewhere. */
    public Var diagonal() {
        Shape in = shape();
        return of("diagonal", value.diagonal(), g -> {
            int rows = in.dim(0);
            int cols = in.dim(1);
            double[] d = new double[rows * cols];
            double[] gd = g.data();
            for (int i = 0; i < gd.length; i++) {
                d[i * cols + i] = gd[i];
            }
            return new Tensor[] {Tensor.wrap(d, rows, cols)};
        }, this);
    }

    /** The entries at {@code indices} along {@code dim}. The gradient is added back at those indices. */
    public Var indexSelect(int dim, int... indices) {
        Shape in = shape();
        int[] idx = indices.clone();
        return of("indexSelect", value.indexSelect(dim, idx), g -> new Tensor[] {Tensor.indexAdd(in, dim, idx, g)},
                this);
    }

    /** PyTorch's gather along {@code dim} with integer-valued {@code index}. The gradient is scattered back. */
    public Var gather(int dim, Tensor index) {
        Shape in = shape();
        return of("gather", value.gather(dim, index), g -> new Tensor[] {Tensor.scatterAdd(in, dim, index, g)}, this);
    }

    @Override
    public String toString() {
        return (name != null ? name + " = " : "") + op + " " + shape() + (requiresGrad ? " (grad)" : "");
    }
}
