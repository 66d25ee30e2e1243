package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.autograd.nn.Init;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.train.Checkpoint;
import org.tripletgrad.triplet.train.EmbeddingModel;
import org.tripletgrad.triplet.train.Recipe;
import org.tripletgrad.triplet.train.Standardization;

/**
 * {@code train} on a small generated MNIST-style folder: resume, divergence, refused inputs. The run on the real
 * Fashion-MNIST is {@link FashionMnistTrainingTest}.
 */
class TrainCommandTest {
    @TempDir
    static Path shared;

    private static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeData() throws IOException {
        data = TinyMnist.write(shared.resolve("tiny"), 4, 200, 80, 6, 1);
    }

    /** train on the tiny folder with small batches and network, plus the given arguments. */
    private static CommandRun train(String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--p", "4", "--k", "4",
                "--hidden", "16", "--dim", "8", "--curriculum-epochs", "1", "--decay-from", "1", "--decay-to", "3",
                "--threads", "1"));
        args.addAll(List.of(more));
        return CommandRun.of(args.toArray(new String[0]));
    }

    private static EmbeddingModel model(Path runDir) throws IOException {
        return EmbeddingModel.fromCheckpoint(Checkpoint.read(runDir.resolve(Checkpoint.FILE_NAME)));
    }

    @Test
    void aMalformedLimitInARunsSettingsIsAnInputError() {
        InputException e = org.junit.jupiter.api.Assertions.assertThrows(InputException.class,
                () -> DataOptions.parseLimit("lots"));
        assertEquals("the run's settings: expected an image limit (a number or 'all'), got 'lots'", e.getMessage());
        assertEquals(Integer.MAX_VALUE, DataOptions.parseLimit("all"));
        assertEquals(500, DataOptions.parseLimit("500"));
    }

    @Test
    void aNegativeTestLabelIsRefusedBeforeTrainingStarts() throws IOException {
        Path bad = TinyMnist.write(dir.resolve("bad"), 4, 200, 80, 6, 1);
        int[] labels = new int[80];
        labels[7] = -3;
        java.nio.ByteBuffer idx = java.nio.ByteBuffer.allocate(8 + 4 * labels.length).putInt(0x00000C01)
                .putInt(labels.length);
        for (int v : labels) {
            idx.putInt(v);
        }
        Files.write(bad.resolve("t10k-labels-idx1-ubyte"), idx.array());
        Path out = dir.resolve("run");

        CommandRun r = CommandRun.of("train", "--data", bad.toString(), "--p", "4", "--k", "4", "--epochs", "1",
                "--out", out.toString());

        assertEquals(2, r.status, r.err);
        assertEquals(1, r.err.strip().lines().count(), r.err);
        assertTrue(r.err.contains("test labels: expected class ids from 0 to 9999, got -3 at index 7"), r.err);
        assertTrue(!Files.exists(out.resolve(Checkpoint.FILE_NAME)), "no training happened");
    }

    @Test
    void aRunResumedAfterOneEpochEndsWithTheWeightsOfAnUninterruptedRun() throws IOException {
        Path whole = dir.resolve("whole");
        Path half = dir.resolve("half");
        assertEquals(0, train("--epochs", "2", "--out", whole.toString()).status);
        assertEquals(0, train("--epochs", "1", "--out", half.toString()).status);

        CommandRun resumed = CommandRun.of("train", "--resume", half.toString(), "--epochs", "2", "--threads", "2");

        assertEquals(0, resumed.status, resumed.err);
        assertTrue(resumed.out.startsWith("resuming after epoch 1: 200 training and 80 test images"), resumed.out);
        assertEquals(model(whole).network().stateDict(), model(half).network().stateDict());
        assertTrue(Files.exists(half.resolve("loss.png")) && Files.exists(half.resolve("metrics.json")));
    }

    @Test
    void everyRecipeOptionReachesTheCheckpointsRecipeAndJsonModeKeepsStandardOutputForTheObject()
            throws IOException {
        Path run = dir.resolve("run");
        CommandRun r = CommandRun.of("train", "--data", data.toString(), "--no-normalize", "--standardize",
                "per-pixel", "--mining", "batch-all", "--soft", "--init", "he-normal", "--hidden", "8,6", "--dim", "5",
                "--lr", "0.002", "--decay-from", "0", "--decay-to", "0", "--seed", "9", "--p", "3", "--k", "2",
                "--epochs", "1", "--threads", "1", "--json", "--out", run.toString());

        assertEquals(0, r.status, r.err);
        Recipe expected = Recipe.DEFAULT.toBuilder().normalize(false).standardization(Standardization.PER_PIXEL)
                .mining(Mining.BATCH_ALL).curriculumEpochs(0).soft(true).init(Init.HE_NORMAL)
                .hidden(List.of(8, 6)).dim(5).learningRate(0.002).decay(0, 0).seed(9).p(3).k(2).epochs(1).build();
        assertEquals(expected, model(run).recipe());
        assertEquals(1, r.out.lines().count(), r.out);
        assertTrue(r.out.startsWith("{\"settings\": {\"mining\": \"batch-all\", \"curriculumEpochs\": 0,"
                + " \"soft\": true"), r.out);
        assertTrue(r.err.contains("epoch  1/1  loss "), "progress goes to standard error: " + r.err);
    }

    @Test
    void theHelpShowsTheDefaultRecipesValues() {
        String help = CommandRun.of("train", "--help").out.replaceAll("\\s+", " ");
        Recipe d = Recipe.DEFAULT;
        assertTrue(help.contains("--lr=RATE Adam's learning rate (default: " + d.learningRate() + ")"), help);
        assertTrue(help.contains("Classes per batch (default: " + d.p() + ")"), help);
        assertTrue(help.contains("0 for plain batch-hard (default: " + d.curriculumEpochs() + ";"), help);
        assertTrue(help.contains("Scale embeddings to unit length, or not (default: " + (d.normalize() ? "on" : "off")
                + ")"), help);
    }

    @Test
    void anAbsurdLearningRateStopsTrainingWithOneLineNamingTheStep() {
        CommandRun r = train("--lr", "1e300", "--epochs", "2", "--out", dir.resolve("run").toString());

        assertEquals(Main.EXIT_FAILURE, r.status);
        assertEquals(1, r.err.lines().count(), r.err);
        assertTrue(r.err.startsWith("tripletgrad train: training stopped at step "), r.err);
        assertTrue(r.err.contains("NaN") || r.err.contains("Infinity"), r.err);
        assertTrue(r.err.strip().endsWith("no epoch was completed, so there is no checkpoint"), r.err);
    }

    @Test
    void textOutputHasAnEpochLinePerEpochAndTheFinalTableBesideRawPixels() {
        CommandRun r = train("--epochs", "2", "--out", dir.resolve("run").toString());

        assertEquals(0, r.status, r.err);
        List<String> epochLines = r.out.lines().filter(l -> l.matches("epoch +\\d+/2  loss .*")).toList();
        assertEquals(2, epochLines.size(), r.out);
        assertTrue(epochLines.get(0).matches("epoch  1/2  loss \\d\\.\\d{4}  valid anchors 16\\.0  active \\d\\.\\d{3}"
                + "  p@1 \\d\\.\\d{4}  mAP \\d\\.\\d{4}  \\d+\\.\\d s \\(\\+ \\d+\\.\\d s evaluation\\)"), epochLines.get(0));
        assertTrue(r.out.contains("retrieval on 80 test images") && r.out.contains("raw pixels"), r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.matches("  recall@8 +\\d\\.\\d{4} +\\d\\.\\d{4}")), r.out);
    }

    @Test
    void usageAndInputErrorsExitTwoWithOneLineSayingWhatIsWrong() throws IOException {
        Path taken = dir.resolve("taken");
        assertEquals(0, train("--epochs", "1", "--out", taken.toString()).status);
        String tiny = data.toString();
        String nothing = dir.resolve("nothing").toString();
        Object[][] cases = {
            {new String[] {"--p", "1"}, "P must be at least 2"},
            {new String[] {"--k", "1"}, "K must be at least 2"},
            {new String[] {"--p", "5"}, "PK sampler: P = 5 exceeds the 4 classes in the labels"},
            {new String[] {"--margin", "-0.5"}, "expected a finite margin >= 0, got -0.5"},
            {new String[] {"--soft", "--margin", "0.3"}, "--soft and --margin exclude each other"},
            {new String[] {"--lr", "fast"}, "Invalid value for option '--lr': 'fast' is not a double"},
            {new String[] {"--epochs", "0"}, "expected at least 1 epoch, got 0"},
            {new String[] {"--limit-train", "0"}, "--limit-train: expected at least 1 image, got 0"},
            {new String[] {"--threads", "0"}, "--threads: expected at least 1, got 0"},
            {new String[] {"--mining", "batch-easy"}, "mining: expected one of batch-hard, batch-all"},
            {new String[] {"--mining", "batch-all", "--curriculum-epochs", "2"}, "with batch-all mining it must be 0"},
            {new String[] {"--standardize", "sometimes"}, "expected one of none, global, per-pixel"},
            {new String[] {"--decay-from", "4", "--decay-to", "2"}, "expected 0 <= decay start < decay end"},
            {new String[] {"--init", "zeros"}, "--init: expected one of fan-in-uniform"},
            {new String[] {"--out", taken.toString()}, "already holds a run's checkpoint.tgs; continue it with"},
            {new String[] {"--resume", taken.toString(), "--lr", "0.1"}, "--lr cannot change on --resume"},
            {new String[] {"--resume", nothing}, "--resume " + nothing + ": no such file or folder"},
            {new String[] {"--resume", taken.toString(), "--epochs", "0"}, "completed 1 epochs, so it cannot end at 0"},
        };
        for (Object[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", "--data", tiny));
            args.addAll(List.of((String[]) c[0]));
            CommandRun r = CommandRun.of(args.toArray(new String[0]));
            String what = args + " -> " + r.err;
            assertEquals(Main.EXIT_USAGE, r.status, what);
            assertEquals(1, r.err.lines().count(), what);
            assertTrue(r.err.startsWith("tripletgrad") && r.err.contains((String) c[1]), what);
            assertEquals("", r.out, what);
        }
        CommandRun missing = CommandRun.of("train", "--data", nothing);
        assertEquals(Main.EXIT_USAGE, missing.status);
        assertEquals("tripletgrad train: " + nothing + ": no such folder; install the Debian package"
                + " dataset-fashion-mnist or pass --data DIR (a folder holding the four IDX files, plain or .gz)",
                missing.err.strip());
    }
}
