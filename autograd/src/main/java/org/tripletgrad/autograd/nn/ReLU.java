package org.tripletgrad.autograd.nn;

import java.util.Map;

import org.tripletgrad.autograd.Var;

/** max(x, 0) elementwise, with derivative 0 at 0 (see {@link Var#relu()}). No parameters. */
public final class ReLU implements Module {
    /** The ReLU layer. */
    public ReLU() {
    }

    @Override
    public Var forward(Var x) {
        return x.relu();
    }

    @Override
    public Map<String, Parameter> parameters() {
        return Map.of();
    }

    @Override
    public String toString() {
        return "ReLU";
    }
}
