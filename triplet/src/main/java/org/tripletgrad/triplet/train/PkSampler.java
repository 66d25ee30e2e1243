package org.tripletgrad.triplet.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws PK batches: P distinct classes, K samples of each (Hermans, Beyer, Leibe, "In Defense of the Triplet Loss
 * for Person Re-Identification", 2017), so every anchor in a batch has K - 1 positives and (P - 1) K negatives.
 *
 * <p>Within a class the K samples are drawn without replacement; only a class with fewer than K samples is drawn
 * with replacement (so some of its samples repeat in the batch). The P classes are drawn uniformly without
 * replacement from the classes present in the labels.
 *
 * <p>An epoch is a fixed number of batches, by default {@code labels.length / (P K)} (750 for 60,000 samples and the
 * default P = 10, K = 8). The sampler has no mutable state: the randomness of batch {@code b} of epoch {@code e} is
 * derived from (seed, e, b) alone, so the same seed gives the same batches bit for bit, and a resumed run needs only
 * the epoch and batch index to continue where it stopped.
 */
public final class PkSampler {
    /** The default number of classes per batch. */
    public static final int DEFAULT_P = 10;
    /** The default number of samples per class. */
    public static final int DEFAULT_K = 8;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final int[][] byClass;
    private final int[] classLabels;
    private final int p;
    private final int k;
    private final long seed;
    private final int batchesPerEpoch;

    /** A sampler whose epoch is {@code labels.length / (p k)} batches (at least one). */
    public PkSampler(int[] labels, int p, int k, long seed) {
        this(labels, p, k, seed, Math.max(1, labels.length / Math.max(1, p * k)));
    }

    /**
     * A sampler over the samples {@code 0 .. labels.length - 1} with the given labels.
     *
     * @throws IllegalArgumentException when P or K is below 2, P exceeds the number of classes, or the epoch has no
     *     batches
     */
    public PkSampler(int[] labels, int p, int k, long seed, int batchesPerEpoch) {
        if (p < 2) {
            throw new IllegalArgumentException("PK sampler: P must be at least 2, got " + p
                    + ": with one class per batch no anchor has a negative");
        }
        if (k < 2) {
            throw new IllegalArgumentException("PK sampler: K must be at least 2, got " + k
                    + ": with one sample per class no anchor has a positive");
        }
        TreeMap<Integer, List<Integer>> groups = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            groups.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        if (p > groups.size()) {
            throw new IllegalArgumentException("PK sampler: P = " + p + " exceeds the " + groups.size()
                    + " classes in the labels: a batch needs P distinct classes");
        }
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException(
                    "PK sampler: expected at least one batch per epoch, got " + batchesPerEpoch);
        }
        this.byClass = new int[groups.size()][];
        this.classLabels = new int[groups.size()];
        int c = 0;
        for (var e : groups.entrySet()) {
            classLabels[c] = e.getKey();
            byClass[c++] = e.getValue().stream().mapToInt(Integer::intValue).toArray();
        }
        this.p = p;
        this.k = k;
        this.seed = seed;
        this.batchesPerEpoch = batchesPerEpoch;
    }

    /** Classes per batch. */
    public int p() {
        return p;
    }

    /** Samples per class. */
    public int k() {
        return k;
    }

    /** P K, the number of samples in a batch. */
    public int batchSize() {
        return p * k;
    }

    /** The number of batches in an epoch. */
    public int batchesPerEpoch() {
        return batchesPerEpoch;
    }

    /** The seed all batches derive from. */
    public long seed() {
        return seed;
    }

    /** The number of distinct classes in the labels. */
    public int classCount() {
        return classLabels.length;
    }

    /**
     * The sample indices of batch {@code index} of epoch {@code epoch}: P K indices, class by class, so positions
     * c K to (c + 1) K - 1 hold the K samples of the c-th class drawn. The same arguments always give the same
     * batch.
     *
     * @throws IllegalArgumentException when epoch is negative or index is outside [0, batchesPerEpoch)
     */
    public int[] batch(int epoch, int index) {
        if (epoch < 0 || index < 0 || index >= batchesPerEpoch) {
            throw new IllegalArgumentException("PK sampler: expected epoch >= 0 and batch in [0, " + batchesPerEpoch
                    + "), got epoch " + epoch + ", batch " + index);
        }
        SplittableRandom rng = new SplittableRandom(mix(mix(mix(seed) + GOLDEN_GAMMA * (epoch + 1L))
                + GOLDEN_GAMMA * (index + 1L)));
        int[] classes = sampleDistinct(rng, byClass.length, p);
        int[] out = new int[p * k];
        for (int c = 0; c < p; c++) {
            int[] members = byClass[classes[c]];
            if (members.length >= k) {
                int[] picks = sampleDistinct(rng, members.length, k);
                for (int j = 0; j < k; j++) {
                    out[c * k + j] = members[picks[j]];
                }
            } else {
                for (int j = 0; j < k; j++) {
                    out[c * k + j] = members[rng.nextInt(members.length)];
                }
            }
        }
        return out;
    }

    /**
     * {@code count} distinct integers of [0, n), uniformly over subsets, by Floyd's algorithm: O(count^2) time and
     * no array of size n.
     */
    private static int[] sampleDistinct(SplittableRandom rng, int n, int count) {
        int[] chosen = new int[count];
        for (int size = 0, j = n - count; j < n; size++, j++) {
            int t = rng.nextInt(j + 1);
            chosen[size] = contains(chosen, size, t) ? j : t;
        }
        return chosen;
    }

    private static boolean contains(int[] a, int length, int v) {
        for (int i = 0; i < length; i++) {
            if (a[i] == v) {
                return true;
            }
        }
        return false;
    }

    /** The SplitMix64 finaliser: a bijection of longs that scatters nearby inputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The label of each sample of {@code batch}, given the full label vector. */
    public static int[] labelsOf(int[] labels, int[] batch) {
        int[] out = new int[batch.length];
        for (int i = 0; i < batch.length; i++) {
            out[i] = labels[batch[i]];
        }
        return out;
    }

    @Override
    public String toString() {
        return "PkSampler(P=" + p + ", K=" + k + ", " + classLabels.length + " classes, " + batchesPerEpoch
                + " batches per epoch)";
    }
}
