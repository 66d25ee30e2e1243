package org.tripletgrad.autograd.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.tripletgrad.tensor.Tensor;

/**
 * Named tensors and named text entries, in insertion order: what {@link StateFile} saves and loads.
 *
 * <p>Modules put their parameters here ({@link Module#stateDict()}), optimisers their state, and a training run
 * its progress (epoch, step, seed, settings) as text entries. Names are free-form; by convention a prefix ending in
 * a dot groups entries ({@code "model.0.weight"}), and {@link #withPrefix} and {@link #subset} add and strip one.
 * Tensors are immutable, so a state dict is a cheap snapshot; the dict itself is a mutable container.
 */
public final class StateDict {
    private final Map<String, Tensor> tensors = new LinkedHashMap<>();
    private final Map<String, String> text = new LinkedHashMap<>();

    /** An empty state dict. */
    public StateDict() {
    }

    /** Adds or replaces the tensor {@code name}; returns this. */
    public StateDict put(String name, Tensor value) {
        tensors.put(requireName(name), value);
        return this;
    }

    /** Adds or replaces the text entry {@code name}; returns this. */
    public StateDict putText(String name, String value) {
        text.put(requireName(name), value);
        return this;
    }

    /** Stores a {@code long} as a text entry, exactly. */
    public StateDict putLong(String name, long value) {
        return putText(name, Long.toString(value));
    }

    /** Stores a {@code double} as a text entry; {@link #getDouble} reads back the same value bit for bit. */
    public StateDict putDouble(String name, double value) {
        return putText(name, Double.toString(value));
    }

    /** The tensors by name, in insertion order (read-only view). */
    public Map<String, Tensor> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The text entries by name, in insertion order (read-only view). */
    public Map<String, String> text() {
        return Collections.unmodifiableMap(text);
    }

    /**
     * The tensor {@code name}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("state: no tensor named " + name + "; have " + tensors.keySet());
        }
        return t;
    }

    /**
     * The text entry {@code name}.
     *
     * @throws IllegalArgumentException when there is none
     */
    public String getText(String name) {
        String v = text.get(name);
        if (v == null) {
            throw new IllegalArgumentException("state: no entry named " + name + "; have " + text.keySet());
        }
        return v;
    }

    /**
     * The text entry {@code name} read as a {@code long}.
     *
     * @throws IllegalArgumentException when there is none or it is not an integer
     */
    public long getLong(String name) {
        return parse(name, "an integer", Long::parseLong);
    }

    /**
     * The text entry {@code name} read as a {@code double}.
     *
     * @throws IllegalArgumentException when there is none or it is not a number
     */
    public double getDouble(String name) {
        return parse(name, "a number", Double::parseDouble);
    }

    private <T> T parse(String name, String what, Function<String, T> parser) {
        String v = getText(name);
        try {
            return parser.apply(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("state: entry " + name + ": expected " + what + ", got \"" + v + "\"");
        }
    }

    /** A new state dict holding every entry of this one under {@code prefix + name}. */
    public StateDict withPrefix(String prefix) {
        StateDict out = new StateDict();
        tensors.forEach((k, v) -> out.tensors.put(prefix + k, v));
        text.forEach((k, v) -> out.text.put(prefix + k, v));
        return out;
    }

    /** A new state dict holding the entries whose names start with {@code prefix}, with the prefix removed. */
    public StateDict subset(String prefix) {
        StateDict out = new StateDict();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.tensors.put(k.substring(prefix.length()), v);
            }
        });
        text.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.text.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Adds every entry of {@code other} to this one (replacing entries of the same name); returns this. */
    public StateDict putAll(StateDict other) {
        tensors.putAll(other.tensors);
        text.putAll(other.text);
        return this;
    }

    private static String requireName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("state: an entry needs a non-empty name");
        }
        return name;
    }

    /** Equal when both hold the same names with bit-for-bit equal tensors and equal text entries. */
    @Override
    public boolean equals(Object o) {
        return o instanceof StateDict && tensors.equals(((StateDict) o).tensors) && text.equals(((StateDict) o).text);
    }

    @Override
    public int hashCode() {
        return 31 * tensors.hashCode() + text.hashCode();
    }

    @Override
    public String toString() {
        return "StateDict " + tensors.size() + " tensors " + tensors.keySet() + ", " + text.size() + " text entries";
    }
}
