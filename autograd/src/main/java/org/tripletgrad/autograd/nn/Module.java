package org.tripletgrad.autograd.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.GradMode;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * A differentiable function with named trainable parameters, such as a layer or a stack of layers.
 *
 * <p>{@link #parameters()} lists every parameter under a name that is stable for a given architecture (the same
 * names in the same order on every call and in every run), so that optimiser state and saved files can refer to
 * parameters by name. Containers prefix their children's names, as PyTorch does: the weight of the first layer of a
 * {@link Sequential} is {@code "0.weight"}.
 */
public interface Module {
    /** Applies the module to {@code x}, recording a graph when grad mode is on. */
    Var forward(Var x);

    /**
     * The trainable parameters by name, in a stable order (iteration order of the returned map). Modules without
     * parameters return an empty map.
     */
    Map<String, Parameter> parameters();

    /** Applies the module to {@code x} without recording a graph ({@link GradMode#noGrad()}), for evaluation. */
    default Tensor apply(Tensor x) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return forward(Var.constant(x)).value();
        }
    }

    /** Clears the gradient of every parameter. */
    default void zeroGrad() {
        parameters().values().forEach(Parameter::zeroGrad);
    }

    /** The number of trainable scalars. */
    default long parameterCount() {
        long n = 0;
        for (Parameter p : parameters().values()) {
            n += p.shape().numel();
        }
        return n;
    }

    /** A snapshot of the current parameter values under their names (tensors are immutable: no copy is made). */
    default StateDict stateDict() {
        StateDict state = new StateDict();
        parameters().forEach((name, p) -> state.put(name, p.value()));
        return state;
    }

    /**
     * Sets every parameter from {@code state}, which must hold exactly this module's parameter names with the same
     * shapes. Nothing is changed unless every check passes.
     *
     * @throws IllegalArgumentException naming the parameter, with the expected and actual shape, when a shape
     *     differs; or naming the missing or unexpected entries
     */
    default void loadStateDict(StateDict state) {
        Map<String, Parameter> params = parameters();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : params.entrySet()) {
            Tensor t = state.tensors().get(e.getKey());
            if (t == null) {
                missing.add(e.getKey());
            } else if (!t.shape().equals(e.getValue().shape())) {
                throw new IllegalArgumentException("load: parameter " + e.getKey() + ": expected shape "
                        + e.getValue().shape() + " (the model's), got " + t.shape() + " (the state's)");
            }
        }
        List<String> unexpected = new ArrayList<>(state.tensors().keySet());
        unexpected.removeAll(params.keySet());
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("load: the state does not match the model's parameters; missing "
                    + missing + ", unexpected " + unexpected);
        }
        params.forEach((name, p) -> p.set(state.tensors().get(name)));
    }
}
