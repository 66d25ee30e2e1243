package org.tripletgrad.autograd.nn;

import java.util.SplittableRandom;

import org.tripletgrad.tensor.Tensor;

/**
 * Weight initialisations for a layer with {@code fanIn} inputs and {@code fanOut} outputs.
 *
 * <p>Each draws the weights in row-major order from the given generator, so the same seed gives the same weights
 * bit for bit. {@link #bias} gives the bias each pairs with: zero, except for {@link #FAN_IN_UNIFORM}.
 */
public enum Init {
    /**
     * Xavier (Glorot) uniform: U(-a, a) with a = sqrt(6 / (fanIn + fanOut)), which keeps the variance of
     * activations and gradients about constant through linear or tanh layers (Glorot and Bengio, "Understanding the
     * difficulty of training deep feedforward neural networks", 2010).
     */
    XAVIER_UNIFORM,

    /**
     * He (Kaiming) uniform: U(-a, a) with a = sqrt(6 / fanIn), variance 2 / fanIn, which suits layers followed by
     * ReLU (He, Zhang, Ren, Sun, "Delving Deep into Rectifiers", 2015).
     */
    HE_UNIFORM,

    /** He (Kaiming) normal: N(0, 2 / fanIn), the same variance as {@link #HE_UNIFORM} from a normal distribution. */
    HE_NORMAL,

    /**
     * U(-a, a) with a = 1 / sqrt(fanIn), variance 1 / (3 fanIn), for the weight and the bias alike: the default of
     * PyTorch's {@code nn.Linear} (its He uniform with a negative slope of sqrt(5)).
     */
    FAN_IN_UNIFORM;

    /**
     * A weight tensor of the given shape, drawn from {@code rng}.
     *
     * @param fanIn the number of inputs of each output unit
     * @param fanOut the number of outputs of each input unit
     */
    public Tensor sample(SplittableRandom rng, int fanIn, int fanOut, int... shape) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException(
                    "init " + this + ": expected positive fan-in and fan-out, got " + fanIn + " and " + fanOut);
        }
        switch (this) {
            case XAVIER_UNIFORM: {
                double a = Math.sqrt(6.0 / (fanIn + fanOut));
                return Tensor.uniform(rng, -a, a, shape);
            }
            case HE_UNIFORM: {
                double a = Math.sqrt(6.0 / fanIn);
                return Tensor.uniform(rng, -a, a, shape);
            }
            case FAN_IN_UNIFORM: {
                double a = 1 / Math.sqrt(fanIn);
                return Tensor.uniform(rng, -a, a, shape);
            }
            default:
                return Tensor.randn(rng, shape).mul(Math.sqrt(2.0 / fanIn));
        }
    }

    /**
     * The bias [out] of a layer with {@code fanIn} inputs: zeros (drawing nothing from {@code rng}), except for
     * {@link #FAN_IN_UNIFORM}, which draws it from U(-1 / sqrt(fanIn), 1 / sqrt(fanIn)).
     */
    public Tensor bias(SplittableRandom rng, int fanIn, int out) {
        if (fanIn <= 0 || out <= 0) {
            throw new IllegalArgumentException(
                    "init " + this + ": expected positive fan-in and bias size, got " + fanIn + " and " + out);
        }
        if (this != FAN_IN_UNIFORM) {
            return Tensor.zeros(out);
        }
        double a = 1 / Math.sqrt(fanIn);
        return Tensor.uniform(rng, -a, a, out);
    }
}
