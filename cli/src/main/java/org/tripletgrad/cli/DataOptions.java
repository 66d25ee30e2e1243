package org.tripletgrad.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.tripletgrad.tensor.io.LabelledImages;
import org.tripletgrad.tensor.io.MnistFolder;
import org.tripletgrad.triplet.eval.Plots;

import picocli.CommandLine.Option;

/** The data options shared by {@code train}, {@code eval} and {@code embed}: the folder and the test-set limit. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "A folder holding the four MNIST-style IDX files,"
            + " plain or .gz (default: /usr/share/datasets/fashion-mnist, from the Debian package"
            + " dataset-fashion-mnist).")
    Path data;

    @Option(names = "--limit-test", paramLabel = "N", description = "Use only the first N test images.")
    Integer limitTest;

    /** The folder given, else {@code fallback} (may be null for the Fashion-MNIST default). */
    Path folder(Path fallback) {
        return data != null ? data : fallback != null ? fallback : MnistFolder.FASHION_MNIST;
    }

    /**
     * A limit as a count of images: {@code Integer.MAX_VALUE} for none.
     *
     * @throws InputException when it is below 1
     */
    static int limit(Integer n, String option) {
        if (n == null) {
            return Integer.MAX_VALUE;
        }
        if (n < 1) {
            throw new InputException(option + ": expected at least 1 image, got " + n);
        }
        return n;
    }

    /** A limit as stored in a run's settings: the number, or "all". */
    static String limitText(int n) {
        return n == Integer.MAX_VALUE ? "all" : Integer.toString(n);
    }

    /** A limit read back from a run's settings. */
    static int parseLimit(String text) {
        if (text == null || text.equals("all")) {
            return Integer.MAX_VALUE;
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InputException("the run's settings: expected an image limit (a number or 'all'), got '" + text
                    + "'", e);
        }
    }

    /** The first {@code limit} test images of {@code folder}. */
    static LabelledImages test(Path folder, int limit) throws IOException {
        return requireLabels(MnistFolder.open(folder).test(limit), "test", folder);
    }

    /** The largest class label the commands accept: class ids name plot colours and must stay few. */
    static final int MAX_LABEL = 9999;

    /**
     * Returns {@code set} after checking that its labels are class ids from 0 to {@link #MAX_LABEL}.
     *
     * @throws InputException naming the folder, the set, the first bad label and its index
     */
    static LabelledImages requireLabels(LabelledImages set, String which, Path folder) {
        int[] labels = set.labels();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] > MAX_LABEL) {
                throw new InputException(folder + ": " + which + " labels: expected class ids from 0 to " + MAX_LABEL
                        + ", got " + labels[i] + " at index " + i);
            }
        }
        return set;
    }

    /**
     * Names for the classes of the data in {@code folder}: Fashion-MNIST's when the folder's name says
     * "fashion", otherwise the label numbers.
     */
    static List<String> classNames(Path folder, int classes) {
        String name = folder.toAbsolutePath().normalize().toString().toLowerCase(Locale.ROOT);
        if (name.contains("fashion") && classes <= Plots.FASHION_MNIST_CLASSES.size()) {
            return Plots.FASHION_MNIST_CLASSES;
        }
        List<String> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            out.add(Integer.toString(c));
        }
        return out;
    }
}
