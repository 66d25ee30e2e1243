package org.tripletgrad.autograd.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.autograd.nn.L2Normalize;
import org.tripletgrad.autograd.nn.Linear;
import org.tripletgrad.autograd.nn.Parameter;
import org.tripletgrad.autograd.nn.ReLU;
import org.tripletgrad.autograd.nn.Sequential;
import org.tripletgrad.autograd.nn.StateDict;
import org.tripletgrad.autograd.nn.StateFile;
import org.tripletgrad.tensor.Tensor;

class OptimizerStateTest {
    @TempDir
    Path dir;

    private static Sequential model() {
        SplittableRandom rng = new SplittableRandom(11);
        return new Sequential(new Linear(6, 5, Init.HE_UNIFORM, rng), new ReLU(),
                new Linear(5, 3, Init.XAVIER_UNIFORM, rng), new L2Normalize());
    }

    /** One training step on a batch drawn from (seed, step), so a resumed run sees the same batches. */
    private static void train(Sequential model, Optimizer opt, LearningRateSchedule schedule, int from, int to) {
        for (int step = from; step < to; step++) {
            SplittableRandom rng = new SplittableRandom(1000 + step);
            Tensor x = Tensor.randn(rng, 8, 6);
            Tensor target = Tensor.randn(rng, 8, 3);
            opt.zeroGrad();
            model.forward(Var.constant(x)).sub(Var.constant(target)).square().mean().backward();
            opt.setLearningRate(schedule.rate(step));
            opt.step();
        }
    }

    private void resumesBitForBit(Function<Map<String, Parameter>, Optimizer> make) throws IOException {
        LearningRateSchedule schedule = new ExponentialDecay(0.05, 5, 20);
        Sequential straight = model();
        train(straight, make.apply(straight.parameters()), schedule, 0, 25);

        Sequential first = model();
        Optimizer firstOpt = make.apply(first.parameters());
        train(first, firstOpt, schedule, 0, 12);
        Path file = dir.resolve("ckpt.tgs");
        StateFile.write(file, first.stateDict().withPrefix("model.").putAll(firstOpt.stateDict().withPrefix("opt.")));

        Sequential resumed = model();
        Optimizer resumedOpt = make.apply(resumed.parameters());
        StateDict saved = StateFile.read(file);
        resumed.loadStateDict(saved.subset("model."));
        resumedOpt.loadStateDict(saved.subset("opt."));
        train(resumed, resumedOpt, schedule, 12, 25);

        assertEquals(straight.stateDict(), resumed.stateDict());
    }

    @Test
    void adamResumedFromASavedStateEndsWithTheSameWeightsBitForBit() throws IOException {
        resumesBitForBit(ps -> new Adam(ps, 0.05));
    }

    @Test
    void sgdWithMomentumResumedFromASavedStateEndsWithTheSameWeightsBitForBit() throws IOException {
        resumesBitForBit(ps -> new SGD(ps, 0.05, 0.9, 1e-4));
    }

    @Test
    void withoutTheOptimiserStateAResumedAdamRunDiverges() {
        Sequential straight = model();
        Adam adam = new Adam(straight.parameters(), 0.05);
        LearningRateSchedule lr = LearningRateSchedule.constant(0.05);
        train(straight, adam, lr, 0, 10);

        Sequential resumed = model();
        Adam fresh = new Adam(resumed.parameters(), 0.05);
        train(resumed, fresh, lr, 0, 5);
        Adam restarted = new Adam(resumed.parameters(), 0.05);
        train(resumed, restarted, lr, 5, 10);

        assertEquals(false, straight.stateDict().equals(resumed.stateDict()));
    }

    /** The state of Adam after one step on w = [1, 2] with gradient [1, 1]. */
    private static StateDict oneAdamStep(Parameter p) {
        Adam adam = new Adam(Map.of("w", p), 0.1);
        p.var().sum().backward();
        adam.step();
        return adam.stateDict();
    }

    @Test
    void stateDictNamesTheStepsAndMomentsPerParameter() {
        StateDict s = oneAdamStep(new Parameter(Tensor.vector(1, 2)));

        assertEquals("adam", s.getText("type"));
        assertEquals(1, s.getLong("w.step"));
        assertEquals(0.1, s.getDouble("lr"));
        assertEquals(Tensor.vector(1 - 0.9, 1 - 0.9), s.tensor("w.exp_avg"));
        assertEquals(Tensor.vector(1 - 0.999, 1 - 0.999), s.tensor("w.exp_avg_sq"));
    }

    @Test
    void loadRefusesAnotherKindOtherHyperparametersAndOtherShapes() {
        Parameter p = new Parameter(Tensor.vector(1, 2));
        StateDict saved = oneAdamStep(p);

        IllegalArgumentException kind = assertThrows(IllegalArgumentException.class,
                () -> new SGD(Map.of("w", p), 0.1).loadStateDict(saved));
        assertEquals("sgd load: expected a sgd state, got adam", kind.getMessage());

        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of("w", p), 0.1, 0.8, 0.999, 1e-8, 0).loadStateDict(saved));
        assertEquals("adam load: hyperparameter beta1: expected 0.8 (this optimiser's), got 0.9 (the state's)",
                beta.getMessage());

        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of("w", new Parameter(Tensor.zeros(3))), 0.1).loadStateDict(saved));
        assertEquals("adam load: state w.exp_avg: expected shape [3] (the parameter's), got [2] (the state's)",
                shape.getMessage());

        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new Adam(Map.of("v", p), 0.1).loadStateDict(saved));
        assertEquals("adam load: the state has entries for no parameter of this optimiser: "
                + "[w.exp_avg, w.exp_avg_sq, w.step]", unknown.getMessage());
    }
}
