package org.tripletgrad.autograd.nn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.tripletgrad.autograd.Var;

/**
 * Modules applied one after the other. Parameters are named by the child's position and the child's own name, as
 * in PyTorch: {@code "0.weight"}, {@code "0.bias"}, {@code "2.weight"}, ...
 */
public final class Sequential implements Module {
    private final List<Module> layers;

    /** The modules {@code layers}, applied in the order given. */
    public Sequential(Module... layers) {
        this.layers = List.of(layers);
    }

    /** The modules, in order. */
    public List<Module> layers() {
        return layers;
    }

    @Override
    public Var forward(Var x) {
        Var y = x;
        for (Module m : layers) {
            y = m.forward(y);
        }
        return y;
    }

    @Override
    public Map<String, Parameter> parameters() {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            String prefix = i + ".";
            layers.get(i).parameters().forEach((name, p) -> params.put(prefix + name, p));
        }
        return params;
    }

    @Override
    public String toString() {
        return "Sequential" + layers;
    }
}
