package org.tripletgrad.autograd.nn;

import java.util.function.Function;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/** Central finite differences of a scalar function of one tensor, the independent route for gradient tests. */
final class NumericGradient {
    private NumericGradient() {
    }

    /** d f / d x by (f(x + h e_i) - f(x - h e_i)) / 2h for every element i. */
    static Tensor of(Function<Var, Var> f, Tensor x, double h) {
        double[] base = x.toArray();
        double[] grad = new double[base.length];
        int[] dims = x.shape().dims();
        for (int i = 0; i < base.length; i++) {
            double keep = base[i];
            base[i] = keep + h;
            double up = f.apply(Var.constant(Tensor.of(base, dims))).item();
            base[i] = keep - h;
            double down = f.apply(Var.constant(Tensor.of(base, dims))).item();
            base[i] = keep;
            grad[i] = (up - down) / (2 * h);
        }
        return Tensor.wrap(grad, dims);
    }

    /** d f / d x by backward, for comparison with {@link #of}. */
    static Tensor analytic(Function<Var, Var> f, Tensor x) {
        Var leaf = Var.param(x);
        f.apply(leaf).backward();
        return leaf.grad();
    }
}
