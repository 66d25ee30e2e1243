package org.tripletgrad.autograd.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.nn.Parameter;

/**
 * Stochastic gradient descent with optional momentum and weight decay, computing the update of PyTorch's
 * {@code torch.optim.SGD} (dampening 0, not Nesterov).
 *
 * <p>At the t-th update of a parameter p with gradient g (t = 1 first):
 * <pre>
 *   g = fma(weightDecay, p, g)                  (only when weightDecay != 0)
 *   b = g at t = 1, else b * momentum + g        (only when momentum != 0; then g = b)
 *   p = fma(-lr, g, p)
 * </pre>
 * that is p = p - lr (g + weightDecay p) with momentum, rounded as PyTorch's CPU kernels round it ({@code add_}
 * with alpha is one fused multiply-add), so the results agree with PyTorch's float64 SGD bit for bit. The momentum
 * buffer b is saved as {@code momentum_buffer}, PyTorch's name; without momentum there is none.
 */
public final class SGD extends Optimizer {
    private final double momentum;
    private final double weightDecay;

    /** Plain gradient descent, p = p - lr * g. */
    public SGD(Map<String, Parameter> params, double lr) {
        this(params, lr, 0.0, 0.0);
    }

    /**
     * SGD with the given momentum and weight decay.
     *
     * @throws IllegalArgumentException when momentum or weightDecay is negative
     */
    public SGD(Map<String, Parameter> params, double lr, double momentum, double weightDecay) {
        super(params, lr);
        if (!(momentum >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "sgd: expected momentum and weightDecay >= 0, got " + momentum + " and " + weightDecay);
        }
        this.momentum = momentum;
        this.weightDecay = weightDecay;
    }

    @Override
    protected String kind() {
        return "sgd";
    }

    @Override
    protected Map<String, Double> hyperparameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("momentum", momentum);
        h.put("weightDecay", weightDecay);
        return h;
    }

    @Override
    protected List<String> bufferNames() {
        return momentum != 0 ? List.of("momentum_buffer") : List.of();
    }

    @Override
    protected void update(double[] param, double[] grad, double[] out, double[][] buffers, long step) {
        double lr = learningRate();
        for (int i = 0; i < param.length; i++) {
            double g = weightDecay != 0 ? Math.fma(weightDecay, param[i], grad[i]) : grad[i];
            if (momentum != 0) {
                double[] b = buffers[0];
                b[i] = step == 1 ? g : b[i] * momentum + g;
                g = b[i];
            }
            out[i] = Math.fma(-lr, g, param[i]);
        }
    }
}
