package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Shape;

/** Loading an MNIST-style folder of four small hand-built IDX files. */
class MnistFolderTest {
    private static final int ROWS = 2;
    private static final int COLS = 3;

    @TempDir
    Path dir;

    @Test
    void loadsImagesScaledToTheUnitIntervalAndTheirLabels() throws IOException {
        double[] train = pixels(5);
        writeSet("train", 5, train, false);
        writeSet("t10k", 3, pixels(3), true);

        LabelledImages set = MnistFolder.open(dir).train();

        assertEquals(5, set.size());
        assertEquals(ROWS, set.rows());
        assertEquals(COLS, set.cols());
        assertEquals(Shape.of(5, ROWS * COLS), set.images().shape());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, set.labels());
        double[] got = set.images().toArray();
        for (int i = 0; i < train.length; i++) {
            assertEquals(train[i] / 255.0, got[i], 0.0);
        }
        assertEquals(0.0, got[0]);
        assertEquals(1.0, got[1]);
    }

    @Test
    void gzipdTestSetAndALimitReadOnlyTheFirstImages() throws IOException {
        double[] test = pixels(3);
        writeSet("train", 5, pixels(5), false);
        writeSet("t10k", 3, test, true);

        LabelledImages two = MnistFolder.open(dir).test(2);

        assertEquals(Shape.of(2, ROWS * COLS), two.images().shape());
        assertArrayEquals(new int[] {0, 1}, two.labels());
        assertEquals(test[7] / 255.0, two.images().get(1, 1), 0.0);
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeSet("train", 5, pixels(5), false);
        writeSet("t10k", 3, pixels(3), false);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte");
        Files.write(labels, IdxBytes.file(IdxBytes.U8, new int[] {2}, 0, 1));

        FileFormatException e = assertThrows(FileFormatException.class, () -> MnistFolder.open(dir).test(1));

        assertEquals(dir.resolve("t10k-images-idx3-ubyte") + " holds 3 images but " + labels + " holds 2 labels",
                e.getMessage());
    }

    @Test
    void missingFilesAreNamedWithTheFolderAndHowToGetTheData() throws IOException {
        writeSet("train", 5, pixels(5), false);

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> MnistFolder.open(dir));

        assertEquals(dir + ": missing t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]; install the Debian"
                + " package dataset-fashion-mnist or pass --data DIR (a folder holding the four IDX files, plain or"
                + " .gz)", e.getMessage());
    }

    @Test
    void missingFolderSaysHowToGetTheData() {
        Path nowhere = dir.resolve("nowhere");

        FileNotFoundException e = assertThrows(FileNotFoundException.class, () -> MnistFolder.open(nowhere));

        assertEquals(nowhere + ": no such folder; install the Debian package dataset-fashion-mnist or pass --data DIR"
                + " (a folder holding the four IDX files, plain or .gz)", e.getMessage());
    }

    @Test
    void imagesMustBeThreeDimensionalUnsignedBytes() throws IOException {
        writeSet("train", 5, pixels(5), false);
        writeSet("t10k", 3, pixels(3), false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.write(images, IdxBytes.file(IdxBytes.F32, new int[] {5, ROWS, COLS}, pixels(5)));
        Path flat = dir.resolve("t10k-images-idx3-ubyte");
        Files.write(flat, IdxBytes.file(IdxBytes.U8, new int[] {3, ROWS * COLS}, pixels(3)));
        MnistFolder folder = MnistFolder.open(dir);

        FileFormatException floats = assertThrows(FileFormatException.class, folder::train);
        FileFormatException rank = assertThrows(FileFormatException.class, folder::test);

        assertEquals(images + ": images must be unsigned bytes (IDX type 0x08), the file holds f4",
                floats.getMessage());
        assertEquals(flat + ": images must have 3 dimensions (count, rows, cols), the header has [3, 6]",
                rank.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    /** Pixel values for n images: 0 and 255 first, then a spread of the others. */
    private static double[] pixels(int n) {
        double[] p = new double[n * ROWS * COLS];
        for (int i = 0; i < p.length; i++) {
            p[i] = i == 0 ? 0 : i == 1 ? 255 : (i * 37) % 256;
        }
        return p;
    }

    /** Writes {@code PREFIX-images-idx3-ubyte} and {@code PREFIX-labels-idx1-ubyte} (labels 0, 1, ...). */
    private void writeSet(String prefix, int n, double[] pixels, boolean gzip) throws IOException {
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i;
        }
        byte[] images = IdxBytes.file(IdxBytes.U8, new int[] {n, ROWS, COLS}, pixels);
        byte[] labelBytes = IdxBytes.file(IdxBytes.U8, new int[] {n}, labels);
        String suffix = gzip ? ".gz" : "";
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), gzip ? IdxBytes.gzip(images) : images);
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), gzip ? IdxBytes.gzip(labelBytes) : labelBytes);
    }
}
