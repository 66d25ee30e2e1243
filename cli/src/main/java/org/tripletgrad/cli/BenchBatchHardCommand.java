package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.TripletLoss;
import org.tripletgrad.triplet.fused.FusedBatchHard;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad bench batch-hard}: the median time of one batch-hard forward plus backward pass, per batch size,
 * on standard normal embeddings with labels i / 4 (four rows per class), after a warm-up.
 */
@Command(name = "batch-hard", mixinStandardHelpOptions = true,
        description = "Time batch-hard forward + backward (median microseconds) for each N.")
final class BenchBatchHardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--n", split = ",", defaultValue = "72,256,1024,4096", description = "Batch sizes (default: ${DEFAULT-VALUE}).")
    int[] sizes;

    @Option(names = "--dim", defaultValue = "128", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--threads", description = "Threads for the fused kernel (default: the available processors).")
    Integer threads;

    @Option(names = "--impl", description = "composed or fused (default: both).")
    String impl;

    @Option(names = "--min-seconds", defaultValue = "1",
            description = "Measure each case for at least this long (default: ${DEFAULT-VALUE}).")
    double minSeconds;

    @Option(names = "--json", description = "Print a JSON list of {n, dim, threads, impl, medianMicros}.")
    boolean json;

    @Override
    public Integer call() {
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        validate(t);
        List<Implementation> impls = impl == null
                ? List.of(Implementation.COMPOSED, Implementation.FUSED)
                : List.of(parseImpl(impl));
        PrintWriter out = spec.commandLine().getOut();
        List<String> rows = new ArrayList<>();
        if (!json) {
            out.printf("batch-hard forward+backward, D = %d, %d threads, fused kernel %s%n", dim, t,
                    FusedBatchHard.kernelName());
            out.printf("%8s %6s %8s %10s %16s%n", "n", "dim", "threads", "impl", "median (us)");
        }
        for (int n : sizes) {
            for (Implementation i : impls) {
                double micros = median(n, i, t);
                if (json) {
                    rows.add(String.format(Locale.ROOT,
                            "{\"n\": %d, \"dim\": %d, \"threads\": %d, \"impl\": \"%s\", \"medianMicros\": %.1f}",
                            n, dim, t, i.id(), micros));
                } else {
                    out.printf(Locale.ROOT, "%8d %6d %8d %10s %16.1f%n", n, dim, t, i.id(), micros);
                }
                out.flush();
            }
        }
        if (json) {
            out.println("[" + String.join(", ", rows) + "]");
        }
        return 0;
    }

    private void validate(int t) {
        if (t < 1 || dim < 1 || !(minSeconds > 0)) {
            throw new InputException("bench batch-hard: expected --threads >= 1, --dim >= 1 and --min-seconds > 0, got "
                    + t + ", " + dim + " and " + minSeconds);
        }
        for (int n : sizes) {
            if (n < 2) {
                throw new InputException("bench batch-hard: expected every --n >= 2, got " + Arrays.toString(sizes));
            }
        }
    }

    private static Implementation parseImpl(String s) {
        try {
            return Implementation.parse(s);
        } catch (IllegalArgumentException e) {
            throw new InputException("--impl: " + e.getMessage(), e);
        }
    }

    /** Median wall time of forward + backward in microseconds, after a warm-up of about a third of the budget. */
    private double median(int n, Implementation impl, int t) {
        Tensor x = Tensor.randn(new SplittableRandom(n), n, dim);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / 4;
        }
        TripletLoss loss = TripletLoss.builder().implementation(impl).threads(t).build();
        long warmEnd = System.nanoTime() + (long) (minSeconds * 1e9 / 3);
        int warm = 0;
        while (warm < 3 || System.nanoTime() < warmEnd) {
            once(loss, x, labels);
            warm++;
        }
        List<Long> times = new ArrayList<>();
        long end = System.nanoTime() + (long) (minSeconds * 1e9);
        while (times.size() < 5 || (System.nanoTime() < end && times.size() < 100_000)) {
            long s = System.nanoTime();
            once(loss, x, labels);
            times.add(System.nanoTime() - s);
        }
        times.sort(null);
        int m = times.size();
        double mid = m % 2 == 1 ? times.get(m / 2) : (times.get(m / 2 - 1) + times.get(m / 2)) / 2.0;
        return mid / 1e3;
    }

    private static void once(TripletLoss loss, Tensor x, int[] labels) {
        Var v = Var.param(x);
        loss.apply(v, labels).loss().backward();
        if (v.grad() == null) {
            throw new IllegalStateException("bench batch-hard: no gradient reached the embeddings");
        }
    }
}
