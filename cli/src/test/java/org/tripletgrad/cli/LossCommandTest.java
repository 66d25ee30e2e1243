package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    /** A version 1.0 .npy file written byte by byte, as NumPy lays it out. */
    private Path npy(String name, String descr, int[] shape, double[] values) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int s : shape) {
            dims.append(s).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2) + ")";
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int pad = 64 - (10 + header.length() + 1) % 64;
        header = header + " ".repeat(pad) + "\n";
        int size = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            if (descr.equals("<f8")) {
                b.putDouble(v);
            } else if (descr.equals("<i8")) {
                b.putLong((long) v);
            } else {
                b.putInt((int) v);
            }
        }
        return Files.write(dir.resolve(name), b.array());
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
        Path e = npy("e.npy", "<f8", new int[] {3, 2}, new double[] {3, 2, 1, 4, 5, 6});
        Path l = npy("l.npy", "<i8", new int[] {3}, new double[] {7, 7, 8});
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
        Path floatLabels = npy("f.npy", "<f8", new int[] {3}, new double[] {0, 0, 1});
        Path flat = npy("flat.npy", "<f8", new int[] {3}, new double[] {0, 1, 2});
        Path intEmbeddings = npy("i.npy", "<i4", new int[] {3, 2}, new double[] {0, 0, 0, 3, 4, 0});
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
        };
        String[] mentions = {"no such file", "ragged", "NaN", "[3]", "integer", "float", "margin", "--soft",
            "manhattan", "2-D"};
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
