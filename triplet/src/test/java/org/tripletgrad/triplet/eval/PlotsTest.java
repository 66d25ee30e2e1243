package org.tripletgrad.triplet.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Tensor;

class PlotsTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    /** Checks the PNG signature and the IHDR size, then decodes the whole image. */
    private static BufferedImage assertPng(Path file, int width, int height) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8));
        ByteBuffer header = ByteBuffer.wrap(bytes, 8, 25);
        assertEquals(13, header.getInt());
        assertEquals(0x49484452, header.getInt(), "the first chunk is IHDR");
        assertEquals(width, header.getInt());
        assertEquals(height, header.getInt());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertNotNull(image, "ImageIO decodes the file");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        return image;
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == rgb) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void lossCurveIsAPngOfTheRequestedSizeWithBothSeries() throws IOException {
        int n = 1500;
        double[] steps = new double[n];
        double[] loss = new double[n];
        double[] active = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
            loss[i] = 0.2 + 0.5 * Math.exp(-i / 300.0) + 0.02 * Math.sin(i);
            active[i] = 0.9 * Math.exp(-i / 500.0);
        }
        Path file = dir.resolve("loss.png");
        Plots.lossCurve(file, steps, loss, active, 800, 500);

        BufferedImage image = assertPng(file, 800, 500);
        assertTrue(hasColour(image, 0x1f77b4), "the loss line is drawn");
        assertTrue(hasColour(image, 0xff7f0e), "the active-fraction line is drawn");
    }

    @Test
    void embeddingIsAPngOfTheRequestedSizeWithAColourPerClass() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 2000;
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
            double angle = 2 * Math.PI * labels[i] / 10;
            xy[2 * i] = 5 * Math.cos(angle) + Tensor.gaussian(rng);
            xy[2 * i + 1] = 5 * Math.sin(angle) + Tensor.gaussian(rng);
        }
        Path file = dir.resolve("embedding.png");
        Plots.embedding(file, Tensor.wrap(xy, n, 2), labels, Plots.FASHION_MNIST_CLASSES, "test embedding", 900, 700);

        BufferedImage image = assertPng(file, 900, 700);
        assertTrue(hasColour(image, 0x17becf), "the tenth class is drawn in its colour");
        assertTrue(hasColour(image, 0xd62728), "the fourth class is drawn in its colour");
    }

    @Test
    void aLabelWithoutANameIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Plots.embedding(
                dir.resolve("e.png"), Tensor.zeros(2, 2), new int[] {0, 3}, List.of("a", "b"), "t", 100, 100));
        assertEquals("embedding plot: label 3 of point 1 has no name; expected 0 to 1", e.getMessage());
    }
}
