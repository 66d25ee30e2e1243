package org.tripletgrad.cli.io;

import java.util.Arrays;

/**
 * An array read from a file: its shape, its values in row-major order and whether the file stored integers.
 *
 * @param source the file, named in errors
 * @param shape the dimensions
 * @param data the values, row-major
 * @param integral whether the stored type was an integer type (CSV: whether every value was an integer)
 */
public record NumericArray(String source, int[] shape, double[] data, boolean integral) {
    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The shape as "[3, 2]". */
    public String shapeText() {
        return Arrays.toString(shape);
    }
}
