package org.tripletgrad.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a small MNIST-style folder (the four plain IDX files) for fast command tests: per class a random
 * prototype image plus noise, labels cycling through the classes.
 */
final class TinyMnist {
    private TinyMnist() {
    }

    /** A folder in {@code dir} with {@code train} and {@code test} images of {@code side} x {@code side} pixels. */
    static Path write(Path dir, int classes, int train, int test, int side, long seed) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed);
        int d = side * side;
        int[][] prototypes = new int[classes][d];
        for (int[] p : prototypes) {
            for (int j = 0; j < d; j++) {
                p[j] = rng.nextInt(256);
            }
        }
        set(dir, "train", train, classes, side, prototypes, rng);
        set(dir, "t10k", test, classes, side, prototypes, rng);
        return dir;
    }

    private static void set(Path dir, String name, int n, int classes, int side, int[][] prototypes,
            SplittableRandom rng) throws IOException {
        int d = side * side;
        ByteBuffer images = ByteBuffer.allocate(16 + n * d).putInt(0x00000803).putInt(n).putInt(side).putInt(side);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x00000801).putInt(n);
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            labels.put((byte) c);
            for (int j = 0; j < d; j++) {
                images.put((byte) Math.max(0, Math.min(255, prototypes[c][j] + rng.nextInt(-60, 61))));
            }
        }
        Files.write(dir.resolve(name + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(name + "-labels-idx1-ubyte"), labels.array());
    }
}
