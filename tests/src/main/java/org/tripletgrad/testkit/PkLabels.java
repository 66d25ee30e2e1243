package org.tripletgrad.testkit;

import java.util.Arrays;

import org.tripletgrad.tensor.Tensor;

/**
 * A label vector with P-K structure, as a batch-hard batch has: {@code p} classes with {@code k} samples each, in
 * shuffled order. Class ids are arbitrary distinct integers (negative and large ones included), so code under test
 * must not assume they are {@code 0..p-1}.
 *
 * @param labels the class id of each of the {@code p * k} samples
 * @param p the number of classes
 * @param k the number of samples of each class
 * @param classIds the {@code p} distinct class ids, in order of first appearance in {@code labels}
 */
public record PkLabels(int[] labels, int p, int k, int[] classIds) {

    /** Copies the arrays and checks the sizes. */
    public PkLabels {
        labels = labels.clone();
        classIds = classIds.clone();
        if (labels.length != p * k || classIds.length != p) {
            throw new IllegalArgumentException("PkLabels: expected " + p + " * " + k + " labels and " + p
                    + " class ids, got " + labels.length + " and " + classIds.length);
        }
    }

    /** The class id of each sample (a copy). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** The distinct class ids (a copy). */
    @Override
    public int[] classIds() {
        return classIds.clone();
    }

    /** The number of samples, {@code p * k}. */
    public int size() {
        return labels.length;
    }

    /** The labels as a 1-D float64 tensor (exact for ids of magnitude below 2^53, so for every int). */
    public Tensor asTensor() {
        return Tensor.wrap(Arrays.stream(labels).asDoubleStream().toArray(), labels.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PkLabels other && p == other.p && k == other.k && Arrays.equals(labels, other.labels)
                && Arrays.equals(classIds, other.classIds);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(labels) + Arrays.hashCode(classIds);
    }

    @Override
    public String toString() {
        return "PkLabels(P=" + p + ", K=" + k + ", labels=" + Arrays.toString(labels) + ")";
    }
}
