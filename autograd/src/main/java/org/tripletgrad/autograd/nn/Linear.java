package org.tripletgrad.autograd.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * A fully connected layer: y = x W + b for x of shape [n, in], W of shape [in, out] and b of shape [out].
 *
 * <p>The weight is stored as [in, out], the transpose of PyTorch's {@code nn.Linear.weight}, so that forward is a
 * plain matrix product with no transposed copy. The weight, then the bias, are drawn with an {@link Init} from a
 * seeded generator (the bias is 0 for every init but {@link Init#FAN_IN_UNIFORM}). Parameters are named
 * {@code "weight"} and {@code "bias"}.
 */
public final class Linear implements Module {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * A layer from {@code in} to {@code out} features, the weight drawn by {@code init} from {@code rng} with
     * fan-in {@code in} and fan-out {@code out}, then the bias by {@link Init#bias}.
     */
    public Linear(int in, int out, Init init, SplittableRandom rng) {
        this(init.sample(rng, in, out, in, out), init.bias(rng, in, out));
    }

    /**
     * A layer with the given weight [in, out] and bias [out].
     *
     * @throws IllegalArgumentException when the shapes do not fit together
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.dim(0) != weight.dim(1)) {
            throw new IllegalArgumentException("Linear: expected weight [in, out] and bias [out], got "
                    + weight.shape() + " and " + bias.shape());
        }
        this.in = weight.dim(0);
        this.out = weight.dim(1);
        this.weight = new Parameter(weight);
        this.bias = new Parameter(bias);
    }

    /** The number of input features. */
    public int inFeatures() {
        return in;
    }

    /** The number of output features. */
    public int outFeatures() {
        return out;
    }

    /** The weight, [in, out]. */
    public Parameter weight() {
        return weight;
    }

    /** The bias, [out]. */
    public Parameter bias() {
        return bias;
    }

    /**
     * x W + b.
     *
     * @throws IllegalArgumentException when x is not [n, in]
     */
    @Override
    public Var forward(Var x) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(
                    "Linear.forward: expected input of shape [n, " + in + "], got " + x.shape());
        }
        return x.matmul(weight.var()).add(bias.var());
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> params = new LinkedHashMap<>();
        params.put("weight", weight);
        params.put("bias", bias);
        return params;
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ")";
    }
}
