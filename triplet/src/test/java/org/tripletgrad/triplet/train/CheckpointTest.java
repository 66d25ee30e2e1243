package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.autograd.nn.L2Normalize;
import org.tripletgrad.autograd.nn.Linear;
import org.tripletgrad.autograd.nn.ReLU;
import org.tripletgrad.autograd.nn.Sequential;
import org.tripletgrad.autograd.nn.StateDict;
import org.tripletgrad.autograd.nn.StateFile;
import org.tripletgrad.autograd.optim.Adam;
import org.tripletgrad.tensor.Tensor;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential mlp(int hidden, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Linear(6, hidden, Init.HE_UNIFORM, rng), new ReLU(),
                new Linear(hidden, 3, Init.XAVIER_UNIFORM, rng), new L2Normalize());
    }

    private static void step(Sequential model, Adam adam, int t) {
        SplittableRandom rng = new SplittableRandom(t);
        adam.zeroGrad();
        model.forward(Var.constant(Tensor.randn(rng, 8, 6))).sum().backward();
        adam.step();
    }

    @Test
    void writeThenReadRestoresModelOptimiserMetadataAndExtras() throws IOException {
        Sequential model = mlp(5, 1);
        Adam adam = new Adam(model.parameters(), 1e-3);
        for (int t = 0; t < 3; t++) {
            step(model, adam, t);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("epoch", "2");
        meta.put("step", "1500");
        meta.put("seed", "42");
        Tensor history = Tensor.vector(0.3, 0.25, 0.21);
        Path file = dir.resolve(Checkpoint.FILE_NAME);
        Checkpoint.capture(model, adam, meta, Map.of("loss", history)).write(file);

        Checkpoint back = Checkpoint.read(file);
        Sequential fresh = mlp(5, 99);
        Adam freshAdam = new Adam(fresh.parameters(), 1e-3);
        back.restore(fresh, freshAdam);

        assertEquals(model.stateDict(), fresh.stateDict());
        assertEquals(adam.stateDict(), freshAdam.stateDict());
        assertEquals(List.of("epoch", "step", "seed"), List.copyOf(back.metadata().keySet()));
        assertEquals(1500, back.metaLong("step"));
        assertEquals(history, back.extras().get("loss"));
        step(model, adam, 3);
        step(fresh, freshAdam, 3);
        assertEquals(model.stateDict(), fresh.stateDict(), "training continues identically");
    }

    @Test
    void aModelOfAnotherShapeIsRefusedNamingTheFileAndTheParameterAndNothingChanges() throws IOException {
        Sequential model = mlp(5, 1);
        Path file = dir.resolve("c.tgs");
        Checkpoint.capture(model, new Adam(model.parameters(), 1e-3), Map.of(), Map.of()).write(file);
        Sequential wider = mlp(7, 2);
        StateDict before = wider.stateDict();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.read(file).restore(wider, new Adam(wider.parameters(), 1e-3)));

        assertEquals("checkpoint " + file + ": load: parameter 0.weight: expected shape [6, 7] (the model's), got"
                + " [6, 5] (the state's)", e.getMessage());
        assertEquals(before, wider.stateDict());
    }

    @Test
    void anOptimiserMismatchLeavesTheModelUnchangedToo() throws IOException {
        Sequential model = mlp(5, 1);
        Adam adam = new Adam(model.parameters(), 1e-3);
        step(model, adam, 0);
        Path file = dir.resolve("c.tgs");
        Checkpoint.capture(model, adam, Map.of(), Map.of()).write(file);
        Sequential other = mlp(5, 3);
        StateDict before = other.stateDict();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(file)
                .restore(other, new Adam(other.parameters(), 1e-3, 0.5, 0.999, 1e-8, 0)));

        assertTrue(e.getMessage().startsWith("checkpoint " + file + ": adam load: hyperparameter beta1"),
                e.getMessage());
        assertEquals(before, other.stateDict());
    }

    @Test
    void aStateFileThatIsNotACheckpointIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("weights.tgs");
        StateFile.write(file, mlp(5, 1).stateDict());
        IOException e = assertThrows(IOException.class, () -> Checkpoint.read(file));
        assertEquals("checkpoint " + file + ": expected a training checkpoint (\"" + Checkpoint.FORMAT + "\"), got a"
                + " state file without a checkpoint entry", e.getMessage());
    }

    @Test
    void aModelOnlyCheckpointRestoresTheModelButCannotResume() throws IOException {
        Sequential model = mlp(5, 1);
        Path file = dir.resolve("model.tgs");
        Checkpoint.capture(model, null, Map.of("hidden", "5"), Map.of()).write(file);
        Checkpoint back = Checkpoint.read(file);
        Sequential fresh = mlp(5, 2);
        back.restoreModel(fresh);
        assertEquals(model.stateDict(), fresh.stateDict());
        Adam adam = new Adam(fresh.parameters(), 1);
        assertEquals("checkpoint " + file + ": holds no optimiser state to resume from",
                assertThrows(IllegalArgumentException.class, () -> back.restore(fresh, adam)).getMessage());
        assertEquals("checkpoint " + file + ": no metadata entry epoch; have [hidden]",
                assertThrows(IllegalArgumentException.class, () -> back.meta("epoch")).getMessage());
    }
}
