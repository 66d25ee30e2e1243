package org.tripletgrad.triplet.train;

import java.util.Objects;

import org.tripletgrad.tensor.Tensor;

/**
 * A fitted {@link Standardization}: the mean and standard deviation it subtracts and divides by, computed once on
 * the training images and then applied unchanged to every image (training, test, or a later evaluation).
 *
 * <p>The statistics are kept as tensors that broadcast against an [N, D] batch: [1] for {@link
 * Standardization#GLOBAL} (and for {@link Standardization#NONE}, as mean 0 and deviation 1), [D] for {@link
 * Standardization#PER_PIXEL}. Deviations are population deviations (divided by the count, not the count - 1), each
 * mean and deviation summed in a fixed order, so a fit is the same bit for bit on every run.
 */
public final class Standardizer {
    /** The smallest per-pixel standard deviation divided by; see {@link Standardization#PER_PIXEL}. */
    public static final double PIXEL_STD_FLOOR = 1e-2;

    private final Standardization kind;
    private final Tensor mean;
    private final Tensor std;

    /**
     * A standardiser with the given statistics, as restored from a checkpoint.
     *
     * @throws IllegalArgumentException when the shapes do not suit the kind (both [1], or both [D] for per-pixel),
     *     or a deviation is not positive and finite
     */
    public Standardizer(Standardization kind, Tensor mean, Tensor std) {
        this.kind = Objects.requireNonNull(kind, "kind");
        boolean perPixel = kind == Standardization.PER_PIXEL;
        if (mean.rank() != 1 || !mean.shape().equals(std.shape()) || (!perPixel && mean.dim(0) != 1)) {
            throw new IllegalArgumentException("standardizer " + kind + ": expected mean and std of shape "
                    + (perPixel ? "[D]" : "[1]") + ", got " + mean.shape() + " and " + std.shape());
        }
        for (double s : std.data()) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("standardizer " + kind + ": expected standard deviations > 0,"
                        + " got " + s);
            }
        }
        this.mean = mean;
        this.std = std;
    }

    /**
     * Fits {@code kind} on {@code images} ([N, D], N &gt;= 1).
     *
     * @throws IllegalArgumentException when the images are not a non-empty [N, D] matrix, hold a value that is not
     *     finite, or (global) are all the same value
     */
    public static Standardizer fit(Standardization kind, Tensor images) {
        if (images.rank() != 2 || images.dim(0) == 0) {
            throw new IllegalArgumentException("standardizer " + kind + ": expected [N, D] images with N >= 1, got "
                    + images.shape());
        }
        switch (kind) {
            case NONE:
                return new Standardizer(kind, Tensor.zeros(1), Tensor.ones(1));
            case GLOBAL:
                return global(images);
            default:
                return perPixel(images);
        }
    }

    private static Standardizer global(Tensor images) {
        double[] x = finite(images);
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double m = sum / x.length;
        double sq = 0;
        for (double v : x) {
            sq += (v - m) * (v - m);
        }
        double s = Math.sqrt(sq / x.length);
        if (!(s > 0)) {
            throw new IllegalArgumentException("standardizer global: every pixel of every image is " + m
                    + ", so there is no spread to divide by");
        }
        return new Standardizer(Standardization.GLOBAL, Tensor.vector(m), Tensor.vector(s));
    }

    private static Standardizer perPixel(Tensor images) {
        double[] x = finite(images);
        int n = images.dim(0);
        int d = images.dim(1);
        double[] m = new double[d];
        double[] s = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                m[j] += x[i * d + j];
            }
        }
        for (int j = 0; j < d; j++) {
            m[j] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = x[i * d + j] - m[j];
                s[j] += e * e;
            }
        }
        for (int j = 0; j < d; j++) {
            s[j] = Math.max(Math.sqrt(s[j] / n), PIXEL_STD_FLOOR);
        }
        return new Standardizer(Standardization.PER_PIXEL, Tensor.wrap(m, d), Tensor.wrap(s, d));
    }

    private static double[] finite(Tensor images) {
        double[] x = images.data();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("standardizer: image " + i / images.dim(1) + " holds " + x[i]
                        + ", expected finite pixels");
            }
        }
        return x;
    }

    /** Which standardisation this is. */
    public Standardization kind() {
        return kind;
    }

    /** The mean subtracted, [1] or [D]. */
    public Tensor mean() {
        return mean;
    }

    /** The standard deviation divided by, [1] or [D]. */
    public Tensor std() {
        return std;
    }

    /**
     * (images - mean) / std, row by row; the images themselves for {@link Standardization#NONE}.
     *
     * @throws IllegalArgumentException when the images are not [N, D] with the D the statistics were fitted on
     */
    public Tensor apply(Tensor images) {
        if (images.rank() != 2 || (kind == Standardization.PER_PIXEL && images.dim(1) != mean.dim(0))) {
            throw new IllegalArgumentException("standardizer " + kind + ": expected [N, " + (kind
                    == Standardization.PER_PIXEL ? mean.dim(0) : "D") + "] images, got " + images.shape());
        }
        if (kind == Standardization.NONE) {
            return images;
        }
        return images.sub(mean).div(std);
    }

    @Override
    public String toString() {
        return "Standardizer(" + kind + (kind == Standardization.GLOBAL ? ", mean " + mean.get(0) + ", std "
                + std.get(0) : "") + ")";
    }
}
