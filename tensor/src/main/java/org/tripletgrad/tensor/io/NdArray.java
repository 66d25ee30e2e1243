package org.tripletgrad.tensor.io;

import java.util.Arrays;

import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * An n-dimensional array as read from a data file: its element type, its shape and its values in row-major
 * (C) order, kept in the type's own Java storage (see {@link DType}) so that a file of bytes costs a byte an element.
 *
 * <p>Conversions are exact or refused: {@link #toTensor()} refuses an {@code int64} value that float64 cannot hold
 * exactly (some beyond 2^53 in magnitude), {@link #toLongArray()} and {@link #toIntArray()} refuse fractional, infinite
 * or NaN floats and values out of range. A refusal is an {@link ArithmeticException} whose message names the source
 * file, the element's index and its value. Instances are immutable.
 */
public final class NdArray {
    private final DType dtype;
    private final Shape shape;
    private final Object storage;
    private final String source;

    NdArray(DType dtype, Shape shape, Object storage, String source) {
        this.dtype = dtype;
        this.shape = shape;
        this.storage = storage;
        this.source = source;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The shape; rank 0 for a 0-d array, which holds one element. */
    public Shape shape() {
        return shape;
    }

    /** The number of elements. */
    public int numel() {
        return shape.numel();
    }

    /** Where the array came from (the file as given to the reader); it starts every error message. */
    public String source() {
        return source;
    }

    /**
     * The element at row-major position {@code i} as a double; booleans are 0 or 1.
     *
     * @throws ArithmeticException for an {@code int64} that float64 would round (possible beyond 2^53 in magnitude)
     */
    public double getDouble(int i) {
        switch (dtype) {
            case FLOAT64:
                return ((double[]) storage)[i];
            case FLOAT32:
                return ((float[]) storage)[i];
            case INT64:
                long v = ((long[]) storage)[i];
                double d = v;
                if (d == 0x1p63 || (long) d != v) {
                    throw new ArithmeticException(where(i) + " is " + v + ", which float64 cannot hold exactly");
                }
                return d;
            default:
                return getLong(i);
        }
    }

    /**
     * The element at row-major position {@code i} as a long; booleans are 0 or 1, unsigned bytes 0..255.
     *
     * @throws ArithmeticException for a float element that is not an integer in the range of {@code long}
     */
    public long getLong(int i) {
        return switch (dtype) {
            case BOOL -> ((byte[]) storage)[i] != 0 ? 1 : 0;
            case UINT8 -> ((byte[]) storage)[i] & 0xff;
            case INT8 -> ((byte[]) storage)[i];
            case INT16 -> ((short[]) storage)[i];
            case INT32 -> ((int[]) storage)[i];
            case INT64 -> ((long[]) storage)[i];
            case FLOAT32, FLOAT64 -> integral(i, getDouble(i));
        };
    }

    /** The values as a fresh row-major {@code double[]}, exactly (see {@link #getDouble(int)}). */
    public double[] toDoubleArray() {
        int n = numel();
        if (dtype == DType.FLOAT64) {
            return ((double[]) storage).clone();
        }
        double[] out = new double[n];
        if (dtype == DType.UINT8) {
            byte[] b = (byte[]) storage;
            for (int i = 0; i < n; i++) {
                out[i] = b[i] & 0xff;
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            out[i] = getDouble(i);
        }
        return out;
    }

    /** The values as a float64 tensor of the same shape (see {@link #getDouble(int)}). */
    public Tensor toTensor() {
        return Tensor.wrap(toDoubleArray(), shape.dims());
    }

    /** The values as a fresh row-major {@code long[]} (see {@link #getLong(int)}). */
    public long[] toLongArray() {
        long[] out = new long[numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getLong(i);
        }
        return out;
    }

    /**
     * The values as a fresh row-major {@code int[]}, for labels and indices.
     *
     * @throws ArithmeticException for a value that is not an integer in the range of {@code int}
     */
    public int[] toIntArray() {
        int[] out = new int[numel()];
        for (int i = 0; i < out.length; i++) {
            long v = getLong(i);
            if (v != (int) v) {
                throw new ArithmeticException(where(i) + " is " + v + ", outside the range of int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private long integral(int i, double v) {
        // 2^63 itself is not a long; -2^63 is.
        if (v != Math.rint(v) || v >= 0x1p63 || v < -0x1p63) {
            throw new ArithmeticException(where(i) + " is " + v + ", not an integer in the range of long");
        }
        return (long) v;
    }

    /** "file: element [1, 2] of u1 [3, 4]" for the element at row-major position {@code flat}. */
    private String where(int flat) {
        return source + ": element " + Arrays.toString(shape.unravel(flat)) + " of " + dtype.code() + " " + shape;
    }

    /** For example {@code NdArray(t10k-labels-idx1-ubyte.gz: u1 [10000])}. */
    @Override
    public String toString() {
        return "NdArray(" + source + ": " + dtype.code() + " " + shape + ")";
    }
}
