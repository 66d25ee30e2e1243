package org.tripletgrad.triplet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tripletgrad.tensor.Tensor;

/**
 * The class labels of a batch: one integer per row of the embedding.
 *
 * <p>For anchor a, the positives are the other rows with a's label (never a itself) and the negatives are the rows
 * with another label. An anchor with no positive or no negative is not valid: it adds nothing to the loss.
 */
public final class Labels {
    private final int[] values;

    private Labels(int[] values) {
        this.values = values;
    }

    /** The labels {@code values} (copied). */
    public static Labels of(int... values) {
        return new Labels(values.clone());
    }

    /**
     * The labels held by a 1-D tensor of integer values.
     *
     * @throws IllegalArgumentException when the tensor is not 1-D or holds a value that is not an int
     */
    public static Labels of(Tensor labels) {
        if (labels.rank() != 1) {
            throw new IllegalArgumentException("labels: expected a 1-D array of integers, got shape " + labels.shape());
        }
        double[] d = labels.data();
        int[] v = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || d[i] < Integer.MIN_VALUE || d[i] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("labels: expected integers, got " + d[i] + " at index " + i);
            }
            v[i] = (int) d[i];
        }
        return new Labels(v);
    }

    /**
     * Checks that there is one label per row of a batch of {@code rows} rows.
     *
     * @param op named in the error
     * @throws IllegalArgumentException naming the expected shape [rows] and the actual one
     */
    public Labels requireSize(int rows, String op) {
        if (values.length != rows) {
            throw new IllegalArgumentException(op + ": expected labels of shape [" + rows + "] (one per row), got ["
                    + values.length + "]");
        }
        return this;
    }

    /** The number of labels, N. */
    public int size() {
        return values.length;
    }

    /** The label of row {@code i}. */
    public int get(int i) {
        return values[i];
    }

    /** The labels as a fresh array. */
    public int[] toArray() {
        return values.clone();
    }

    /** Whether {@code p} is a positive of anchor {@code a}: the same label and not the anchor itself. */
    public boolean isPositive(int a, int p) {
        return a != p && values[a] == values[p];
    }

    /** Whether {@code n} is a negative of anchor {@code a}: another label. */
    public boolean isNegative(int a, int n) {
        return values[a] != values[n];
    }

    /** The N x N mask, 1 where column j is a positive of anchor row i; 0 on the diagonal. */
    public Tensor positiveMask() {
        return mask(true);
    }

    /** The N x N mask, 1 where column j is a negative of anchor row i. */
    public Tensor negativeMask() {
        return mask(false);
    }

    private Tensor mask(boolean positive) {
        int n = values.length;
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = (positive ? isPositive(i, j) : isNegative(i, j)) ? 1.0 : 0.0;
            }
        }
        return Tensor.wrap(m, n, n);
    }

    /** Whether anchor {@code a} has at least one positive and one negative. */
    public boolean isValidAnchor(int a) {
        boolean pos = false;
        boolean neg = false;
        for (int j = 0; j < values.length && !(pos && neg); j++) {
            pos |= isPositive(a, j);
            neg |= isNegative(a, j);
        }
        return pos && neg;
    }

    /** Every valid triplet (a, p, n), p a positive and n a negative of a, ordered by a, then p, then n. */
    public List<Triplet> validTriplets() {
        int n = values.length;
        List<Triplet> out = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                if (!isPositive(a, p)) {
                    continue;
                }
                for (int q = 0; q < n; q++) {
                    if (isNegative(a, q)) {
                        out.add(new Triplet(a, p, q));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels && Arrays.equals(values, ((Labels) o).values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "labels" + Arrays.toString(values);
    }
}
