package org.tripletgrad.autograd.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.nn.Parameter;

/**
 * Adam with bias correction (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015), computing exactly
 * the update of PyTorch's {@code torch.optim.Adam} (without amsgrad).
 *
 * <p>At the t-th update of a parameter p with gradient g (t = 1 first), and m = v = 0 before the first:
 * <pre>
 *   g  = fma(weightDecay, p, g)                      (only when weightDecay != 0: L2 penalty, not AdamW)
 *   m  = fma(1 - beta1, g, m * beta1)
 *   v  = fma((1 - beta2) * g, g, v * beta2)
 *   stepSize = lr / (1 - beta1^t)
 *   denom    = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p  = p + ((-stepSize) * m) / denom
 * </pre>
 * This is m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2, p = p - lr m_hat / (sqrt(v_hat) + eps) with
 * the bias-corrected m_hat = m / (1 - beta1^t) and v_hat = v / (1 - beta2^t), in PyTorch's order of operations and
 * with the fused multiply-adds its CPU kernels use ({@code add_} with alpha and {@code addcmul_} round once), so the
 * results agree with PyTorch's float64 Adam bit for bit. Note that eps is added after the bias correction of v. The
 * buffers are saved as {@code exp_avg} (m) and {@code exp_avg_sq} (v), PyTorch's names.
 */
public final class Adam extends Optimizer {
    /** The default decay of the first-moment estimate. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The default decay of the second-moment estimate. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The default term added to the denominator. */
    public static final double DEFAULT_EPS = 1e-8;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** Adam with beta1 0.9, beta2 0.999, eps 1e-8 and no weight decay. */
    public Adam(Map<String, Parameter> params, double lr) {
        this(params, lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS, 0.0);
    }

    /**
     * Adam with the given hyperparameters.
     *
     * @throws IllegalArgumentException when a beta is outside [0, 1), eps is negative or weightDecay is negative
     */
    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam: expected betas in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (!(eps >= 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException(
                    "adam: expected eps and weightDecay >= 0, got " + eps + " and " + weightDecay);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
    }

    @Override
    protected String kind() {
        return "adam";
    }

    @Override
    protected Map<String, Double> hyperparameters() {
        Map<String, Double> h = new LinkedHashMap<>();
        h.put("beta1", beta1);
        h.put("beta2", beta2);
        h.put("eps", eps);
        h.put("weightDecay", weightDecay);
        return h;
    }

    @Override
    protected List<String> bufferNames() {
        return List.of("exp_avg", "exp_avg_sq");
    }

    @Override
    protected void update(double[] param, double[] grad, double[] out, double[][] buffers, long step) {
        double[] m = buffers[0];
        double[] v = buffers[1];
        double stepSize = learningRate() / (1 - Math.pow(beta1, step));
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        for (int i = 0; i < param.length; i++) {
            double g = weightDecay != 0 ? Math.fma(weightDecay, param[i], grad[i]) : grad[i];
            m[i] = Math.fma(1 - beta1, g, m[i] * beta1);
            v[i] = Math.fma((1 - beta2) * g, g, v[i] * beta2);
            double denom = Math.sqrt(v[i]) / bias2Sqrt + eps;
            out[i] = param[i] + (-stepSize) * m[i] / denom;
        }
    }
}
