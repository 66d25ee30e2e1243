package org.tripletgrad.triplet;

/**
 * One (anchor, positive, negative) triplet, as row indices into the batch.
 *
 * @param anchor the anchor's row
 * @param positive a row with the anchor's label, other than the anchor
 * @param negative a row with another label
 */
public record Triplet(int anchor, int positive, int negative) {
    @Override
    public String toString() {
        return "(" + anchor + ", " + positive + ", " + negative + ")";
    }
}
