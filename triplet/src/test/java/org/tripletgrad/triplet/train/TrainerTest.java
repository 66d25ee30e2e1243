package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.LabelledImages;
import org.tripletgrad.triplet.Mining;

class TrainerTest {
    private static final LabelledImages ALL = SyntheticImages.of(4, 100, 4, 0.25, 1);
    private static final LabelledImages TRAIN = SyntheticImages.slice(ALL, 0, 240);
    /** More than the evaluator's 64-query block, so that two threads share the evaluation. */
    private static final LabelledImages TEST = SyntheticImages.slice(ALL, 240, 160);

    /** A small recipe exercising the curriculum, the decay, normalisation and standardisation: 20 steps an epoch. */
    private static final Recipe SMALL = Recipe.DEFAULT.toBuilder().hidden(List.of(12)).dim(4).p(3).k(4)
            .curriculumEpochs(1).decay(1, 3).learningRate(3e-3).epochs(2).build();

    @TempDir
    Path dir;

    /** The results of a run with every time figure set to 0, so two runs can be compared exactly. */
    private static List<EpochStats> untimed(List<EpochStats> epochs) {
        List<EpochStats> out = new ArrayList<>();
        for (EpochStats e : epochs) {
            out.add(new EpochStats(e.epoch(), e.loss(), e.activeFraction(), e.validAnchors(), e.spread(),
                    e.metrics(), 0, 0));
        }
        return out;
    }

    @Test
    void aResumedRunEndsWithTheWeightsOptimiserStateAndHistoryOfAnUninterruptedOne() throws IOException {
        TrainingResult whole = Trainer.start(SMALL, TRAIN, TEST, 1).run(dir.resolve("whole.tgs"), Map.of(),
                TrainingListener.NONE);

        Path half = dir.resolve("half.tgs");
        Trainer.start(SMALL.withEpochs(1), TRAIN, TEST, 1).run(half, Map.of("note", "first half"),
                TrainingListener.NONE);
        Checkpoint afterOne = Checkpoint.read(half);
        assertEquals(1, Trainer.completedEpochs(afterOne));
        assertEquals(Map.of("note", "first half"), Trainer.settings(afterOne));
        Trainer resumed = Trainer.resume(afterOne, TRAIN, TEST, 2, 1);
        assertEquals(1, resumed.completedEpochs());
        TrainingResult rest = resumed.run(half, Map.of(), TrainingListener.NONE);

        assertEquals(whole.model().network().stateDict(), rest.model().network().stateDict());
        assertEquals(untimed(whole.epochs()), untimed(rest.epochs()));
        assertArrayEquals(whole.stepLoss(), rest.stepLoss());
        assertArrayEquals(whole.stepActiveFraction(), rest.stepActiveFraction());
        Checkpoint a = Checkpoint.read(dir.resolve("whole.tgs"));
        Checkpoint b = Checkpoint.read(half);
        assertEquals(a.extras().get("history.steps"), b.extras().get("history.steps"));
        assertNotEquals(whole.model().network().stateDict(), Trainer.start(SMALL.withEpochs(1), TRAIN, TEST, 1)
                .model().network().stateDict(), "training changed the weights");
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndMetricsWhateverTheThreadCount() throws IOException {
        TrainingResult one = Trainer.start(SMALL, TRAIN, TEST, 1).run(null, Map.of(), TrainingListener.NONE);
        TrainingResult two = Trainer.start(SMALL, TRAIN, TEST, 2).run(null, Map.of(), TrainingListener.NONE);
        TrainingResult otherSeed = Trainer.start(SMALL.toBuilder().seed(2).build(), TRAIN, TEST, 1)
                .run(null, Map.of(), TrainingListener.NONE);

        assertEquals(one.model().network().stateDict(), two.model().network().stateDict());
        assertEquals(untimed(one.epochs()), untimed(two.epochs()));
        assertNotEquals(one.model().network().stateDict(), otherSeed.model().network().stateDict());
    }

    @Test
    void aBatchLargeEnoughForTheFusedLossToUseTwoThreadsTrainsTheSameAsWithOne() throws IOException {
        Recipe wide = SMALL.toBuilder().p(4).k(50).curriculumEpochs(0).epochs(2).build();
        TrainingResult one = Trainer.start(wide, TRAIN, TEST, 1).run(null, Map.of(), TrainingListener.NONE);
        TrainingResult two = Trainer.start(wide, TRAIN, TEST, 2).run(null, Map.of(), TrainingListener.NONE);

        assertEquals(one.model().network().stateDict(), two.model().network().stateDict());
        assertEquals(untimed(one.epochs()), untimed(two.epochs()));
    }

    @Test
    void aPoisonedImageStopsTrainingAtTheFirstStepThatDrawsItAndKeepsTheLastGoodCheckpoint() throws IOException {
        PkSampler sampler = new PkSampler(TRAIN.labels(), SMALL.p(), SMALL.k(), SMALL.seed());
        int victim = -1;
        long expectedStep = -1;
        for (int i = 0; i < TRAIN.size() && victim < 0; i++) {
            long first = firstStepDrawing(sampler, i, 2);
            if (first >= sampler.batchesPerEpoch() && first < 2L * sampler.batchesPerEpoch()) {
                victim = i;
                expectedStep = first;
            }
        }
        assertTrue(victim >= 0, "some image is first drawn in epoch 2");
        LabelledImages poisoned = SyntheticImages.poisoned(TRAIN, victim, Double.NaN);
        Recipe recipe = SMALL.toBuilder().standardization(Standardization.NONE).build();
        Path file = dir.resolve("c.tgs");
        Trainer trainer = Trainer.start(recipe, poisoned, TEST, 1);

        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> trainer.run(file, Map.of(), TrainingListener.NONE));

        assertEquals(expectedStep, e.step());
        assertEquals(2, e.epoch());
        assertTrue(e.getMessage().startsWith("training stopped at step " + (expectedStep + 1) + " (epoch 2, batch "
                + (expectedStep - sampler.batchesPerEpoch() + 1) + " of " + sampler.batchesPerEpoch() + "): the"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("the checkpoint of epoch 1 in " + file + " is kept"), e.getMessage());
        Checkpoint kept = Checkpoint.read(file);
        assertEquals(1, Trainer.completedEpochs(kept));
        TrainingResult clean = Trainer.start(recipe.withEpochs(1), poisoned, TEST, 1).run(null, Map.of(),
                TrainingListener.NONE);
        assertEquals(clean.model().network().stateDict(), EmbeddingModel.fromCheckpoint(kept).network().stateDict());
    }

    /** The first step, over the given epochs, whose batch holds image {@code index}; Long.MAX_VALUE if none. */
    private static long firstStepDrawing(PkSampler sampler, int index, int epochs) {
        for (int e = 0; e < epochs; e++) {
            for (int b = 0; b < sampler.batchesPerEpoch(); b++) {
                for (int row : sampler.batch(e, b)) {
                    if (row == index) {
                        return (long) e * sampler.batchesPerEpoch() + b;
                    }
                }
            }
        }
        return Long.MAX_VALUE;
    }

    @Test
    void embeddingsThatAllCoincideAreReportedAsCollapseWithAHint() throws IOException {
        LabelledImages blank = new LabelledImages(Tensor.zeros(240, 16), TRAIN.labels(), 4, 4);
        Recipe stuck = Recipe.DEFAULT.toBuilder().hidden(List.of(8)).dim(4).p(2).k(2).curriculumEpochs(0)
                .decay(0, 0).standardization(Standardization.NONE).normalize(false).init(Init.HE_UNIFORM)
                .epochs(1).build();
        List<String> warnings = new ArrayList<>();
        List<StepStats> steps = new ArrayList<>();

        Trainer.start(stuck, blank, TEST, 1).run(null, Map.of(), new TrainingListener() {
            @Override
            public void stepDone(StepStats step) {
                steps.add(step);
            }

            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });

        assertEquals(60, steps.size());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("step " + (CollapseDetector.DEFAULT_WINDOW - 1) + ": the embeddings"
                + " have collapsed"), warnings.get(0));
        assertTrue(warnings.get(0).contains("try L2-normalised embeddings"), warnings.get(0));
    }

    @Test
    void theCheckpointRebuildsTheModelWithItsStandardisationAndEmbedsTheSame() throws IOException {
        Recipe perPixel = SMALL.toBuilder().standardization(Standardization.PER_PIXEL).epochs(1).build();
        Path file = dir.resolve("c.tgs");
        TrainingResult r = Trainer.start(perPixel, TRAIN, TEST, 1).run(file, Map.of(), TrainingListener.NONE);

        EmbeddingModel back = EmbeddingModel.fromCheckpoint(Checkpoint.read(file));

        assertEquals(perPixel, back.recipe());
        assertEquals(16, back.inputs());
        assertEquals(r.model().standardizer().mean(), back.standardizer().mean());
        assertEquals(r.model().embed(TEST.images()), back.embed(TEST.images()));
    }

    @Test
    void resumeRefusesOtherTrainingDataAndAnEarlierEnd() throws IOException {
        Path file = dir.resolve("c.tgs");
        Trainer.start(SMALL, TRAIN, TEST, 1).run(file, Map.of(), TrainingListener.NONE);
        Checkpoint c = Checkpoint.read(file);
        LabelledImages other = SyntheticImages.slice(ALL, 160, 240);

        IllegalArgumentException data = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(c, other, TEST, 3, 1));
        IllegalArgumentException earlier = assertThrows(IllegalArgumentException.class,
                () -> Trainer.resume(c, TRAIN, TEST, 1, 1));

        assertTrue(data.getMessage().startsWith("resume: the training data differ from the run's: it trained on 240"
                + " images"), data.getMessage());
        assertEquals("resume: the run has completed 2 epochs, so it cannot end at 1", earlier.getMessage());
    }

    @Test
    void aResumeAtTheFinalEpochTrainsNothingAndReturnsTheHistory() throws IOException {
        Path file = dir.resolve("c.tgs");
        TrainingResult done = Trainer.start(SMALL, TRAIN, TEST, 1).run(file, Map.of(), TrainingListener.NONE);
        List<Integer> started = new ArrayList<>();

        TrainingResult again = Trainer.resume(Checkpoint.read(file), TRAIN, TEST, 2, 1).run(file, Map.of(),
                new TrainingListener() {
                    @Override
                    public void epochStarting(int epoch) {
                        started.add(epoch);
                    }
                });

        assertEquals(List.of(), started);
        assertEquals(done.epochs(), again.epochs());
        assertEquals(done.model().network().stateDict(), again.model().network().stateDict());
        assertTrue(Files.exists(file));
    }

    @Test
    void trainingSeparatesTheClassesBetterThanTheInitialModel() throws IOException {
        Trainer t = Trainer.start(SMALL.withEpochs(3), TRAIN, TEST, 1);
        double before = t.evaluate().meanAveragePrecision();

        TrainingResult r = t.run(null, Map.of(), TrainingListener.NONE);

        assertTrue(r.finalMetrics().meanAveragePrecision() > before + 0.05, before + " -> "
                + r.finalMetrics().meanAveragePrecision());
        assertEquals(Mining.BATCH_HARD, r.model().recipe().mining());
    }
}
