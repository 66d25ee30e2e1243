package org.tripletgrad.triplet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Tensor;

class StandardizerTest {
    /** Three images of two pixels: the first pixel varies, the second is always 0.5. */
    private static final Tensor IMAGES = Tensor.matrix(new double[][] {{0, 0.5}, {0.25, 0.5}, {1, 0.5}});

    @Test
    void globalUsesOneMeanAndPopulationDeviationOverEveryPixel() {
        Standardizer s = Standardizer.fit(Standardization.GLOBAL, IMAGES);
        // values 0, 0.25, 1, 0.5, 0.5, 0.5: mean 2.75 / 6; squares of deviations summed by hand
        double mean = 2.75 / 6;
        double var = (Math.pow(0 - mean, 2) + Math.pow(0.25 - mean, 2) + Math.pow(1 - mean, 2)
                + 3 * Math.pow(0.5 - mean, 2)) / 6;
        assertEquals(mean, s.mean().item(), 1e-15);
        assertEquals(Math.sqrt(var), s.std().item(), 1e-15);
        assertEquals((1 - mean) / Math.sqrt(var), s.apply(IMAGES).get(2, 0), 1e-14);
    }

    @Test
    void perPixelStandardisesEachPositionAndFloorsAConstantPixelsDeviation() {
        Standardizer s = Standardizer.fit(Standardization.PER_PIXEL, IMAGES);
        double mean = 1.25 / 3;
        double sd = Math.sqrt((Math.pow(mean, 2) + Math.pow(0.25 - mean, 2) + Math.pow(1 - mean, 2)) / 3);
        assertEquals(mean, s.mean().get(0), 1e-15);
        assertEquals(sd, s.std().get(0), 1e-15);
        assertEquals(0.5, s.mean().get(1));
        assertEquals(Standardizer.PIXEL_STD_FLOOR, s.std().get(1));
        Tensor out = s.apply(Tensor.matrix(new double[][] {{1, 0.6}}));
        assertEquals((1 - mean) / sd, out.get(0, 0), 1e-14);
        assertEquals(0.1 / Standardizer.PIXEL_STD_FLOOR, out.get(0, 1), 1e-12);
    }

    @Test
    void noneLeavesTheImagesAsTheyAre() {
        assertSame(IMAGES, Standardizer.fit(Standardization.NONE, IMAGES).apply(IMAGES));
    }

    @Test
    void badInputsAreRefusedWithTheShapeOrValue() {
        assertEquals("standardizer: image 1 holds NaN, expected finite pixels", assertThrows(
                IllegalArgumentException.class, () -> Standardizer.fit(Standardization.GLOBAL,
                        Tensor.matrix(new double[][] {{0, 1}, {Double.NaN, 0}}))).getMessage());
        assertEquals("standardizer global: every pixel of every image is 0.5, so there is no spread to divide by",
                assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Standardization.GLOBAL,
                        Tensor.full(0.5, 2, 2))).getMessage());
        Standardizer s = Standardizer.fit(Standardization.PER_PIXEL, IMAGES);
        assertEquals("standardizer per-pixel: expected [N, 2] images, got [1, 3]", assertThrows(
                IllegalArgumentException.class, () -> s.apply(Tensor.zeros(1, 3))).getMessage());
    }
}
