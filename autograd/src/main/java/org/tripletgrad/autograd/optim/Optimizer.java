package org.tripletgrad.autograd.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.nn.Parameter;
import org.tripletgrad.autograd.nn.StateDict;
import org.tripletgrad.tensor.Tensor;

/**
 * Updates named parameters from their gradients, one {@link #step()} at a time.
 *
 * <p>A step reads each parameter's {@link Parameter#grad() gradient}, computes the new value elementwise and swaps
 * it in with {@link Parameter#set}, which also leaves the parameter with an empty gradient. Parameters whose
 * gradient is null (no backward pass reached them) are skipped and their state does not advance, as in PyTorch.
 *
 * <p>Each parameter's state is a step count and a few buffers of the parameter's shape (moment estimates, a
 * momentum buffer), created at its first update. {@link #stateDict()} saves it with the learning rate and the
 * hyperparameters, and {@link #loadStateDict} restores it, so that a resumed run continues bit for bit. The buffers
 * are private arrays updated in place; {@link #stateDict()} returns copies.
 */
public abstract class Optimizer {
    private final Map<String, Parameter> params;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private double learningRate;

    /**
     * An optimiser over {@code params} (iteration order is the update order) with the given learning rate.
     *
     * @throws IllegalArgumentException when the learning rate is negative or not finite
     */
    protected Optimizer(Map<String, Parameter> params, double learningRate) {
        this.params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        setLearningRate(learningRate);
    }

    /** The optimiser's name, stored in its state dict ("sgd", "adam"). */
    protected abstract String kind();

    /** The hyperparameters other than the learning rate, by name, as stored in and checked against a state dict. */
    protected abstract Map<String, Double> hyperparameters();

    /** The names of the per-parameter buffers, in the order {@link #update} receives them; may be empty. */
    protected abstract List<String> bufferNames();

    /**
     * Computes one parameter's new value.
     *
     * @param param the current value (read only)
     * @param grad the gradient (read only)
     * @param out receives the new value
     * @param buffers this parameter's buffers, zeros before its first update, updated in place
     * @param step the number of this update for this parameter, 1 at the first
     */
    protected abstract void update(double[] param, double[] grad, double[] out, double[][] buffers, long step);

    /** Applies one update to every parameter that has a gradient, in the order of {@link #parameters()}. */
    public void step() {
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Parameter p = e.getValue();
            Tensor grad = p.grad();
            if (grad == null) {
                continue;
            }
            if (!grad.shape().equals(p.shape())) {
                throw new IllegalStateException(kind() + " step: the gradient of " + e.getKey() + " has shape "
                        + grad.shape() + ", the parameter " + p.shape());
            }
            int n = p.shape().numel();
            Slot slot = slots.computeIfAbsent(e.getKey(), k -> new Slot(bufferNames().size(), n));
            slot.steps++;
            double[] out = new double[n];
            update(p.value().data(), grad.data(), out, slot.buffers, slot.steps);
            p.set(Tensor.wrap(out, p.shape().dims()));
        }
    }

    /** The parameters, by name, in update order. */
    public Map<String, Parameter> parameters() {
        return params;
    }

    /** Clears the gradient of every parameter. */
    public void zeroGrad() {
        params.values().forEach(Parameter::zeroGrad);
    }

    /** The current learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Sets the learning rate for the following steps, as a schedule does between steps.
     *
     * @throws IllegalArgumentException when {@code lr} is negative or not finite
     */
    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(kind() + ": expected a finite learning rate >= 0, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The number of updates {@code param} has received (0 before its first). */
    public long steps(String param) {
        Slot s = slots.get(param);
        return s == null ? 0 : s.steps;
    }

    /**
     * A copy of the state: text entries {@code "type"}, {@code "lr"} and each hyperparameter; for every parameter
     * updated at least once, its step count as text {@code "<param>.step"} and its buffers as tensors
     * {@code "<param>.<buffer>"} (for example {@code "0.weight.exp_avg"}).
     */
    public StateDict stateDict() {
        StateDict state = new StateDict();
        state.putText("type", kind());
        state.putDouble("lr", learningRate);
        hyperparameters().forEach(state::putDouble);
        List<String> names = bufferNames();
        slots.forEach((param, slot) -> {
            state.putLong(param + ".step", slot.steps);
            int[] dims = params.get(param).shape().dims();
            for (int b = 0; b < names.size(); b++) {
                state.put(param + "." + names.get(b), Tensor.of(slot.buffers[b], dims));
            }
        });
        return state;
    }

    /**
     * Restores a state saved by {@link #stateDict()} from an optimiser of the same kind, hyperparameters and
     * parameters. Parameters absent from the state start afresh. Nothing changes unless every check passes.
     *
     * @throws IllegalArgumentException naming the entry, with the expected and actual value or shape, when the
     *     state is of another kind, has other hyperparameters, refers to an unknown parameter or has a wrong shape
     */
    public void loadStateDict(StateDict state) {
        String type = state.getText("type");
        if (!type.equals(kind())) {
            throw new IllegalArgumentException(kind() + " load: expected a " + kind() + " state, got " + type);
        }
        for (Map.Entry<String, Double> h : hyperparameters().entrySet()) {
            double saved = state.getDouble(h.getKey());
            if (Double.compare(saved, h.getValue()) != 0) {
                throw new IllegalArgumentException(kind() + " load: hyperparameter " + h.getKey() + ": expected "
                        + h.getValue() + " (this optimiser's), got " + saved + " (the state's)");
            }
        }
        Map<String, Slot> restored = checkedSlots(state);
        setLearningRate(state.getDouble("lr"));
        slots.clear();
        slots.putAll(restored);
    }

    private Map<String, Slot> checkedSlots(StateDict state) {
        List<String> names = bufferNames();
        Map<String, Slot> restored = new LinkedHashMap<>();
        List<String> unexpected = new ArrayList<>(state.tensors().keySet());
        for (String key : state.text().keySet()) {
            if (key.endsWith(".step") && !params.containsKey(key.substring(0, key.length() - 5))) {
                unexpected.add(key);
            }
        }
        for (Map.Entry<String, Parameter> p : params.entrySet()) {
            String param = p.getKey();
            if (!state.text().containsKey(param + ".step")) {
                continue;
            }
            Slot slot = new Slot(names.size(), 0);
            slot.steps = state.getLong(param + ".step");
            for (int b = 0; b < names.size(); b++) {
                String key = param + "." + names.get(b);
                Tensor t = state.tensor(key);
                if (!t.shape().equals(p.getValue().shape())) {
                    throw new IllegalArgumentException(kind() + " load: state " + key + ": expected shape "
                            + p.getValue().shape() + " (the parameter's), got " + t.shape() + " (the state's)");
                }
                slot.buffers[b] = t.toArray();
                unexpected.remove(key);
            }
            restored.put(param, slot);
        }
        if (!unexpected.isEmpty()) {
            throw new IllegalArgumentException(
                    kind() + " load: the state has entries for no parameter of this optimiser: " + unexpected);
        }
        return restored;
    }

    /** One parameter's update count and buffers. */
    private static final class Slot {
        long steps;
        final double[][] buffers;

        Slot(int count, int numel) {
            buffers = new double[count][numel];
        }
    }
}
