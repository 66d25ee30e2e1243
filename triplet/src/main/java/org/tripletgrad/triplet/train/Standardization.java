package org.tripletgrad.triplet.train;

import org.tripletgrad.triplet.Ids;

/** How input pixels are standardised before the network sees them; the statistics come from the training set. */
public enum Standardization {
    /** The pixels as loaded, in [0, 1]. */
    NONE("none"),
    /** (x - m) / s with one mean m and one standard deviation s over every pixel of every training image. */
    GLOBAL("global"),
    /**
     * (x_j - m_j) / max(s_j, {@value Standardizer#PIXEL_STD_FLOOR}) with a mean and standard deviation per pixel
     * position j; the floor keeps pixels that are (nearly) constant over the training set, such as the corners of
     * Fashion-MNIST, from being divided by about zero.
     */
    PER_PIXEL("per-pixel");

    private final String id;

    Standardization(String id) {
        this.id = id;
    }

    /** The name used on the command line and in checkpoints: "none", "global" or "per-pixel". */
    public String id() {
        return id;
    }

    /**
     * The standardisation named {@code id}.
     *
     * @throws IllegalArgumentException naming the accepted names when {@code id} is none of them
     */
    public static Standardization parse(String id) {
        return Ids.parse(values(), Standardization::id, "standardization", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
