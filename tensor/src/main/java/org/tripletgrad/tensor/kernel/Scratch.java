package org.tripletgrad.tensor.kernel;

import java.lang.ref.SoftReference;

/**
 * A reusable {@code double[]} per thread, so a kernel called again and again (as in training) packs into the same
 * memory instead of allocating and zeroing a fresh array each call. The array is held softly: the collector may
 * take it back when memory runs short, and the next call allocates again.
 *
 * <p>Contents are left from earlier calls; a kernel must write every entry it reads.
 */
final class Scratch {
    private final ThreadLocal<SoftReference<double[]>> local = new ThreadLocal<>();

    /** This thread's array, at least {@code length} long. */
    double[] get(int length) {
        SoftReference<double[]> ref = local.get();
        double[] array = ref == null ? null : ref.get();
        if (array == null || array.length < length) {
            array = new double[length];
            local.set(new SoftReference<>(array));
        }
        return array;
    }
}
