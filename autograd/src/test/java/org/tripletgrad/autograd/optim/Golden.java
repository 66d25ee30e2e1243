package org.tripletgrad.autograd.optim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.nn.Parameter;
import org.tripletgrad.tensor.Tensor;

/**
 * The PyTorch golden sequences of pytorch_golden.txt (written by pytorch_golden.py beside it) and the same run
 * replayed with one of our optimisers.
 */
final class Golden {
    static final int SIZE = 12;
    static final int STEPS = 10;

    private Golden() {
    }

    /** The parameter's first value, as the script computes it. */
    static double[] start() {
        double[] p = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            p[i] = (i - 5.5) / 4;
        }
        return p;
    }

    /** The gradient of update t (0-based), as the script computes it. */
    static double[] gradient(int t) {
        double[] g = new double[SIZE];
        for (int i = 0; i < SIZE; i++) {
            g[i] = (0.3 * (t + 1) - 0.11 * i) / (1.5 + 0.25 * (t * i));
        }
        return g;
    }

    /** The parameter after each update recorded for {@code name} in the golden file. */
    static List<double[]> expected(String name) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                Golden.class.getResourceAsStream("pytorch_golden.txt"), StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals(name)) {
                    double[] row = new double[f.length - 1];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = Double.parseDouble(f[i + 1]);
                    }
                    rows.add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("no golden rows for " + name);
        }
        return rows;
    }

    /** The parameter after each of {@code steps} updates by the optimiser {@code make} builds, as the script runs. */
    static List<double[]> replay(Function<Map<String, Parameter>, Optimizer> make, int steps) {
        Parameter p = new Parameter(Tensor.vector(start()));
        Optimizer opt = make.apply(Map.of("p", p));
        List<double[]> rows = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            opt.zeroGrad();
            p.var().mul(Var.constant(Tensor.vector(gradient(t)))).sum().backward();
            opt.step();
            rows.add(p.value().toArray());
        }
        return rows;
    }
}
