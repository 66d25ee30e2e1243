package org.tripletgrad.bench;

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
import org.tripletgrad.tensor.kernel.ArrayOps;
import org.tripletgrad.tensor.kernel.Kernels;

/**
 * {@link ArrayOps#pairwiseSquaredDistances} of a batch of embeddings to itself, the shape batch-hard mining needs,
 * on either path with one kernel thread. Scores are microseconds per call.
 *
 * <p>The path is chosen by setting {@code tripletgrad.vector} before the library first loads in the forked JVM;
 * the setup checks that the library took it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class DistanceBenchmark {
    /** The path: "vector" or "scalar". */
    @Param({"vector", "scalar"})
    public String path;

    /** Points in the batch. */
    @Param({"64", "256"})
    public int batch;

    /** Embedding dimension. */
    @Param({"128"})
    public int dim;

    private double[] points;
    private double[] distances;

    /** Selects the path and fills the points with seeded uniform values. */
    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty(Kernels.VECTOR_PROPERTY, Boolean.toString("vector".equals(path)));
        if (Kernels.vectorInUse() != "vector".equals(path)) {
            throw new IllegalStateException("DistanceBenchmark: asked for the " + path + " path, the library uses "
                    + Kernels.matmul().name());
        }
        Kernels.setThreads(1);
        points = MatMulBenchmark.uniform(3, batch * dim);
        distances = new double[batch * batch];
    }

    /** All batch x batch squared distances. */
    @Benchmark
    public double[] pairwiseSquaredDistances() {
        ArrayOps.pairwiseSquaredDistances(points, points, distances, batch, batch, dim);
        return distances;
    }
}
