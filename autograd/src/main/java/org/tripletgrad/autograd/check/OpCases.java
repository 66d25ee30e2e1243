package org.tripletgrad.autograd.check;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * One {@link GradcheckCase} for every op of {@link Var}, on small inputs drawn away from the op's kinks: magnitudes
 * of at least 0.1 around relu's and clampMin's corner, values at least 0.2 apart along max and min's dimension,
 * positive arguments for sqrt and log, denominators of magnitude at least 0.5. Shapes are chosen to exercise
 * broadcasting and batching where the op has them.
 */
public final class OpCases {
    private static final Tensor MASK = Tensor.matrix(new double[][] {{1, 0, 0, 1}, {0, 1, 1, 0}, {1, 1, 0, 0}});

    private OpCases() {
    }

    /** The cases, in a stable order. */
    public static List<GradcheckCase> all() {
        return List.of(
                binary("add", new int[] {3, 1, 4}, new int[] {2, 4}, Var::add),
                binary("sub", new int[] {2, 3}, new int[] {3}, Var::sub),
                binary("mul", new int[] {2, 1, 3}, new int[] {4, 1}, Var::mul),
                new GradcheckCase("div", r -> List.of(uniform(r, -2, 2, 3, 4), awayFromZero(r, 0.5, 2, 4)),
                        x -> x.get(0).div(x.get(1))),
                unary("neg", r -> uniform(r, -2, 2, 3, 4), Var::neg),
                unary("square", r -> uniform(r, -2, 2, 5), Var::square),
                binary("matmul", new int[] {3, 4}, new int[] {4, 2}, Var::matmul),
                binary("matmulBatched", new int[] {2, 3, 4}, new int[] {4, 5}, Var::matmul),
                unary("transpose", r -> uniform(r, -2, 2, 2, 3, 4), v -> v.transpose(0, 2)),
                unary("diagonal", r -> uniform(r, -2, 2, 3, 4), Var::diagonal),
                unary("reshape", r -> uniform(r, -2, 2, 2, 6), v -> v.reshape(3, -1)),
                unary("unsqueeze", r -> uniform(r, -2, 2, 3, 4), v -> v.unsqueeze(1)),
                unary("squeeze", r -> uniform(r, -2, 2, 3, 1, 4), v -> v.squeeze(1)),
                unary("expand", r -> uniform(r, -2, 2, 3, 1), v -> v.expand(2, 3, 4)),
                unary("sum", r -> uniform(r, -2, 2, 3, 4), Var::sum),
                unary("sumDim", r -> uniform(r, -2, 2, 3, 4, 2), v -> v.sum(1, false)),
                unary("mean", r -> uniform(r, -2, 2, 3, 4), Var::mean),
                unary("meanDim", r -> uniform(r, -2, 2, 3, 4), v -> v.mean(0, true)),
                unary("max", r -> spaced(r, 4, 5), v -> v.max(1, false)),
                unary("min", r -> spaced(r, 4, 5), v -> v.min(0, true)),
                unary("relu", r -> awayFromZero(r, 0.1, 2, 4, 5), Var::relu),
                unary("clampMin", r -> awayFromZero(r, 0.1, 2, 4, 5).add(0.3), v -> v.clampMin(0.3)),
                unary("sqrt", r -> uniform(r, 0.5, 2, 3, 4), Var::sqrt),
                unary("maskedSqrt", r -> uniform(r, 0.5, 2, 3, 4), Var::maskedSqrt),
                unary("exp", r -> uniform(r, -2, 2, 3, 4), Var::exp),
                unary("log", r -> uniform(r, 0.5, 3, 3, 4), Var::log),
                unary("softplus", r -> uniform(r, -5, 5, 3, 4), Var::softplus),
                new GradcheckCase("where", r -> List.of(uniform(r, -2, 2, 3, 4), uniform(r, -2, 2, 4)),
                        x -> Var.where(MASK, x.get(0), x.get(1))),
                unary("maskedFill", r -> uniform(r, -2, 2, 3, 4), v -> v.maskedFill(MASK, 7.0)),
                unary("indexSelect", r -> uniform(r, -2, 2, 4, 3), v -> v.indexSelect(0, 2, 0, 2, 3)),
                unary("gather", r -> uniform(r, -2, 2, 3, 4),
                        v -> v.gather(1, Tensor.matrix(new double[][] {{3, 0}, {1, 1}, {2, 0}}))));
    }

    /** The names of {@link #all()}, in order. */
    public static List<String> names() {
        return all().stream().map(GradcheckCase::name).toList();
    }

    private static GradcheckCase unary(String name, Function<SplittableRandom, Tensor> input,
            UnaryOperator<Var> op) {
        return new GradcheckCase(name, r -> List.of(input.apply(r)), x -> op.apply(x.get(0)));
    }

    private static GradcheckCase binary(String name, int[] a, int[] b, BinaryOperator<Var> op) {
        return new GradcheckCase(name, r -> List.of(uniform(r, -2, 2, a), uniform(r, -2, 2, b)),
                x -> op.apply(x.get(0), x.get(1)));
    }

    private static Tensor uniform(SplittableRandom r, double lo, double hi, int... shape) {
        return Tensor.uniform(r, lo, hi, shape);
    }

    /** Magnitudes uniform on [lo, hi) with random signs. */
    private static Tensor awayFromZero(SplittableRandom r, double lo, double hi, int... shape) {
        return Tensor.uniform(r, lo, hi, shape).map(v -> r.nextBoolean() ? v : -v);
    }

    /** A random arrangement of -2, -1.8, -1.6, ... plus jitter below 0.05: any two values are 0.15 or more apart. */
    private static Tensor spaced(SplittableRandom r, int... shape) {
        int n = Shape.of(shape).numel();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -2 + 0.2 * i + 0.05 * r.nextDouble();
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = d[i];
            d[i] = d[j];
            d[j] = t;
        }
        return Tensor.wrap(d, shape);
    }
}
