package org.tripletgrad.triplet.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.tripletgrad.autograd.nn.Module;
import org.tripletgrad.autograd.nn.StateDict;
import org.tripletgrad.autograd.nn.StateFile;
import org.tripletgrad.autograd.optim.Optimizer;
import org.tripletgrad.tensor.Tensor;

/**
 * A snapshot of a training run: the model's parameters, the optimiser's state, text metadata (epoch, step, seed,
 * settings) and extra tensors (for example the per-step loss history), saved as one {@link StateFile}.
 *
 * <p>Everything a run needs to continue bit for bit is here: the PK sampler is stateless (its batches derive from
 * the seed, epoch and batch index) and learning-rate schedules are functions of the step, so parameters, optimiser
 * state and the counters suffice. Files are written atomically: a run killed at any moment leaves the previous
 * checkpoint or the new one.
 *
 * <p>In the file, model tensors are named {@code model.<parameter>}, optimiser entries {@code optimizer.<entry>},
 * extras {@code extra.<name>} and metadata {@code meta.<key>}; the text entry {@code checkpoint} marks the file as a
 * checkpoint of format {@value #FORMAT}.
 */
public final class Checkpoint {
    /** The usual file name of a run's checkpoint in its output directory. */
    public static final String FILE_NAME = "checkpoint.tgs";
    /** The value of the {@code checkpoint} entry that marks a file as a training checkpoint. */
    public static final String FORMAT = "tripletgrad training checkpoint 1";

    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String EXTRA = "extra.";
    private static final String META = "meta.";

    private final StateDict state;
    private final String source;

    private Checkpoint(StateDict state, String source) {
        this.state = state;
        this.source = source;
    }

    /**
     * A snapshot of the current model and optimiser (which may be null, for a model-only file) with the given
     * metadata and extras. Tensors are immutable, so no copy is made of the parameters.
     */
    public static Checkpoint capture(Module model, Optimizer optimizer, Map<String, String> metadata,
            Map<String, Tensor> extras) {
        StateDict s = new StateDict().putText("checkpoint", FORMAT);
        s.putAll(model.stateDict().withPrefix(MODEL));
        if (optimizer != null) {
            s.putAll(optimizer.stateDict().withPrefix(OPTIMIZER));
        }
        metadata.forEach((k, v) -> s.putText(META + k, v));
        extras.forEach((k, v) -> s.put(EXTRA + k, v));
        return new Checkpoint(s, "checkpoint");
    }

    /**
     * Writes the checkpoint to {@code file} atomically.
     *
     * @throws IOException when the file cannot be written; any previous file is then left as it was
     */
    public void write(Path file) throws IOException {
        StateFile.write(file, state);
    }

    /**
     * Reads a checkpoint.
     *
     * @throws IOException when the file cannot be read, is not a valid state file, or is a state file but not a
     *     training checkpoint; the message names the file
     */
    public static Checkpoint read(Path file) throws IOException {
        StateDict s = StateFile.read(file);
        String format = s.text().get("checkpoint");
        if (!FORMAT.equals(format)) {
            throw new IOException("checkpoint " + file + ": expected a training checkpoint (\"" + FORMAT + "\"), got "
                    + (format == null ? "a state file without a checkpoint entry" : "\"" + format + "\""));
        }
        for (Map.Entry<String, Tensor> e : s.subset(MODEL).tensors().entrySet()) {
            int bad = e.getValue().firstNonFinite();
            if (bad >= 0) {
                throw new IOException("checkpoint " + file + ": expected finite weights, got "
                        + e.getValue().data()[bad] + " at flat index " + bad + " of model parameter " + e.getKey());
            }
        }
        return new Checkpoint(s, "checkpoint " + file);
    }

    /** The metadata, in the order it was given (read-only). */
    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(state.subset(META).text());
    }

    /**
     * The metadata entry {@code key}.
     *
     * @throws IllegalArgumentException naming the checkpoint when there is none
     */
    public String meta(String key) {
        String v = state.text().get(META + key);
        if (v == null) {
            throw new IllegalArgumentException(source + ": no metadata entry " + key + "; have "
                    + metadata().keySet());
        }
        return v;
    }

    /**
     * The metadata entry {@code key} as a {@code long}.
     *
     * @throws IllegalArgumentException naming the checkpoint when there is none or it is not an integer
     */
    public long metaLong(String key) {
        String v = meta(key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": metadata " + key + ": expected an integer, got \"" + v
                    + "\"");
        }
    }

    /** The extra tensors by name (read-only). */
    public Map<String, Tensor> extras() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(state.subset(EXTRA).tensors()));
    }

    /** Whether the checkpoint holds optimiser state. */
    public boolean hasOptimizer() {
        return state.text().containsKey(OPTIMIZER + "type");
    }

    /**
     * Sets the model's parameters from the checkpoint.
     *
     * @throws IllegalArgumentException naming the checkpoint and the parameter, with the expected and actual shape,
     *     when the model does not match; the model is then unchanged
     */
    public void restoreModel(Module model) {
        try {
            model.loadStateDict(state.subset(MODEL));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sets the model's parameters and the optimiser's state from the checkpoint, both or neither.
     *
     * @throws IllegalArgumentException naming the checkpoint and the mismatch when the model or the optimiser does
     *     not match, or the checkpoint holds no optimiser state; both are then unchanged
     */
    public void restore(Module model, Optimizer optimizer) {
        if (!hasOptimizer()) {
            throw new IllegalArgumentException(source + ": holds no optimiser state to resume from");
        }
        StateDict before = model.stateDict();
        restoreModel(model);
        try {
            optimizer.loadStateDict(state.subset(OPTIMIZER));
        } catch (IllegalArgumentException e) {
            model.loadStateDict(before);
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
