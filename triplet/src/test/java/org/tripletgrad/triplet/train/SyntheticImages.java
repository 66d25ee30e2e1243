package org.tripletgrad.triplet.train;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.LabelledImages;

/** Small labelled "images" for fast training tests: per class a random prototype in [0, 1]^D plus noise. */
final class SyntheticImages {
    private SyntheticImages() {
    }

    /**
     * {@code perClass} images of each of {@code classes} classes, {@code side} x {@code side} pixels, interleaved
     * by class (image i has label i mod classes); pixels clamped to [0, 1].
     */
    static LabelledImages of(int classes, int perClass, int side, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int d = side * side;
        double[][] prototypes = new double[classes][d];
        for (double[] p : prototypes) {
            for (int j = 0; j < d; j++) {
                p[j] = rng.nextDouble();
            }
        }
        int n = classes * perClass;
        double[] x = new double[n * d];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = Math.min(1, Math.max(0, prototypes[labels[i]][j] + noise * Tensor.gaussian(rng)));
            }
        }
        return new LabelledImages(Tensor.wrap(x, n, d), labels, side, side);
    }

    /** Images {@code from} to {@code from + count - 1} of {@code data}, for a training and a test part. */
    static LabelledImages slice(LabelledImages data, int from, int count) {
        return new LabelledImages(data.images().narrow(0, from, count).contiguous(),
                Arrays.copyOfRange(data.labels(), from, from + count), data.rows(), data.cols());
    }

    /** The same images with every pixel of image {@code index} replaced by {@code value}. */
    static LabelledImages poisoned(LabelledImages data, int index, double value) {
        double[] x = data.images().toArray();
        int d = data.images().dim(1);
        for (int j = 0; j < d; j++) {
            x[index * d + j] = value;
        }
        return new LabelledImages(Tensor.wrap(x, data.size(), d), data.labels(), data.rows(), data.cols());
    }
}
