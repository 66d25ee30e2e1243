package org.tripletgrad.tensor;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import org.tripletgrad.tensor.kernel.ArrayOps;
import org.tripletgrad.tensor.kernel.Kernels;

/**
 * A dense float64 tensor of any rank: a shape and a view (strides and offset) into a flat {@code double[]}.
 *
 * <p>Tensors are immutable values. Operations return new tensors; transpose, permute, expand, unsqueeze, squeeze,
 * diagonal, narrow and select return views that share storage, and reshape does too when the layout allows.
 * Elementwise operations broadcast their operands by NumPy's rules. Boolean masks are tensors of 0.0 and 1.0.
 *
 * <p>Shape errors are {@link IllegalArgumentException}s that name the operation and the shapes involved, for example
 * {@code matmul: inner dimensions differ, [3, 4] x [5, 2]}.
 */
public final class Tensor {
    private final double[] data;
    private final Shape shape;
    private final int[] strides;
    private final int offset;
    private final boolean contiguous;

    private Tensor(double[] data, Shape shape, int[] strides, int offset) {
        this.data = data;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.contiguous = offset == 0 && data.length == shape.numel()
                && Arrays.equals(strides, shape.contiguousStrides());
    }

    private static Tensor dense(double[] data, Shape shape) {
        return new Tensor(data, shape, shape.contiguousStrides(), 0);
    }

    // ---------------------------------------------------------------- construction

    /** A tensor holding a copy of {@code values} in row-major order. */
    public static Tensor of(double[] values, int... shape) {
        return wrap(values.clone(), shape);
    }

    /** A tensor over {@code values} without copying them; the caller must not change the array afterwards. */
    public static Tensor wrap(double[] values, int... shape) {
        Shape s = Shape.of(shape);
        if (s.numel() != values.length) {
            throw new IllegalArgumentException(
                    "tensor: " + values.length + " values do not fill shape " + s + " (" + s.numel() + " elements)");
        }
        return dense(values, s);
    }

    /** A 1-D tensor of the given values. */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor matrix(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] d = new double[rows.length * cols];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException(
                        "matrix: row " + i + " has " + rows[i].length + " values, row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, d, i * cols, cols);
        }
        return wrap(d, rows.length, cols);
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(double value) {
        return dense(new double[] {value}, Shape.scalar());
    }

    /** A tensor of the given shape filled with {@code value}. */
    public static Tensor full(double value, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.numel()];
        Arrays.fill(d, value);
        return dense(d, s);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        Shape s = Shape.of(shape);
        return dense(new double[s.numel()], s);
    }

    /** A tensor of zeros of the given shape. */
    public static Tensor zeros(Shape shape) {
        return dense(new double[shape.numel()], shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** The 1-D tensor 0, 1, ..., n - 1. */
    public static Tensor arange(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("arange: expected n >= 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return dense(d, Shape.of(n));
    }

    /** The n x n identity matrix. */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1.0;
        }
        return dense(d, Shape.of(n, n));
    }

    /** Independent standard normal samples drawn from {@code rng}. */
    public static Tensor randn(SplittableRandom rng, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = gaussian(rng);
        }
        return dense(d, s);
    }

    /** Independent samples uniform on [lo, hi) drawn from {@code rng}. */
    public static Tensor uniform(SplittableRandom rng, double lo, double hi, int... shape) {
        Shape s = Shape.of(shape);
        double[] d = new double[s.numel()];
        for (int i = 0; i < d.length; i++) {
            d[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return dense(d, s);
    }

    /** One standard normal sample by the Marsaglia polar method; deterministic for a given stream. */
    public static double gaussian(SplittableRandom rng) {
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    // ---------------------------------------------------------------- inspection

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The size of dimension {@code i} (negative counts from the end). */
    public int dim(int i) {
        return shape.dim(i);
    }

    /** The number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** The element at the given index, one coordinate per dimension. */
    public double get(int... index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: " + index.length + " coordinates for shape " + shape);
        }
        int at = offset;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("get: index " + Arrays.toString(index) + " outside " + shape);
            }
            at += index[i] * strides[i];
        }
        return data[at];
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalArgumentException("item: expected one element, got shape " + shape);
        }
        return data[offset];
    }

    /** Whether the view is dense and row-major, starting at the beginning of its storage. */
    public boolean isContiguous() {
        return contiguous;
    }

    /** The elements in row-major order, as a fresh array. */
    public double[] toArray() {
        if (isContiguous()) {
            return data.clone();
        }
        return gatherStrided();
    }

    /**
     * The elements in row-major order, without copying when the tensor is already contiguous.
     * The caller must not write to the result.
     */
    public double[] data() {
        return isContiguous() ? data : gatherStrided();
    }

    /** This tensor with dense row-major storage of its own (itself when it already has it). */
    public Tensor contiguous() {
        return isContiguous() ? this : dense(gatherStrided(), shape);
    }

    /** The row-major index of the first NaN or infinite element, or -1 when every element is finite. */
    public int firstNonFinite() {
        double[] d = data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                return i;
            }
        }
        return -1;
    }

    /** The rows of a 2-D tensor. */
    public double[][] toMatrix() {
        requireRank(2, "toMatrix");
        double[] d = data();
        int r = dim(0);
        int c = dim(1);
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            System.arraycopy(d, i * c, out[i], 0, c);
        }
        return out;
    }

    private double[] gatherStrided() {
        double[] out = new double[numel()];
        if (out.length == 0) {
            return out;
        }
        int rank = rank();
        if (rank == 0) {
            out[0] = data[offset];
            return out;
        }
        int[] dims = shape.dims();
        int[] idx = new int[rank];
        int inner = dims[rank - 1];
        int innerStride = strides[rank - 1];
        int base = offset;
        for (int o = 0; o < out.length; o += inner) {
            for (int j = 0, at = base; j < inner; j++, at += innerStride) {
                out[o + j] = data[at];
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                base += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                base -= idx[d] * strides[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    private void requireRank(int r, String op) {
        if (rank() != r) {
            throw new IllegalArgumentException(op + ": expected a " + r + "-D tensor, got shape " + shape);
        }
    }

    // ---------------------------------------------------------------- views

    /** The view with dimensions {@code d0} and {@code d1} swapped. */
    public Tensor transpose(int d0, int d1) {
        int a = shape.axis(d0, "transpose");
        int b = shape.axis(d1, "transpose");
        int[] order = new int[rank()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(order);
    }

    /** The transpose of a 2-D tensor. */
    public Tensor t() {
        requireRank(2, "t");
        return transpose(0, 1);
    }

    /** The view whose dimension {@code i} is this tensor's dimension {@code order[i]}. */
    public Tensor permute(int... order) {
        if (order.length != rank()) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " for shape " + shape);
        }
        int[] dims = new int[order.length];
        int[] st = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int i = 0; i < order.length; i++) {
            int a = shape.axis(order[i], "permute");
            if (seen[a]) {
                throw new IllegalArgumentException("permute: repeated dimension in " + Arrays.toString(order));
            }
            seen[a] = true;
            dims[i] = shape.dim(a);
            st[i] = strides[a];
        }
        return new Tensor(data, Shape.of(dims), st, offset);
    }

    /**
     * The same elements in a new shape; one size may be -1 and is then inferred. A view when this tensor is
     * contiguous, a copy otherwise.
     */
    public Tensor reshape(int... newShape) {
        int[] dims = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel() % known != 0) {
                throw new IllegalArgumentException(
                        "reshape: cannot reshape " + shape + " to " + Arrays.toString(newShape));
            }
            dims[infer] = (int) (numel() / known);
        }
        Shape s = Shape.of(dims);
        if (s.numel() != numel()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + shape + " to " + s);
        }
        return dense(data(), s);
    }

    /** The view with a new dimension of size 1 inserted at {@code dim} (which may equal the rank). */
    public Tensor unsqueeze(int dim) {
        int r = rank();
        int at = dim < 0 ? dim + r + 1 : dim;
        if (at < 0 || at > r) {
            throw new IllegalArgumentException("unsqueeze: dimension " + dim + " out of range for shape " + shape);
        }
        int[] dims = new int[r + 1];
        int[] st = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            if (i == at) {
                dims[i] = 1;
                st[i] = j < r ? strides[j] * shape.dim(j) : 1;
            } else {
                dims[i] = shape.dim(j);
                st[i] = strides[j];
                j++;
            }
        }
        return new Tensor(data, Shape.of(dims), st, offset);
    }

    /** The view with dimension {@code dim}, which must have size 1, removed. */
    public Tensor squeeze(int dim) {
        int a = shape.axis(dim, "squeeze");
        if (shape.dim(a) != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + dim + " of " + shape + " is not 1");
        }
        int[] dims = new int[rank() - 1];
        int[] st = new int[rank() - 1];
        for (int i = 0, j = 0; i < rank(); i++) {
            if (i != a) {
                dims[j] = shape.dim(i);
                st[j++] = strides[i];
            }
        }
        return new Tensor(data, Shape.of(dims), st, offset);
    }

    /** The view broadcast to {@code target}, repeating size-1 and missing leading dimensions without copying. */
    public Tensor expand(Shape target) {
        if (!shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("expand: cannot expand " + shape + " to " + target);
        }
        return new Tensor(data, target, broadcastStrides(target), offset);
    }

    /** The view broadcast to the given sizes. */
    public Tensor expand(int... target) {
        return expand(Shape.of(target));
    }

    /** The main diagonal of a 2-D tensor, as a 1-D view. */
    public Tensor diagonal() {
        requireRank(2, "diagonal");
        int n = Math.min(dim(0), dim(1));
        return new Tensor(data, Shape.of(n), new int[] {strides[0] + strides[1]}, offset);
    }

    /** The view of {@code length} entries of dimension {@code dim} starting at {@code start}. */
    public Tensor narrow(int dim, int start, int length) {
        int a = shape.axis(dim, "narrow");
        if (start < 0 || length < 0 || start + length > shape.dim(a)) {
            throw new IllegalArgumentException("narrow: range [" + start + ", " + (start + length)
                    + ") outside dimension " + dim + " of " + shape);
        }
        int[] dims = shape.dims();
        dims[a] = length;
        return new Tensor(data, Shape.of(dims), strides, offset + start * strides[a]);
    }

    /** The view at {@code index} of dimension {@code dim}, with that dimension removed. */
    public Tensor select(int dim, int index) {
        return narrow(dim, index, 1).squeeze(dim);
    }

    /** Strides that read this tensor as if broadcast to {@code target}: 0 along repeated dimensions. */
    private int[] broadcastStrides(Shape target) {
        int lead = target.rank() - rank();
        int[] st = new int[target.rank()];
        for (int i = 0; i < rank(); i++) {
            st[lead + i] = shape.dim(i) == 1 && target.dim(lead + i) != 1 ? 0 : strides[i];
        }
        return st;
    }

    // ---------------------------------------------------------------- elementwise

    /** Applies {@code f} to every element. */
    public Tensor map(DoubleUnaryOperator f) {
        double[] src = data();
        double[] out = new double[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(src[i]);
        }
        return dense(out, shape);
    }

    /**
     * Combines {@code a} and {@code b} element by element after broadcasting them to a common shape.
     *
     * @param op named in the error when the shapes do not broadcast
     */
    public static Tensor zip(Tensor a, Tensor b, String op, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(a.shape, b.shape, op);
        double[] r = new double[out.numel()];
        if (a.shape.equals(b.shape) && a.isContiguous() && b.isContiguous()) {
            double[] x = a.data;
            double[] y = b.data;
            for (int i = 0; i < r.length; i++) {
                r[i] = f.applyAsDouble(x[i], y[i]);
            }
            return dense(r, out);
        }
        if (r.length == 0) {
            return dense(r, out);
        }
        if (out.rank() == 0) {
            r[0] = f.applyAsDouble(a.data[a.offset], b.data[b.offset]);
            return dense(r, out);
        }
        int[] sa = a.broadcastStrides(out);
        int[] sb = b.broadcastStrides(out);
        int rank = out.rank();
        int[] dims = out.dims();
        int[] idx = new int[rank];
        int inner = dims[rank - 1];
        int ia = sa[rank - 1];
        int ib = sb[rank - 1];
        int baseA = a.offset;
        int baseB = b.offset;
        for (int o = 0; o < r.length; o += inner) {
            for (int j = 0, pa = baseA, pb = baseB; j < inner; j++, pa += ia, pb += ib) {
                r[o + j] = f.applyAsDouble(a.data[pa], b.data[pb]);
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                baseA += sa[d];
                baseB += sb[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                baseA -= idx[d] * sa[d];
                baseB -= idx[d] * sb[d];
                idx[d] = 0;
            }
        }
        return dense(r, out);
    }

    /** A loop over three arrays of one length, such as {@link ArrayOps#add}. */
    private interface ArrayLoop {
        void apply(double[] x, double[] y, double[] out);
    }

    /** {@code zip(this, o, op, f)}, through the kernel {@code loop} when both operands are dense and of one shape. */
    private Tensor elementwise(Tensor o, String op, DoubleBinaryOperator f, ArrayLoop loop) {
        if (!shape.equals(o.shape) || !isContiguous() || !o.isContiguous()) {
            return zip(this, o, op, f);
        }
        double[] r = new double[data.length];
        loop.apply(data, o.data, r);
        return dense(r, shape);
    }

    /** Elementwise sum, broadcasting. */
    public Tensor add(Tensor o) {
        return elementwise(o, "add", Double::sum, ArrayOps::add);
    }

    /** Elementwise difference, broadcasting. */
    public Tensor sub(Tensor o) {
        return elementwise(o, "sub", (x, y) -> x - y, ArrayOps::sub);
    }

    /** Elementwise product, broadcasting. */
    public Tensor mul(Tensor o) {
        return elementwise(o, "mul", (x, y) -> x * y, ArrayOps::mul);
    }

    /** Elementwise quotient, broadcasting; division by zero follows IEEE 754. */
    public Tensor div(Tensor o) {
        return zip(this, o, "div", (x, y) -> x / y);
    }

    /** Elementwise maximum, broadcasting; NaN if either operand is NaN. */
    public Tensor maximum(Tensor o) {
        return zip(this, o, "maximum", Math::max);
    }

    /** Elementwise minimum, broadcasting; NaN if either operand is NaN. */
    public Tensor minimum(Tensor o) {
        return zip(this, o, "minimum", Math::min);
    }

    /** Adds a constant to every element. */
    public Tensor add(double c) {
        return map(x -> x + c);
    }

    /** Subtracts a constant from every element. */
    public Tensor sub(double c) {
        return map(x -> x - c);
    }

    /** Multiplies every element by a constant. */
    public Tensor mul(double c) {
        return map(x -> x * c);
    }

    /** Divides every element by a constant. */
    public Tensor div(double c) {
        return map(x -> x / c);
    }

    /** The negation. */
    public Tensor neg() {
        return map(x -> -x);
    }

    /** The absolute value. */
    public Tensor abs() {
        return map(Math::abs);
    }

    /** The square of every element. */
    public Tensor square() {
        return map(x -> x * x);
    }

    /** max(x, 0). */
    public Tensor relu() {
        return map(x -> x > 0 ? x : x == x ? 0.0 : x);
    }

    /** The square root; NaN below 0. */
    public Tensor sqrt() {
        return map(Math::sqrt);
    }

    /** e^x. */
    public Tensor exp() {
        return map(Math::exp);
    }

    /** The natural logarithm; -infinity at 0 and NaN below. */
    public Tensor log() {
        return map(Math::log);
    }

    /**
     * softplus(x) = ln(1 + e^x), computed as max(x, 0) + ln(1 + e^-|x|) so that it is exact and finite for large
     * |x|: softplus(1000) = 1000 and softplus(-1000) = e^-1000 rounded, i.e. 0.
     */
    public Tensor softplus() {
        return map(Tensor::softplus);
    }

    /** The logistic sigmoid 1 / (1 + e^-x), the derivative of softplus, stable for large |x|. */
    public Tensor sigmoid() {
        return map(Tensor::sigmoid);
    }

    /** Scalar softplus; see {@link #softplus()}. */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /** Scalar sigmoid; see {@link #sigmoid()}. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    // ---------------------------------------------------------------- comparisons and masks

    /** 1 where this &gt; o, else 0; broadcasting. */
    public Tensor gt(Tensor o) {
        return zip(this, o, "gt", (x, y) -> x > y ? 1.0 : 0.0);
    }

    /** 1 where this &gt;= o, else 0; broadcasting. */
    public Tensor ge(Tensor o) {
        return zip(this, o, "ge", (x, y) -> x >= y ? 1.0 : 0.0);
    }

    /** 1 where this &lt; o, else 0; broadcasting. */
    public Tensor lt(Tensor o) {
        return zip(this, o, "lt", (x, y) -> x < y ? 1.0 : 0.0);
    }

    /** 1 where this &lt;= o, else 0; broadcasting. */
    public Tensor le(Tensor o) {
        return zip(this, o, "le", (x, y) -> x <= y ? 1.0 : 0.0);
    }

    /** 1 where this == o, else 0; broadcasting. */
    public Tensor eq(Tensor o) {
        return zip(this, o, "eq", (x, y) -> x == y ? 1.0 : 0.0);
    }

    /** 1 where this != o, else 0; broadcasting. */
    public Tensor ne(Tensor o) {
        return zip(this, o, "ne", (x, y) -> x != y ? 1.0 : 0.0);
    }

    /** 1 where this &gt; c, else 0. */
    public Tensor gt(double c) {
        return map(x -> x > c ? 1.0 : 0.0);
    }

    /** 1 where this &gt;= c, else 0. */
    public Tensor ge(double c) {
        return map(x -> x >= c ? 1.0 : 0.0);
    }

    /** 1 where this &lt; c, else 0. */
    public Tensor lt(double c) {
        return map(x -> x < c ? 1.0 : 0.0);
    }

    /** 1 where this &lt;= c, else 0. */
    public Tensor le(double c) {
        return map(x -> x <= c ? 1.0 : 0.0);
    }

    /** 1 where this == c, else 0. */
    public Tensor eq(double c) {
        return map(x -> x == c ? 1.0 : 0.0);
    }

    /** Logical and of two masks (nonzero is true). */
    public Tensor and(Tensor o) {
        return zip(this, o, "and", (x, y) -> x != 0 && y != 0 ? 1.0 : 0.0);
    }

    /** Logical or of two masks (nonzero is true). */
    public Tensor or(Tensor o) {
        return zip(this, o, "or", (x, y) -> x != 0 || y != 0 ? 1.0 : 0.0);
    }

    /** Logical not of a mask (nonzero is true). */
    public Tensor not() {
        return map(x -> x != 0 ? 0.0 : 1.0);
    }

    /**
     * Picks from {@code a} where {@code mask} is nonzero and from {@code b} elsewhere; all three broadcast together.
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        Shape s = Shape.broadcast(Shape.broadcast(mask.shape, a.shape, "where"), b.shape, "where");
        Tensor m = mask.expand(s);
        Tensor x = a.expand(s);
        Tensor y = b.expand(s);
        double[] md = m.data();
        double[] xd = x.data();
        double[] yd = y.data();
        double[] out = new double[s.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = md[i] != 0 ? xd[i] : yd[i];
        }
        return dense(out, s);
    }

    /** This tensor with {@code value} wherever {@code mask} (broadcast to this shape) is nonzero. */
    public Tensor maskedFill(Tensor mask, double value) {
        if (!mask.shape.broadcastsTo(shape)) {
            throw new IllegalArgumentException("maskedFill: mask " + mask.shape + " does not broadcast to " + shape);
        }
        return where(mask, scalar(value), this);
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements. */
    public double sumAll() {
        double s = 0;
        for (double v : data()) {
            s += v;
        }
        return s;
    }

    /** The sum of all elements, as a rank-0 tensor. */
    public Tensor sum() {
        return scalar(sumAll());
    }

    /** The mean of all elements, as a rank-0 tensor; NaN for an empty tensor. */
    public Tensor mean() {
        return scalar(sumAll() / numel());
    }

    /** The sum over dimension {@code dim}, kept with size 1 when {@code keepDim}. */
    public Tensor sum(int dim, boolean keepDim) {
        return reduceDim(dim, keepDim, "sum", Reduction.SUM);
    }

    /** The mean over dimension {@code dim}, kept with size 1 when {@code keepDim}. */
    public Tensor mean(int dim, boolean keepDim) {
        int n = shape.dim(dim);
        return sum(dim, keepDim).div(n);
    }

    /** The largest element (NaN if any is NaN); an error on an empty tensor. */
    public double maxAll() {
        requireNonEmpty("max");
        double best = Double.NEGATIVE_INFINITY;
        for (double v : data()) {
            if (v > best || v != v) {
                best = v;
                if (v != v) {
                    break;
                }
            }
        }
        return best;
    }

    /** The smallest element (NaN if any is NaN); an error on an empty tensor. */
    public double minAll() {
        requireNonEmpty("min");
        double best = Double.POSITIVE_INFINITY;
        for (double v : data()) {
            if (v < best || v != v) {
                best = v;
                if (v != v) {
                    break;
                }
            }
        }
        return best;
    }

    /** The maximum over dimension {@code dim}. */
    public Tensor max(int dim, boolean keepDim) {
        return reduceDim(dim, keepDim, "max", Reduction.MAX);
    }

    /** The minimum over dimension {@code dim}. */
    public Tensor min(int dim, boolean keepDim) {
        return reduceDim(dim, keepDim, "min", Reduction.MIN);
    }

    /** The index of the maximum over dimension {@code dim}; the lowest index on ties, the first NaN if any. */
    public Tensor argmax(int dim, boolean keepDim) {
        return reduceDim(dim, keepDim, "argmax", Reduction.ARGMAX);
    }

    /** The index of the minimum over dimension {@code dim}; the lowest index on ties, the first NaN if any. */
    public Tensor argmin(int dim, boolean keepDim) {
        return reduceDim(dim, keepDim, "argmin", Reduction.ARGMIN);
    }

    private void requireNonEmpty(String op) {
        if (numel() == 0) {
            throw new IllegalArgumentException(op + ": empty tensor of shape " + shape);
        }
    }

    private enum Reduction { SUM, MAX, MIN, ARGMAX, ARGMIN }

    private Tensor reduceDim(int dim, boolean keepDim, String op, Reduction kind) {
        int a = shape.axis(dim, op);
        int n = shape.dim(a);
        if (n == 0 && kind != Reduction.SUM) {
            throw new IllegalArgumentException(op + ": dimension " + dim + " of " + shape + " is empty");
        }
        double[] src = data();
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= shape.dim(i);
        }
        int inner = 1;
        for (int i = a + 1; i < rank(); i++) {
            inner *= shape.dim(i);
        }
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int base = o * n * inner + in;
                out[o * inner + in] = reduceLine(src, base, inner, n, kind);
            }
        }
        return dense(out, shape.reduce(a, keepDim));
    }

    private static double reduceLine(double[] src, int base, int step, int n, Reduction kind) {
        if (kind == Reduction.SUM) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += src[base + j * step];
            }
            return s;
        }
        boolean wantMax = kind == Reduction.MAX || kind == Reduction.ARGMAX;
        int bestAt = 0;
        double best = src[base];
        for (int j = 1; j < n && best == best; j++) {
            double v = src[base + j * step];
            if (v != v || (wantMax ? v > best : v < best)) {
                best = v;
                bestAt = j;
            }
        }
        return kind == Reduction.MAX || kind == Reduction.MIN ? best : bestAt;
    }

    /**
     * Sums this tensor down to {@code target}, a shape that broadcasts to this one: the inverse of broadcasting,
     * used to return gradients to an operand's shape.
     */
    public Tensor sumTo(Shape target) {
        if (shape.equals(target)) {
            return this;
        }
        if (!target.broadcastsTo(shape)) {
            throw new IllegalArgumentException("sumTo: " + target + " does not broadcast to " + shape);
        }
        Tensor t = this;
        int lead = rank() - target.rank();
        for (int i = 0; i < lead; i++) {
            t = t.sum(0, false);
        }
        for (int i = 0; i < target.rank(); i++) {
            if (target.dim(i) == 1 && t.dim(i) != 1) {
                t = t.sum(i, true);
            }
        }
        return t;
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * The matrix product. Both operands must have rank at least 2; for rank above 2 the leading (batch) dimensions
     * broadcast and each trailing pair is multiplied: [..., m, k] x [..., k, n] gives [..., m, n].
     */
    public Tensor matmul(Tensor o) {
        if (rank() < 2 || o.rank() < 2) {
            throw new IllegalArgumentException(
                    "matmul: expected operands of rank >= 2, got " + shape + " x " + o.shape);
        }
        int m = dim(-2);
        int k = dim(-1);
        int n = o.dim(-1);
        if (o.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ, " + shape + " x " + o.shape);
        }
        if (rank() == 2 && o.rank() == 2) {
            double[] c = new double[m * n];
            Kernels.matmul().multiply(data(), o.data(), c, m, k, n);
            return dense(c, Shape.of(m, n));
        }
        int[] batchA = Arrays.copyOf(shape.dims(), rank() - 2);
        int[] batchB = Arrays.copyOf(o.shape.dims(), o.rank() - 2);
        Shape batch = Shape.broadcast(Shape.of(batchA), Shape.of(batchB), "matmul");
        int[] fullA = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        fullA[batch.rank()] = m;
        fullA[batch.rank() + 1] = k;
        int[] fullB = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        fullB[batch.rank()] = k;
        fullB[batch.rank() + 1] = n;
        double[] ad = expand(Shape.of(fullA)).data();
        double[] bd = o.expand(Shape.of(fullB)).data();
        int count = batch.numel();
        double[] c = new double[count * m * n];
        double[] ta = new double[m * k];
        double[] tb = new double[k * n];
        double[] tc = new double[m * n];
        for (int i = 0; i < count; i++) {
            System.arraycopy(ad, i * m * k, ta, 0, m * k);
            System.arraycopy(bd, i * k * n, tb, 0, k * n);
            Kernels.matmul().multiply(ta, tb, tc, m, k, n);
            System.arraycopy(tc, 0, c, i * m * n, m * n);
        }
        int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        return dense(c, Shape.of(outDims));
    }

    // ---------------------------------------------------------------- indexing

    /** The entries at {@code indices} along dimension {@code dim}, in that order (indices may repeat). */
    public Tensor indexSelect(int dim, int... indices) {
        int a = shape.axis(dim, "indexSelect");
        int n = shape.dim(a);
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("indexSelect: index " + i + " outside dimension " + dim
                        + " of " + shape);
            }
        }
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= shape.dim(i);
        }
        int inner = numel() / Math.max(1, outer * n);
        double[] src = data();
        double[] out = new double[outer * indices.length * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < indices.length; j++) {
                System.arraycopy(src, (o * n + indices[j]) * inner, out, (o * indices.length + j) * inner, inner);
            }
        }
        int[] dims = shape.dims();
        dims[a] = indices.length;
        return dense(out, Shape.of(dims));
    }

    /**
     * Zeros of {@code target}'s shape with {@code src}'s slices added at {@code indices} along {@code dim}: the
     * adjoint of {@link #indexSelect}. Repeated indices accumulate.
     */
    public static Tensor indexAdd(Shape target, int dim, int[] indices, Tensor src) {
        int a = target.axis(dim, "indexAdd");
        int n = target.dim(a);
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= target.dim(i);
        }
        int inner = target.numel() / Math.max(1, outer * n);
        for (int i : indices) {
            if (i < 0 || i >= n) {
                throw new IndexOutOfBoundsException("indexAdd: index " + i + " outside dimension " + dim + " of "
                        + target);
            }
        }
        int[] expected = target.dims();
        expected[a] = indices.length;
        if (!src.shape().equals(Shape.of(expected))) {
            throw new IllegalArgumentException("indexAdd: expected a source of shape " + Shape.of(expected) + ", got "
                    + src.shape());
        }
        double[] s = src.data();
        double[] out = new double[target.numel()];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < indices.length; j++) {
                int to = (o * n + indices[j]) * inner;
                int from = (o * indices.length + j) * inner;
                for (int e = 0; e < inner; e++) {
                    out[to + e] += s[from + e];
                }
            }
        }
        return dense(out, target);
    }

    /**
     * out[i][j]... = this[..][index[i][j]...][..] along {@code dim}, as in PyTorch's gather: {@code index} holds
     * integer values and has this tensor's rank; the result has the index's shape.
     */
    public Tensor gather(int dim, Tensor index) {
        int a = shape.axis(dim, "gather");
        checkGatherIndex(index, a, "gather");
        double[] src = data();
        double[] idx = index.data();
        int[] srcStrides = shape.contiguousStrides();
        double[] out = new double[idx.length];
        int[] pos = new int[rank()];
        int[] idims = index.shape.dims();
        for (int flat = 0; flat < idx.length; flat++) {
            int at = 0;
            for (int d = 0; d < pos.length; d++) {
                at += (d == a ? (int) idx[flat] : pos[d]) * srcStrides[d];
            }
            out[flat] = src[at];
            advance(pos, idims);
        }
        return dense(out, index.shape);
    }

    /**
     * Zeros of {@code target}'s shape with {@code src} added at the positions {@link #gather} would read: the adjoint
     * of gather. Repeated positions accumulate.
     */
    public static Tensor scatterAdd(Shape target, int dim, Tensor index, Tensor src) {
        Tensor z = zeros(target);
        int a = target.axis(dim, "scatterAdd");
        z.checkGatherIndex(index, a, "scatterAdd");
        if (!src.shape.equals(index.shape)) {
            throw new IllegalArgumentException(
                    "scatterAdd: source " + src.shape + " differs from index " + index.shape);
        }
        double[] idx = index.data();
        double[] s = src.data();
        int[] st = target.contiguousStrides();
        int[] pos = new int[target.rank()];
        int[] idims = index.shape.dims();
        for (int flat = 0; flat < idx.length; flat++) {
            int at = 0;
            for (int d = 0; d < pos.length; d++) {
                at += (d == a ? (int) idx[flat] : pos[d]) * st[d];
            }
            z.data[at] += s[flat];
            advance(pos, idims);
        }
        return z;
    }

    private void checkGatherIndex(Tensor index, int a, String op) {
        if (index.rank() != rank()) {
            throw new IllegalArgumentException(op + ": index " + index.shape + " must have the rank of " + shape);
        }
        for (int d = 0; d < rank(); d++) {
            if (d != a && index.dim(d) > dim(d)) {
                throw new IllegalArgumentException(op + ": index " + index.shape + " larger than " + shape
                        + " in dimension " + d);
            }
        }
        for (double v : index.data()) {
            if (v != Math.rint(v) || v < 0 || v >= dim(a)) {
                throw new IndexOutOfBoundsException(op + ": index value " + v + " outside dimension " + a + " of "
                        + shape);
            }
        }
    }

    private static void advance(int[] pos, int[] dims) {
        for (int d = pos.length - 1; d >= 0; d--) {
            if (++pos[d] < dims[d]) {
                return;
            }
            pos[d] = 0;
        }
    }

    // ---------------------------------------------------------------- comparison and printing

    /** Whether the shapes are equal and every |a - b| &lt;= atol + rtol * |b|; NaNs are never close. */
    public boolean allClose(Tensor o, double rtol, double atol) {
        if (!shape.equals(o.shape)) {
            return false;
        }
        double[] x = data();
        double[] y = o.data();
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
                return false;
            }
        }
        return true;
    }

    /** Equal shapes and bit-for-bit equal values (as {@link Double#equals} compares them). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tensor)) {
            return false;
        }
        Tensor t = (Tensor) o;
        return shape.equals(t.shape) && Arrays.equals(data(), t.data());
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data());
    }

    /** The shape and, for up to 64 elements, the values; otherwise a summary. */
    @Override
    public String toString() {
        if (numel() <= 64) {
            return "tensor" + shape + " " + Arrays.toString(data());
        }
        return String.format("tensor%s min %.4g max %.4g mean %.4g", shape, minAll(), maxAll(), sumAll() / numel());
    }
}
