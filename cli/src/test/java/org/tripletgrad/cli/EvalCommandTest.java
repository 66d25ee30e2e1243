package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.MnistFolder;
import org.tripletgrad.tensor.io.Npy;
import org.tripletgrad.triplet.train.Checkpoint;
import org.tripletgrad.triplet.train.EmbeddingModel;

/** {@code eval} and {@code embed} on a run trained on a small generated folder. */
class EvalCommandTest {
    @TempDir
    static Path dir;

    private static Path data;
    private static Path runDir;

    @BeforeAll
    static void trainTinyRun() throws IOException {
        data = TinyMnist.write(dir.resolve("tiny"), 4, 120, 40, 5, 3);
        runDir = dir.resolve("run");
        CommandRun r = CommandRun.of("train", "--data", data.toString(), "--p", "4", "--k", "3", "--hidden", "8",
                "--dim", "3", "--epochs", "1", "--threads", "1", "--out", runDir.toString());
        assertEquals(0, r.status, r.err);
    }

    @Test
    void evalDefaultsToTheFolderTheRunTrainedOnAndShowsRawPixelsBeside() {
        CommandRun r = CommandRun.of("eval", "--model", runDir.toString());

        assertEquals(0, r.status, r.err);
        assertTrue(r.out.startsWith("model " + runDir.resolve(Checkpoint.FILE_NAME) + ": epoch 1, "), r.out);
        assertTrue(r.out.contains("retrieval on 40 test images") && r.out.contains("raw pixels"), r.out);
    }

    @Test
    void embedWritesTheModelsEmbeddingsAndTheLabelsIntoAFolderOrUnderAPrefix() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("exports"));
        assertEquals(0, CommandRun.of("embed", "--model", runDir.toString(), "--out", folder.toString()).status);
        CommandRun prefixed = CommandRun.of("embed", "--model", runDir.toString(), "--limit-test", "10", "--out",
                folder.resolve("ten").toString());

        assertEquals(0, prefixed.status, prefixed.err);
        Tensor all = Npy.readTensor(folder.resolve("embeddings.npy"));
        EmbeddingModel model = EmbeddingModel.fromCheckpoint(Checkpoint.read(runDir.resolve(Checkpoint.FILE_NAME)));
        assertEquals(model.embed(MnistFolder.open(data).test().images()), all);
        assertEquals(Arrays.toString(MnistFolder.open(data).test().labels()),
                Arrays.toString(Npy.readLabels(folder.resolve("labels.npy"))));
        assertEquals(all.narrow(0, 0, 10).contiguous(), Npy.readTensor(folder.resolve("ten-embeddings.npy")));
        assertEquals(10, Npy.readLabels(folder.resolve("ten-labels.npy")).length);
    }

    @Test
    void aMissingModelAFolderWithoutACheckpointAndImagesOfAnotherSizeAreRefusedWithOneLine() throws IOException {
        Path other = TinyMnist.write(dir.resolve("wider"), 4, 20, 10, 7, 4);
        String[][] cases = {
            {"--model", dir.resolve("nowhere").toString()},
            {"--model", data.toString()},
            {"--model", runDir.toString(), "--data", other.toString()},
            {"--model", runDir.toString(), "--limit-test", "0"},
        };
        String[] expected = {
            "--model " + dir.resolve("nowhere") + ": no such file or folder",
            "--model " + data + ": the folder holds no checkpoint.tgs",
            other + ": the test images have 49 pixels, the model takes 25",
            "--limit-test: expected at least 1 image, got 0",
        };
        for (String command : new String[] {"eval", "embed"}) {
            for (int i = 0; i < cases.length; i++) {
                String[] args = new String[cases[i].length + 1];
                args[0] = command;
                System.arraycopy(cases[i], 0, args, 1, cases[i].length);
                CommandRun r = CommandRun.of(args);
                assertEquals(Main.EXIT_USAGE, r.status, r.err);
                assertEquals(1, r.err.lines().count(), r.err);
                assertTrue(r.err.startsWith("tripletgrad " + command + ": " + expected[i]), r.err);
            }
        }
    }
}
