package org.tripletgrad.tensor;

import java.util.Arrays;

/**
 * The dimensions of a tensor: an immutable list of non-negative sizes, outermost first.
 *
 * <p>A shape of rank 0 (no dimensions) is a scalar and holds one element. Broadcasting follows NumPy: shapes are
 * aligned at their last dimension, and two sizes agree when they are equal or one of them is 1.
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new int[0]);

    private final int[] dims;
    private final int numel;

    private Shape(int[] dims) {
        this.dims = dims;
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape: more than 2^31 - 1 elements in " + Arrays.toString(dims));
            }
        }
        this.numel = (int) n;
    }

    /** The shape with the given sizes; every size must be {@code >= 0}. */
    public static Shape of(int... dims) {
        if (dims.length == 0) {
            return SCALAR;
        }
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("shape: negative size in " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    /** The rank-0 shape of a scalar. */
    public static Shape scalar() {
        return SCALAR;
    }

    /** The number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** The size of dimension {@code i}; a negative {@code i} counts from the end, as in NumPy. */
    public int dim(int i) {
        return dims[axis(i, "shape")];
    }

    /** The sizes as a fresh array. */
    public int[] dims() {
        return dims.clone();
    }

    /** The number of elements: the product of the sizes, 1 for a scalar. */
    public int numel() {
        return numel;
    }

    /**
     * Resolves a possibly negative axis against this rank.
     *
     * @param op named in the error when the axis is out of range
     */
    public int axis(int i, String op) {
        int r = i < 0 ? i + dims.length : i;
        if (r < 0 || r >= dims.length) {
            throw new IllegalArgumentException(op + ": dimension " + i + " out of range for shape " + this);
        }
        return r;
    }

    /** Row-major (C order) strides of this shape, in elements. */
    public int[] contiguousStrides() {
        int[] s = new int[dims.length];
        int step = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = step;
            step *= Math.max(dims[i], 1);
        }
        return s;
    }

    /**
     * The index, one coordinate per dimension, of the element at row-major position {@code flat}: the inverse of
     * {@code flat = sum_k index[k] * contiguousStrides()[k]}. A scalar's only element has the empty index.
     *
     * @throws IndexOutOfBoundsException when {@code flat} is not in {@code [0, numel())}
     */
    public int[] unravel(int flat) {
        if (flat < 0 || flat >= numel) {
            throw new IndexOutOfBoundsException("unravel: position " + flat + " out of range for shape " + this
                    + " of " + numel + " elements");
        }
        int[] index = new int[dims.length];
        int rest = flat;
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = rest % dims[d];
            rest /= dims[d];
        }
        return index;
    }

    /** This shape with dimension {@code axis} removed (or set to 1 when {@code keep}). */
    public Shape reduce(int axis, boolean keep) {
        int a = axis(axis, "reduce");
        if (keep) {
            int[] d = dims.clone();
            d[a] = 1;
            return new Shape(d);
        }
        int[] d = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != a) {
                d[j++] = dims[i];
            }
        }
        return new Shape(d);
    }

    /**
     * The NumPy broadcast of two shapes.
     *
     * @param op named in the error when the shapes do not broadcast
     * @throws IllegalArgumentException "add: shapes do not broadcast, [2, 3] and [4]"
     */
    public static Shape broadcast(Shape a, Shape b, String op) {
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims[i - (rank - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes do not broadcast, " + a + " and " + b);
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    /** Whether this shape broadcasts to {@code target} without changing {@code target}. */
    public boolean broadcastsTo(Shape target) {
        if (rank() > target.rank()) {
            return false;
        }
        int lead = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[lead + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** The sizes in brackets, as in {@code [3, 4]}; a scalar is {@code []}. */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
