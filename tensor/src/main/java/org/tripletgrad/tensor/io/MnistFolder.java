package org.tripletgrad.tensor.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * A folder holding an MNIST-style data set as four IDX files: {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each plain
 * or gzip'd ({@code .gz}; when both exist the plain file is used). Fashion-MNIST and the original MNIST both come in
 * this form.
 *
 * <p>Images must be unsigned bytes of shape {@code N x rows x cols}; they load as an {@code N x (rows * cols)}
 * float64 tensor with each pixel scaled by {@code p / 255.0}, so 0 maps to exactly 0.0 and 255 to exactly 1.0.
 * Labels must be a 1-D integer file with as many entries as there are images.
 */
public final class MnistFolder {
    /** Where Debian's {@code dataset-fashion-mnist} package installs Fashion-MNIST. */
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private static final String[] NAMES = {
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"};
    private static final String HOW_TO_GET = "install the Debian package dataset-fashion-mnist or pass --data DIR"
            + " (a folder holding the four IDX files, plain or .gz)";

    private final Path dir;
    private final Path[] files;

    private MnistFolder(Path dir, Path[] files) {
        this.dir = dir;
        this.files = files;
    }

    /**
     * The data set in {@code dir}, once all four files are found there.
     *
     * @throws FileNotFoundException naming the folder, every missing file and how to get the data
     */
    public static MnistFolder open(Path dir) throws FileNotFoundException {
        if (!Files.isDirectory(dir)) {
            throw new FileNotFoundException(dir + ": no such folder; " + HOW_TO_GET);
        }
        Path[] files = new Path[NAMES.length];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < NAMES.length; i++) {
            Path plain = dir.resolve(NAMES[i]);
            Path gz = dir.resolve(NAMES[i] + ".gz");
            files[i] = Files.isRegularFile(plain) ? plain : Files.isRegularFile(gz) ? gz : null;
            if (files[i] == null) {
                missing.add(NAMES[i] + "[.gz]");
            }
        }
        if (!missing.isEmpty()) {
            throw new FileNotFoundException(dir + ": missing " + String.join(", ", missing) + "; " + HOW_TO_GET);
        }
        return new MnistFolder(dir, files);
    }

    /** The folder. */
    public Path dir() {
        return dir;
    }

    /** All training images and labels. */
    public LabelledImages train() throws IOException {
        return train(Integer.MAX_VALUE);
    }

    /** The first {@code limit} training images and labels; only those images are read. */
    public LabelledImages train(int limit) throws IOException {
        return load(files[0], files[1], limit);
    }

    /** All test images and labels. */
    public LabelledImages test() throws IOException {
        return test(Integer.MAX_VALUE);
    }

    /** The first {@code limit} test images and labels; only those images are read. */
    public LabelledImages test(int limit) throws IOException {
        return load(files[2], files[3], limit);
    }

    private static LabelledImages load(Path imageFile, Path labelFile, int limit) throws IOException {
        Shape declared = Idx.shape(imageFile);
        if (declared.rank() != 3) {
            throw new FileFormatException(imageFile + ": images must have 3 dimensions (count, rows, cols), the"
                    + " header has " + declared);
        }
        NdArray labelArray = Idx.read(labelFile);
        if (labelArray.shape().rank() != 1 || labelArray.dtype().isFloat()) {
            throw new FileFormatException(labelFile + ": labels must be 1-D integers, the header has "
                    + labelArray.dtype().code() + " " + labelArray.shape());
        }
        if (labelArray.numel() != declared.dim(0)) {
            throw new FileFormatException(imageFile + " holds " + declared.dim(0) + " images but " + labelFile
                    + " holds " + labelArray.numel() + " labels");
        }
        DType type = Idx.read(imageFile, 0).dtype();
        if (type != DType.UINT8) {
            throw new FileFormatException(imageFile + ": images must be unsigned bytes (IDX type 0x08), the file"
                    + " holds " + type.code());
        }
        NdArray imageArray = Idx.read(imageFile, limit);
        int n = imageArray.shape().dim(0);
        int rows = declared.dim(1);
        int cols = declared.dim(2);
        double[] pixels = imageArray.toDoubleArray();
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] /= 255.0;
        }
        int[] labels = Arrays.copyOf(labelArray.toIntArray(), n);
        return new LabelledImages(Tensor.wrap(pixels, n, rows * cols), labels, rows, cols);
    }
}
