package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.Npy;

class LossCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private Path npy(String name, Tensor values) throws IOException {
        Path file = dir.resolve(name);
        Npy.write(file, values);
        return file;
    }

    private Path npyInts(String name, long... values) throws IOException {
        Path file = dir.resolve(name);
        Npy.writeInts(file, values);
        return file;
    }

    @Test
    void jsonReportsLossTripletsAndGradientFromCsv() throws IOException {
        Path e = write("e.csv", "0,0\n0,3\n4,0\n4,4\n");
        Path l = write("l.csv", "0\n0\n1\n1\n");
        CommandRun r = CommandRun.of("loss", "--embeddings", e.toString(), "--labels", l.toString(), "--margin", "1",
                "--json");
        assertEquals(0, r.status, r.err);
        // Anchor 0: positive 1 at 3, negatives at 4 and sqrt(32): max(0, 1 + 3 - 4) = 0. Anchor 1: positive 0 at 3,
        // negatives at 5 and sqrt(17): 1 + 3 - sqrt(17) < 0, so 0. Anchor 2: positive 3 at 4, negatives 0 at 4 and
        // 1 at 5: 1. Anchor 3: positive 2 at 4, negative 1 at sqrt(17): 1 + 4 - sqrt(17). Mean over four.
        double want = (0 + 0 + 1 + (1 + 4 - Math.sqrt(17))) / 4;
        assertTrue(r.out.startsWith("{\"loss\": "), r.out);
        double got = Double.parseDouble(r.out.substring(9, r.out.indexOf(',')));
        assertEquals(want, got, 1e-12);
        assertTrue(r.out.contains("\"triplets\": [[0, 1, 2], [1, 0, 3], [2, 3, 0], [3, 2, 1]]"), r.out);
        assertTrue(r.out.contains("\"validAnchors\": 4") && r.out.contains("\"gradient\": [["), r.out);
    }

    @Test
    void textExplainsTheDistancesAnchorsAndGradient() throws IOException {
        Path e = npy("e.npy", Tensor.matrix(new double[][] {{3, 2}, {1, 4}, {5, 6}}));
        Path l = npyInts("l.npy", 7, 7, 8);
        CommandRun r = CommandRun.of("loss", "--embeddings", e.toString(), "--labels", l.toString());
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("2.8284") && r.out.contains("4.4721"), r.out);
        assertTrue(r.out.contains("anchor 2 (label 8): not valid"), r.out);
        assertTrue(r.out.contains("gradient d loss / d embeddings:"), r.out);
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws IOException {
        Path e = write("e.csv", "0,0\n0,3\n4,0\n");
        Path l = write("l.csv", "0\n0\n1\n");
        Path ragged = write("r.csv", "0,0\n1\n");
        Path nan = write("n.csv", "0,0\nNaN,1\n1,1\n");
        Path shortLabels = write("s.csv", "0\n1\n");
        Path floatLabels = npy("f.npy", Tensor.vector(0, 0, 1));
        Path flat = npy("flat.npy", Tensor.vector(0, 1, 2));
        Path intEmbeddings = dir.resolve("i.npy");
        Npy.writeInts(intEmbeddings, new int[] {0, 0, 0, 3, 4, 0}, Shape.of(3, 2));
        Path hugeLabels = npyInts("h.npy", 0, 0, 1L << 40);
        byte[] whole = Files.readAllBytes(npy("whole.npy", Tensor.zeros(3, 2)));
        Path truncated = Files.write(dir.resolve("t.npy"), Arrays.copyOf(whole, whole.length - 8));
        Path notNpy = write("csv.npy", "0,0\n0,3\n4,0\n");
        Path json = write("e.json", "[[0, 0], [0, 3], [4, 0]]");
        Path huge = write("big.csv", "0,0\n0,3e200\n4,0\n");
        String[][] cases = {
            {"--embeddings", dir.resolve("missing.csv").toString(), "--labels", l.toString()},
            {"--embeddings", ragged.toString(), "--labels", l.toString()},
            {"--embeddings", nan.toString(), "--labels", l.toString()},
            {"--embeddings", e.toString(), "--labels", shortLabels.toString()},
            {"--embeddings", e.toString(), "--labels", floatLabels.toString()},
            {"--embeddings", intEmbeddings.toString(), "--labels", l.toString()},
            {"--embeddings", e.toString(), "--labels", l.toString(), "--margin", "-0.5"},
            {"--embeddings", e.toString(), "--labels", l.toString(), "--margin", "0.5", "--soft"},
            {"--embeddings", e.toString(), "--labels", l.toString(), "--metric", "manhattan"},
            {"--embeddings", flat.toString(), "--labels", l.toString()},
            {"--embeddings", e.toString(), "--labels", hugeLabels.toString()},
            {"--embeddings", truncated.toString(), "--labels", l.toString()},
            {"--embeddings", notNpy.toString(), "--labels", l.toString()},
            {"--embeddings", json.toString(), "--labels", l.toString()},
            {"--embeddings", e.toString(), "--labels", write("x.csv", "0\none\n1\n").toString()},
            {"--embeddings", huge.toString(), "--labels", l.toString()},
        };
        String[] mentions = {"no such file", "ragged", "NaN", "[3]", "integer", "float", "margin", "--soft",
            "manhattan", "2-D", "1099511627776", "needs 48 bytes", "not a .npy file", ".npy, .csv", "'one'",
            "overflow"};
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 1];
            args[0] = "loss";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            CommandRun r = CommandRun.of(args);
            assertEquals(2, r.status, String.join(" ", args) + ": " + r.err);
            assertEquals(1, r.err.strip().lines().count(), r.err);
            assertTrue(r.err.contains(mentions[i]), mentions[i] + " not in: " + r.err);
        }
    }
}
