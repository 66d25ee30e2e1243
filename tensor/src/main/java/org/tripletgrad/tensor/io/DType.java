package org.tripletgrad.tensor.io;

/**
 * The element types an {@link NdArray} can hold: the numeric types of NumPy's {@code .npy} files and of IDX files
 * that tripletgrad reads.
 *
 * <p>Each has a fixed size in bytes and a Java storage array: {@code byte[]} for {@link #BOOL}, {@link #UINT8} and
 * {@link #INT8}, {@code short[]} for {@link #INT16}, {@code int[]}, {@code long[]}, {@code float[]} and
 * {@code double[]} for the others. Unsigned bytes are stored as Java's signed bytes and read back as 0..255; a
 * {@code BOOL} byte counts as true when it is non-zero, as in NumPy.
 */
public enum DType {
    /** NumPy {@code b1}: one byte, 0 is false, anything else true. */
    BOOL(1, "b1"),
    /** NumPy {@code u1}, IDX 0x08: unsigned byte, 0..255. */
    UINT8(1, "u1"),
    /** NumPy {@code i1}, IDX 0x09: signed byte. */
    INT8(1, "i1"),
    /** NumPy {@code i2}, IDX 0x0B: signed 16-bit integer. */
    INT16(2, "i2"),
    /** NumPy {@code i4}, IDX 0x0C: signed 32-bit integer. */
    INT32(4, "i4"),
    /** NumPy {@code i8}: signed 64-bit integer. */
    INT64(8, "i8"),
    /** NumPy {@code f4}, IDX 0x0D: IEEE 754 binary32. */
    FLOAT32(4, "f4"),
    /** NumPy {@code f8}, IDX 0x0E: IEEE 754 binary64. */
    FLOAT64(8, "f8");

    private final int size;
    private final String code;

    DType(int size, String code) {
        this.size = size;
        this.code = code;
    }

    /** The size of one element in bytes. */
    public int size() {
        return size;
    }

    /** NumPy's type code without the byte-order character, for example {@code f8}. */
    public String code() {
        return code;
    }

    /** Whether the values are floating point (and so may be fractional, infinite or NaN). */
    public boolean isFloat() {
        return this == FLOAT32 || this == FLOAT64;
    }

    /** The type with the given NumPy code ({@code f8}, {@code u1}, ...), or {@code null} when there is none. */
    static DType ofCode(String code) {
        for (DType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
