package org.tripletgrad.autograd.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.tripletgrad.autograd.GradMode;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * Checks the gradients reverse mode computes against central finite differences in float64.
 *
 * <p>The function under test takes one {@link Var} per input tensor and returns a value. When the value has one
 * element it is differentiated as it is; otherwise it is reduced to the scalar {@code sum(w * f(x))} with fixed
 * random standard normal weights {@code w}, so the check compares one random combination of the Jacobian's rows (a
 * vector-Jacobian product) instead of all of them.
 *
 * <p>Two modes:
 * <ul>
 *   <li>{@link Mode#EVERY_ELEMENT} (the default): for every element {@code x_j} of every input, the numeric
 *       derivative {@code (F(x + eps e_j) - F(x - eps e_j)) / (2 eps)} against the analytic one. It costs two
 *       evaluations of the function per input element.</li>
 *   <li>{@link Mode#RANDOM_DIRECTIONS}: for each of a few random unit directions {@code v} over all inputs together,
 *       the numeric directional derivative {@code (F(x + eps v) - F(x - eps v)) / (2 eps)} against
 *       {@code v . grad F}. It costs two evaluations per direction whatever the input size, for large inputs; a wrong
 *       gradient passes only if it errs orthogonally to every direction drawn, which happens with probability 0.</li>
 * </ul>
 *
 * <p>A comparison passes when {@code |a - n| <= atol + rtol * |n|} (analytic {@code a}, numeric {@code n}), the rule
 * and the defaults of PyTorch's {@code torch.autograd.gradcheck}: eps 1e-6, atol 1e-5, rtol 1e-3. A NaN or an
 * infinity on either side fails. Central differences have error O(eps^2) plus rounding of about
 * {@code 1e-16 |F| / eps}, so the function must be smooth within eps of the inputs: keep inputs away from kinks
 * (relu at 0, ties in max and min, sqrt at 0).
 *
 * <p>Instances are immutable; each {@code with...} method returns a changed copy:
 * <pre>{@code
 * GradCheckReport r = GradCheck.check(xs -> xs.get(0).mul(xs.get(1)).sum(), a, b);
 * GradCheckReport fast = GradCheck.defaults().randomDirections(8).run(f, big);
 * }</pre>
 */
public final class GradCheck {
    /** PyTorch's default finite-difference step. */
    public static final double DEFAULT_EPS = 1e-6;
    /** PyTorch's default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-5;
    /** PyTorch's default relative tolerance. */
    public static final double DEFAULT_RTOL = 1e-3;
    /** The seed of the weights and directions unless {@link #withSeed} says otherwise. */
    public static final long DEFAULT_SEED = 0x7269706c6574L;

    /** What is compared: every input element, or a few random directions. */
    public enum Mode {
        /** One comparison per input element. */
        EVERY_ELEMENT,
        /** One comparison per random unit direction over all inputs. */
        RANDOM_DIRECTIONS
    }

    private static final GradCheck DEFAULTS =
            new GradCheck(DEFAULT_EPS, DEFAULT_ATOL, DEFAULT_RTOL, Mode.EVERY_ELEMENT, 0, DEFAULT_SEED);

    private final double eps;
    private final double atol;
    private final double rtol;
    private final Mode mode;
    private final int directions;
    private final long seed;

    private GradCheck(double eps, double atol, double rtol, Mode mode, int directions, long seed) {
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
        this.mode = mode;
        this.directions = directions;
        this.seed = seed;
    }

    /** Every element, eps 1e-6, atol 1e-5, rtol 1e-3, the default seed. */
    public static GradCheck defaults() {
        return DEFAULTS;
    }

    /** Checks {@code f} at {@code inputs} with the {@link #defaults()}. */
    public static GradCheckReport check(Function<List<Var>, Var> f, Tensor... inputs) {
        return DEFAULTS.run(f, List.of(inputs));
    }

    /** This check with finite-difference step {@code eps > 0}. */
    public GradCheck withEps(double eps) {
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("gradcheck: eps must be finite and > 0, got " + eps);
        }
        return new GradCheck(eps, atol, rtol, mode, directions, seed);
    }

    /** This check with tolerances {@code atol >= 0} and {@code rtol >= 0}. */
    public GradCheck withTolerances(double atol, double rtol) {
        if (!(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException(
                    "gradcheck: tolerances must be >= 0, got atol " + atol + ", rtol " + rtol);
        }
        return new GradCheck(eps, atol, rtol, mode, directions, seed);
    }

    /** This check over every input element (the default mode). */
    public GradCheck everyElement() {
        return new GradCheck(eps, atol, rtol, Mode.EVERY_ELEMENT, 0, seed);
    }

    /** This check along {@code count >= 1} random unit directions instead of every element. */
    public GradCheck randomDirections(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("gradcheck: expected at least 1 random direction, got " + count);
        }
        return new GradCheck(eps, atol, rtol, Mode.RANDOM_DIRECTIONS, count, seed);
    }

    /** This check with the weights of a non-scalar output and the random directions drawn from {@code seed}. */
    public GradCheck withSeed(long seed) {
        return new GradCheck(eps, atol, rtol, mode, directions, seed);
    }

    /** The finite-difference step. */
    public double eps() {
        return eps;
    }

    /** The absolute tolerance. */
    public double atol() {
        return atol;
    }

    /** The relative tolerance. */
    public double rtol() {
        return rtol;
    }

    /** The mode. */
    public Mode mode() {
        return mode;
    }

    /** The number of random directions, 0 in {@link Mode#EVERY_ELEMENT} mode. */
    public int directions() {
        return directions;
    }

    /** The seed of the output weights and the directions. */
    public long seed() {
        return seed;
    }

    /** Checks {@code f} at {@code inputs}. */
    public GradCheckReport run(Function<List<Var>, Var> f, Tensor... inputs) {
        return run(f, List.of(inputs));
    }

    /**
     * Checks {@code f} at {@code inputs}.
     *
     * @param f the function under test: one {@link Var} per input, in order; it must compute the same thing each
     *     time it is called, with or without recording a graph
     * @throws IllegalArgumentException when there is no input, the output is empty, or the output's shape changes
     *     between evaluations
     */
    public GradCheckReport run(Function<List<Var>, Var> f, List<Tensor> inputs) {
        Objects.requireNonNull(f, "gradcheck: function");
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("gradcheck: expected at least one input, got none");
        }
        List<Tensor> x = new ArrayList<>(inputs.size());
        for (Tensor t : inputs) {
            x.add(Objects.requireNonNull(t, "gradcheck: input").contiguous());
        }
        SplittableRandom rng = new SplittableRandom(seed);
        Objective objective = new Objective(f, x, rng);
        List<Tensor> analytic = objective.analyticGradients();
        GradCheckReport.Builder report = new GradCheckReport.Builder(this, shapesOf(x), objective.outputShape);
        if (mode == Mode.EVERY_ELEMENT) {
            compareEveryElement(objective, x, analytic, report);
        } else {
            compareDirections(objective, x, analytic, rng, report);
        }
        return report.build();
    }

    private void compareEveryElement(Objective objective, List<Tensor> x, List<Tensor> analytic,
            GradCheckReport.Builder report) {
        for (int i = 0; i < x.size(); i++) {
            double[] base = x.get(i).toArray();
            double[] grad = analytic.get(i).data();
            int[] dims = x.get(i).shape().dims();
            for (int j = 0; j < base.length; j++) {
                double[] plus = base.clone();
                plus[j] += eps;
                double[] minus = base.clone();
                minus[j] -= eps;
                double fPlus = objective.evaluate(replace(x, i, Tensor.wrap(plus, dims)));
                double fMinus = objective.evaluate(replace(x, i, Tensor.wrap(minus, dims)));
                report.compare(i, j, -1, grad[j], (fPlus - fMinus) / (2 * eps));
            }
        }
    }

    private void compareDirections(Objective objective, List<Tensor> x, List<Tensor> analytic, SplittableRandom rng,
            GradCheckReport.Builder report) {
        for (int d = 0; d < directions; d++) {
            List<double[]> v = unitDirection(x, rng);
            List<Tensor> plus = new ArrayList<>(x.size());
            List<Tensor> minus = new ArrayList<>(x.size());
            double along = 0;
            for (int i = 0; i < x.size(); i++) {
                double[] base = x.get(i).toArray();
                double[] p = new double[base.length];
                double[] m = new double[base.length];
                double[] g = analytic.get(i).data();
                for (int j = 0; j < base.length; j++) {
                    p[j] = base[j] + eps * v.get(i)[j];
                    m[j] = base[j] - eps * v.get(i)[j];
                    along += v.get(i)[j] * g[j];
                }
                int[] dims = x.get(i).shape().dims();
                plus.add(Tensor.wrap(p, dims));
                minus.add(Tensor.wrap(m, dims));
            }
            double numeric = (objective.evaluate(plus) - objective.evaluate(minus)) / (2 * eps);
            report.compare(-1, -1, d, along, numeric);
        }
    }

    /** Standard normal entries for every input element, scaled so that the whole direction has length 1. */
    private static List<double[]> unitDirection(List<Tensor> x, SplittableRandom rng) {
        List<double[]> v = new ArrayList<>(x.size());
        double norm2 = 0;
        for (Tensor t : x) {
            double[] d = Tensor.randn(rng, t.shape().dims()).toArray();
            for (double e : d) {
                norm2 += e * e;
            }
            v.add(d);
        }
        double scale = norm2 > 0 ? 1 / Math.sqrt(norm2) : 0;
        for (double[] d : v) {
            for (int j = 0; j < d.length; j++) {
                d[j] *= scale;
            }
        }
        return v;
    }

    private static List<Tensor> replace(List<Tensor> x, int i, Tensor t) {
        List<Tensor> copy = new ArrayList<>(x);
        copy.set(i, t);
        return copy;
    }

    private static List<Shape> shapesOf(List<Tensor> x) {
        List<Shape> shapes = new ArrayList<>(x.size());
        for (Tensor t : x) {
            shapes.add(t.shape());
        }
        return shapes;
    }

    /** The scalar F(x) the check differentiates: f itself, or the weighted sum of its elements. */
    private static final class Objective {
        private final Function<List<Var>, Var> f;
        private final List<Tensor> x;
        private final Shape outputShape;
        private final double[] weights;

        Objective(Function<List<Var>, Var> f, List<Tensor> x, SplittableRandom rng) {
            this.f = f;
            this.x = x;
            this.outputShape = forward(x).shape();
            if (outputShape.numel() == 0) {
                throw new IllegalArgumentException("gradcheck: the function returned an empty value of shape "
                        + outputShape);
            }
            this.weights = outputShape.numel() == 1 ? null : Tensor.randn(rng, outputShape.dims()).toArray();
        }

        private Tensor forward(List<Tensor> at) {
            List<Var> constants = new ArrayList<>(at.size());
            for (Tensor t : at) {
                constants.add(Var.constant(t));
            }
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                Var out = f.apply(List.copyOf(constants));
                return Objects.requireNonNull(out, "gradcheck: the function returned null").value();
            }
        }

        /** F at {@code at}, the weighted sum computed in plain float64 arithmetic. */
        double evaluate(List<Tensor> at) {
            Tensor out = forward(at);
            if (!out.shape().equals(outputShape)) {
                throw new IllegalArgumentException("gradcheck: the output's shape changed from " + outputShape
                        + " to " + out.shape() + " between evaluations");
            }
            if (weights == null) {
                return out.item();
            }
            double[] d = out.data();
            double s = 0;
            for (int k = 0; k < d.length; k++) {
                s += weights[k] * d[k];
            }
            return s;
        }

        /** dF/dx for each input by reverse mode; zeros for an input the output does not depend on. */
        List<Tensor> analyticGradients() {
            List<Var> params = new ArrayList<>(x.size());
            for (Tensor t : x) {
                params.add(Var.param(t));
            }
            Var out = Objects.requireNonNull(f.apply(List.copyOf(params)), "gradcheck: the function returned null");
            if (!out.shape().equals(outputShape)) {
                throw new IllegalArgumentException("gradcheck: the output's shape is " + out.shape()
                        + " when recording a graph but " + outputShape + " without");
            }
            Var scalar = weights == null ? out : out.mul(Var.constant(Tensor.wrap(weights, outputShape.dims()))).sum();
            if (scalar.requiresGrad()) {
                scalar.backward();
            }
            List<Tensor> grads = new ArrayList<>(x.size());
            for (Var p : params) {
                grads.add(p.grad() != null ? p.grad() : Tensor.zeros(p.shape()));
            }
            return grads;
        }
    }
}
