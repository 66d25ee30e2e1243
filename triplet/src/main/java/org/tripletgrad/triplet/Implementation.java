package org.tripletgrad.triplet;

/** Which code computes a {@link TripletLoss}. Both give the same loss, triplets and gradient up to rounding. */
public enum Implementation {
    /** Built from autograd ops over the full N x N distance matrix: every gradient is the engine's own. */
    COMPOSED("composed"),
    /**
     * One graph op per loss. Batch hard: {@link org.tripletgrad.triplet.fused.FusedBatchHard}, distances in blocks,
     * memory O(N D + block^2), several threads. Batch all: {@link org.tripletgrad.triplet.fused.FusedBatchAll} on the
     * N x N distance matrix, memory O(N^2) where the composed form builds N x N x N tensors.
     */
    FUSED("fused");

    private final String id;

    Implementation(String id) {
        this.id = id;
    }

    /** The name used on the command line: "composed" or "fused". */
    public String id() {
        return id;
    }

    /**
     * The implementation named {@code id}.
     *
     * @throws IllegalArgumentException when {@code id} is neither "composed" nor "fused"
     */
    public static Implementation parse(String id) {
        return Ids.parse(values(), Implementation::id, "implementation", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
