package org.tripletgrad.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.TripletLoss;

/**
 * Batch-hard forward plus backward, composed and fused, on standard normal N x D embeddings with four rows per class
 * (labels i / 4), the setting of bench/batch_hard_vs_torch.py. Run with
 * {@code java --add-modules jdk.incubator.vector -cp ... org.openjdk.jmh.Main BatchHardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class BatchHardBenchmark {
    /** Rows in the batch. */
    @Param({"72", "256", "1024", "4096"})
    public int n;

    /** Embedding dimension. */
    @Param({"128"})
    public int dim;

    /** composed or fused. */
    @Param({"composed", "fused"})
    public String impl;

    /** Threads for the fused kernel. */
    @Param({"2"})
    public int threads;

    private Tensor x;
    private int[] labels;
    private TripletLoss loss;

    /** Draws the batch and builds the loss. */
    @Setup
    public void setUp() {
        x = Tensor.randn(new SplittableRandom(n), n, dim);
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 4;
        }
        loss = TripletLoss.builder().implementation(Implementation.parse(impl)).threads(threads).build();
    }

    /** One forward and backward pass; returns the gradient so that nothing is optimised away. */
    @Benchmark
    public Tensor forwardBackward() {
        Var v = Var.param(x);
        loss.apply(v, labels).loss().backward();
        return v.grad();
    }
}
