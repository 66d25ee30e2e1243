package org.tripletgrad.tensor.kernel;

/**
 * Started in a child JVM by {@link KernelSelectionTest}: prints the path {@link Kernels} chose and the result of a
 * product and a distance computed on it, so the test sees the choice as a fresh JVM makes it.
 */
final class KernelSelectionProbe {
    private KernelSelectionProbe() {
    }

    public static void main(String[] args) {
        int n = 40;
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7) - 3;
        }
        double[] c = new double[n * n];
        Kernels.matmul().multiply(a, a, c, n, n, n);
        double[] d = new double[n * n];
        ArrayOps.pairwiseSquaredDistances(a, a, d, n, n, n);
        double sum = 0.0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i] + d[i];
        }
        System.out.println("path=" + Kernels.matmul().name() + " sum=" + sum);
    }
}
