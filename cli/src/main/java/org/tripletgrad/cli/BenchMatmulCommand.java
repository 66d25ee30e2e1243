package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.tripletgrad.tensor.kernel.Kernels;
import org.tripletgrad.tensor.kernel.MatMulKernel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tripletgrad bench matmul}: the median GFLOP/s of square float64 matrix products, size by size, so the figure
 * can be set beside NumPy or PyTorch on the same machine.
 *
 * <p>For each size n the command multiplies two n x n matrices of uniform values: first a warm-up (so the JIT has
 * compiled the kernel), then timed repetitions until the time box for that size is spent, at least three. A product
 * counts 2 n^3 floating-point operations.
 */
@Command(name = "matmul", mixinStandardHelpOptions = true,
        description = "Median GFLOP/s of square float64 matmul, per size, after a warm-up.")
final class BenchMatmulCommand implements Callable<Integer> {
    /** The largest n whose n x n matrix fits one Java array. */
    static final int MAX_SIZE = 46_340;
    private static final int MIN_REPETITIONS = 3;

    /** Which matrix-product kernel to time. */
    enum Impl {
        vector, scalar
    }

    @Option(names = "--size", split = ",", paramLabel = "N[,N...]", defaultValue = "256,1024,2048",
            description = "Matrix sizes, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads for the kernel (default: the library's, the number of processors up to 8).")
    Integer threads;

    @Option(names = "--impl", paramLabel = "IMPL",
            description = "Kernel: ${COMPLETION-CANDIDATES} (default: the one the library chose).")
    Impl impl;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
            description = "Time box per size for the timed repetitions, in seconds (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--json", description = "Print a JSON list of {size, threads, impl, gflops}.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        validate();
        MatMulKernel kernel = kernel();
        int before = Kernels.threads();
        List<double[]> rows = new ArrayList<>();
        try {
            if (threads != null) {
                Kernels.setThreads(threads);
            }
            warmUpTheCompiler(kernel);
            for (int n : sizes) {
                rows.add(new double[] {n, Kernels.threads(), medianGflops(kernel, n)});
            }
        } finally {
            Kernels.setThreads(before);
        }
        print(spec.commandLine().getOut(), kernel.name(), rows);
        return 0;
    }

    private void validate() {
        for (int n : sizes) {
            if (n <= 0 || n > MAX_SIZE) {
                throw new InputException("--size expects sizes in [1, " + MAX_SIZE + "], got " + n);
            }
        }
        if (threads != null && (threads <= 0 || threads > Kernels.MAX_THREADS)) {
            throw new InputException(
                    "--threads expects a count in [1, " + Kernels.MAX_THREADS + "], got " + threads);
        }
        if (!(seconds > 0 && seconds <= 3600)) {
            throw new InputException("--seconds expects a time in (0, 3600], got " + seconds);
        }
    }

    private MatMulKernel kernel() {
        if (impl == null) {
            return Kernels.matmul();
        }
        if (impl == Impl.scalar) {
            return Kernels.scalarMatMul();
        }
        return Kernels.vectorMatMul().orElseThrow(() -> new InputException(
                "--impl vector needs the JVM started with --add-modules " + Kernels.VECTOR_MODULE
                        + ", which this one was not"));
    }

    /**
     * Calls the kernel very often on tiny products, then on small ones, so the JIT compiles it fully before the first
     * timed size: Vector API code runs a hundred times slower until then, so the warm-up must count calls, not
     * seconds of work.
     */
    private static void warmUpTheCompiler(MatMulKernel kernel) {
        int[][] shapes = {{8, 8, 72}, {48, 48, 48}};
        for (int[] s : shapes) {
            double[] a = uniform(1, s[0] * s[1]);
            double[] b = uniform(2, s[1] * s[2]);
            double[] c = new double[s[0] * s[2]];
            long end = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < end) {
                kernel.multiply(a, b, c, s[0], s[1], s[2]);
            }
        }
    }

    private double medianGflops(MatMulKernel kernel, int n) {
        double[] a = uniform(n, n * n);
        double[] b = uniform(n + 1L, n * n);
        double[] c = new double[n * n];
        long box = (long) (seconds * 1e9);
        double flops = 2.0 * n * n * n;
        warmUp(kernel, a, b, c, n, box);
        List<Double> rates = new ArrayList<>();
        long end = System.nanoTime() + box;
        while (rates.size() < MIN_REPETITIONS || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            kernel.multiply(a, b, c, n, n, n);
            long elapsed = Math.max(1, System.nanoTime() - t0);
            rates.add(flops / elapsed);
        }
        return median(rates);
    }

    /**
     * Repeats the product for at least a third of the time box and then until the rate has not risen by 5% for
     * three repetitions or a third of the box (the JIT may still be compiling), within ten time boxes.
     */
    private static void warmUp(MatMulKernel kernel, double[] a, double[] b, double[] c, int n, long box) {
        long start = System.nanoTime();
        double best = 0.0;
        long bestAt = start;
        int sinceBest = 0;
        while (true) {
            long t0 = System.nanoTime();
            kernel.multiply(a, b, c, n, n, n);
            long now = System.nanoTime();
            double rate = 1.0 / Math.max(1, now - t0);
            if (rate > 1.05 * best) {
                best = rate;
                bestAt = now;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            boolean settled = sinceBest >= MIN_REPETITIONS || now - bestAt >= box / 3;
            if (now - start >= 10 * box || (now - start >= box / 3 && settled)) {
                return;
            }
        }
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    }

    private static double[] uniform(long seed, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextDouble();
        }
        return x;
    }

    private void print(PrintWriter out, String name, List<double[]> rows) {
        if (json) {
            List<String> items = new ArrayList<>();
            for (double[] r : rows) {
                items.add(String.format(Locale.ROOT,
                        "{\"size\": %d, \"threads\": %d, \"impl\": \"%s\", \"gflops\": %.3f}",
                        (int) r[0], (int) r[1], name, r[2]));
            }
            out.println("[" + String.join(", ", items) + "]");
        } else {
            out.printf(Locale.ROOT, "%8s %8s %8s %10s%n", "size", "threads", "impl", "GFLOP/s");
            for (double[] r : rows) {
                out.printf(Locale.ROOT, "%8d %8d %8s %10.2f%n", (int) r[0], (int) r[1], name, r[2]);
            }
        }
        out.flush();
    }
}
