package org.tripletgrad.autograd.inspect;

import java.util.Locale;

import org.tripletgrad.tensor.Tensor;

/**
 * A short text for a tensor, for graphs and traces: the shape, then every value when there are at most
 * {@link #MAX_LISTED} of them, else the minimum, mean and maximum of the finite values and a count of the
 * non-finite ones. Values print with four significant digits.
 */
public final class TensorSummary {
    /** The largest tensor whose values are listed one by one. */
    public static final int MAX_LISTED = 6;

    private TensorSummary() {
    }

    /** The shape and the values of {@code t}, or {@code "none"} for null. For example {@code [2] 1.500, -0.2500}. */
    public static String of(Tensor t) {
        return t == null ? "none" : t.shape() + (t.numel() == 0 ? "" : " " + values(t));
    }

    /**
     * The values of {@code t} alone, or {@code "none"} for null. For example {@code 1.500, -0.2500} or
     * {@code min -1.000 mean 0.5000 max 2.000}.
     */
    public static String values(Tensor t) {
        if (t == null) {
            return "none";
        }
        double[] d = t.data();
        StringBuilder sb = new StringBuilder();
        if (d.length <= MAX_LISTED) {
            for (int i = 0; i < d.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(format(d[i]));
            }
            return sb.toString();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        for (double v : d) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                finite++;
            }
        }
        if (finite > 0) {
            sb.append("min ").append(format(min)).append(" mean ").append(format(sum / finite))
                    .append(" max ").append(format(max));
        }
        if (finite < d.length) {
            sb.append(finite > 0 ? " " : "").append(d.length - finite).append(" non-finite");
        }
        return sb.toString();
    }

    /** One value with four significant digits; NaN and infinities by name. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
