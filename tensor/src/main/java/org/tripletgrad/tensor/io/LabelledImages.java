package org.tripletgrad.tensor.io;

import org.tripletgrad.tensor.Tensor;

/**
 * Images with one class label each, as loaded by {@link MnistFolder}.
 *
 * @param images {@code size() x (rows * cols)} float64, one flattened row-major image a row, pixels in [0, 1]
 * @param labels the class of each image, in the same order; the array is shared, do not change it
 * @param rows the height of each image in pixels
 * @param cols the width of each image in pixels
 */
public record LabelledImages(Tensor images, int[] labels, int rows, int cols) {
    /** Checks that there is one label per image and that each image has {@code rows * cols} pixels. */
    public LabelledImages {
        if (images.rank() != 2 || images.dim(0) != labels.length || images.dim(1) != rows * cols) {
            throw new IllegalArgumentException("labelled images: expected " + labels.length + " x " + rows * cols
                    + " images for " + labels.length + " labels of " + rows + " x " + cols + " pixels, got "
                    + images.shape());
        }
    }

    /** The number of images. */
    public int size() {
        return labels.length;
    }
}
