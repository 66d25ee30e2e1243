package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.Shape;

/**
 * The real Fashion-MNIST from Debian's dataset-fashion-mnist package, when it is installed (skipped otherwise):
 * counts, image size, labels and the pixel total, which Python's own gzip module computes independently.
 */
class FashionMnistTest {
    private static LabelledImages train;
    private static LabelledImages test;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isDirectory(MnistFolder.FASHION_MNIST), MnistFolder.FASHION_MNIST + " is not installed");
        MnistFolder folder = MnistFolder.open(MnistFolder.FASHION_MNIST);
        train = folder.train();
        test = folder.test();
    }

    @Test
    void trainingAndTestSetsHaveTheirKnownSizes() {
        assertEquals(Shape.of(60000, 784), train.images().shape());
        assertEquals(Shape.of(10000, 784), test.images().shape());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
    }

    @Test
    void everyClassHasOneTenthOfEachSet() {
        for (LabelledImages set : new LabelledImages[] {train, test}) {
            int[] counts = new int[10];
            for (int label : set.labels()) {
                assertTrue(label >= 0 && label < 10, "label " + label);
                counts[label]++;
            }
            for (int c = 0; c < 10; c++) {
                assertEquals(set.size() / 10, counts[c], "class " + c);
            }
        }
    }

    @Test
    void pixelsLieInTheUnitIntervalAndSumToWhatPythonReads() throws Exception {
        long total = 0;
        for (double p : train.images().data()) {
            assertTrue(p >= 0 && p <= 1);
            total += Math.round(p * 255);
        }
        String script = "import gzip, sys\n"
                + "with gzip.open(sys.argv[1]) as f:\n"
                + "    print(sum(f.read()[16:]))\n";
        String file = MnistFolder.FASHION_MNIST.resolve("train-images-idx3-ubyte.gz").toString();
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue());
        assertEquals(Long.parseLong(out), total);
    }

    @Test
    void aLimitLoadsOnlyTheFirstImagesAndTheyMatchTheFullLoad() throws IOException {
        LabelledImages first = MnistFolder.open(MnistFolder.FASHION_MNIST).train(100);

        assertEquals(Shape.of(100, 784), first.images().shape());
        assertArrayEquals(train.images().narrow(0, 0, 100).toArray(), first.images().toArray());
        assertArrayEquals(Arrays.copyOf(train.labels(), 100), first.labels());
    }
}
