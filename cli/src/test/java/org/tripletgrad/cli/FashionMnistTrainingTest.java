package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.io.MnistFolder;
import org.tripletgrad.triplet.train.Checkpoint;
import org.tripletgrad.triplet.train.Trainer;

/**
 * A short training run on the real Fashion-MNIST (2000 training and 500 test images, 2 epochs of 25 batches), then
 * eval and embed on its folder; JSON and .npy files are read back by Python (json, NumPy), which also recomputes
 * precision@1 from the exported embeddings. Skipped when Debian's dataset-fashion-mnist is not installed, or (the
 * Python checks) when /usr/bin/python3 lacks NumPy.
 */
class FashionMnistTrainingTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    static Path dir;

    private static Path runDir;
    private static CommandRun run;

    @BeforeAll
    static void train() {
        assumeTrue(Files.isDirectory(MnistFolder.FASHION_MNIST), MnistFolder.FASHION_MNIST + " is not installed");
        runDir = dir.resolve("run");
        run = CommandRun.of("train", "--limit-train", "2000", "--limit-test", "500", "--epochs", "2", "--json",
                "--out", runDir.toString());
    }

    /** Runs a Python script with arguments and returns its standard output lines. */
    private static List<String> python(String script, String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is not installed");
        List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(!output.contains("No module named 'numpy'"), "NumPy is not installed");
        assertEquals(0, p.exitValue(), output);
        return output.lines().toList();
    }

    @Test
    void theRunSucceedsAndLeavesMetricsPicturesAndTheCheckpoint() throws IOException {
        assertEquals(0, run.status, run.err);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        for (String picture : new String[] {"loss.png", "embedding.png"}) {
            byte[] head = new byte[4];
            System.arraycopy(Files.readAllBytes(runDir.resolve(picture)), 0, head, 0, 4);
            assertArrayEquals(png, head, picture);
        }
        assertEquals(2, Trainer.completedEpochs(
                Checkpoint.read(runDir.resolve(Checkpoint.FILE_NAME))));
        assertEquals(run.out.strip(), Files.readString(runDir.resolve("metrics.json")).strip());
    }

    @Test
    void theJsonIsOneObjectWithSettingsEpochsAndFinalFiguresAndBeatsChanceAndRawPixels() throws Exception {
        Path out = Files.writeString(dir.resolve("stdout.json"), run.out);
        List<String> lines = python(String.join("\n",
                "import json, sys",
                "d = json.load(open(sys.argv[1]))",
                "print(sorted(d))",
                "print(d['settings']['limitTrain'], d['settings']['limitTest'], d['settings']['batchesPerEpoch'])",
                "print([sorted(e) for e in d['epochs']][0], [e['epoch'] for e in d['epochs']])",
                "print(sorted(d['final']['recallAtK']))",
                "print(repr(d['final']['precisionAt1']), repr(d['final']['mAP']), repr(d['rawPixels']['mAP']))"),
                out.toString());

        assertEquals("['epochs', 'final', 'rawPixels', 'settings']", lines.get(0));
        assertEquals("2000 500 25", lines.get(1));
        assertEquals("['activeFraction', 'epoch', 'evalSeconds', 'loss', 'mAP', 'precisionAt1', 'seconds', 'spread',"
                + " 'validAnchors'] [1, 2]", lines.get(2));
        assertEquals("['1', '2', '4', '8']", lines.get(3));
        String[] figures = lines.get(4).split(" ");
        double p1 = Double.parseDouble(figures[0]);
        double map = Double.parseDouble(figures[1]);
        double rawMap = Double.parseDouble(figures[2]);
        assertTrue(p1 > 0.6, "precision@1 " + p1 + ", chance is 0.1");
        assertTrue(map > rawMap + 0.1, "mAP " + map + " against raw pixels' " + rawMap);
    }

    @Test
    void evalOfTheSavedModelGivesTheFiguresTheRunEndedWith() throws Exception {
        CommandRun eval = CommandRun.of("eval", "--model", runDir.toString(), "--limit-test", "500", "--json");
        assertEquals(0, eval.status, eval.err);
        Path a = Files.writeString(dir.resolve("train.json"), run.out);
        Path b = Files.writeString(dir.resolve("eval.json"), eval.out);

        List<String> same = python(String.join("\n",
                "import json, sys",
                "t, e = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))",
                "print(t['final'] == e['metrics'], t['rawPixels'] == e['rawPixels'], e['epoch'], e['testImages'])"),
                a.toString(), b.toString());

        assertEquals("True True 2 500", same.get(0));
        CommandRun text = CommandRun.of("eval", "--model", runDir.resolve(Checkpoint.FILE_NAME).toString(),
                "--limit-test", "500");
        assertTrue(text.out.contains("retrieval on 500 test images") && text.out.contains("mAP"), text.out);
    }

    @Test
    void embedWritesArraysNumpyLoadsWithTheTestLabelsAndTheRunsPrecisionAtOne() throws Exception {
        String prefix = dir.resolve("test").toString();
        CommandRun embed = CommandRun.of("embed", "--model", runDir.toString(), "--limit-test", "500", "--out",
                prefix);
        assertEquals(0, embed.status, embed.err);
        Path out = Files.writeString(dir.resolve("run.json"), run.out);

        List<String> lines = python(String.join("\n",
                "import gzip, json, sys, numpy as np",
                "e = np.load(sys.argv[1] + '-embeddings.npy'); y = np.load(sys.argv[1] + '-labels.npy')",
                "raw = gzip.open(sys.argv[2] + '/t10k-labels-idx1-ubyte.gz').read()",
                "truth = np.frombuffer(raw, np.uint8, offset=8)[:500]",
                "print(e.shape, e.dtype, y.shape, bool((y == truth).all()))",
                "print(bool(np.allclose(np.linalg.norm(e, axis=1), 1)))",
                "d = ((e[:, None, :] - e[None, :, :]) ** 2).sum(-1)",
                "np.fill_diagonal(d, np.inf)",
                "p1 = float((y[d.argmin(1)] == y).mean())",
                "print(p1 == json.load(open(sys.argv[3]))['final']['precisionAt1'])"),
                prefix, MnistFolder.FASHION_MNIST.toString(), out.toString());

        assertEquals("(500, 128) float64 (500,) True", lines.get(0));
        assertEquals("True", lines.get(1), "the embeddings are L2-normalised");
        assertEquals("True", lines.get(2), "NumPy's leave-one-out nearest neighbour gives the run's precision@1");
    }
}
