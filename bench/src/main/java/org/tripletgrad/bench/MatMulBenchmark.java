package org.tripletgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tripletgrad.tensor.kernel.Kernels;
import org.tripletgrad.tensor.kernel.MatMulKernel;

/**
 * Square float64 matrix products, n x n times n x n, on both kernels and with 1 and 2 kernel threads.
 *
 * <p>The score is milliseconds per product; GFLOP/s = 2 n^3 / (score * 1e6). The forked JVM gets
 * {@code --add-modules jdk.incubator.vector}, so both kernels exist in it. Run with
 * {@code java -jar bench/target/benchmarks.jar MatMulBenchmark}, optionally {@code -p size=1024 -p threads=2}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MatMulBenchmark {
    /** The kernel: "vector" or "scalar". */
    @Param({"vector", "scalar"})
    public String impl;

    /** Kernel threads, the calling thread included. */
    @Param({"1", "2"})
    public int threads;

    /** The matrix size n. */
    @Param({"256", "1024", "2048"})
    public int size;

    private MatMulKernel kernel;
    private double[] a;
    private double[] b;
    private double[] c;

    /** Picks the kernel, sets the thread count and fills the operands with seeded uniform values. */
    @Setup(Level.Trial)
    public void setUp() {
        kernel = "scalar".equals(impl) ? Kernels.scalarMatMul() : Kernels.vectorMatMul().orElseThrow(
                () -> new IllegalStateException("MatMulBenchmark: the fork has no " + Kernels.VECTOR_MODULE));
        Kernels.setThreads(threads);
        a = uniform(1, size * size);
        b = uniform(2, size * size);
        c = new double[size * size];
    }

    /** One product; the result is returned so the JIT cannot drop it. */
    @Benchmark
    public double[] multiply() {
        kernel.multiply(a, b, c, size, size, size);
        return c;
    }

    static double[] uniform(long seed, int length) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = rng.nextDouble();
        }
        return x;
    }
}
