package org.tripletgrad.triplet;

/**
 * Which triplets of a batch make up the loss (Hermans, Beyer and Leibe, "In Defense of the Triplet Loss for Person
 * Re-Identification", 2017, section 2).
 */
public enum Mining {
    /**
     * One triplet per valid anchor: its positive at the largest distance and its negative at the smallest, ties going
     * to the lowest index. The gradient flows only through those two distances. Default reduction: {@link
     * Reduction#MEAN}.
     */
    BATCH_HARD("batch-hard", Reduction.MEAN),
    /**
     * Every valid triplet (a, p, n): p another row with a's label, n a row with another label. Default reduction:
     * {@link Reduction#MEAN_NONZERO}. The composed form holds N x N x N tensors, so it suits batches of at most a few
     * hundred rows.
     */
    BATCH_ALL("batch-all", Reduction.MEAN_NONZERO);

    private final String id;
    private final Reduction defaultReduction;

    Mining(String id, Reduction defaultReduction) {
        this.id = id;
        this.defaultReduction = defaultReduction;
    }

    /** The name used on the command line: "batch-hard" or "batch-all". */
    public String id() {
        return id;
    }

    /** The reduction used when none is chosen: the paper's usual one for this mining. */
    public Reduction defaultReduction() {
        return defaultReduction;
    }

    /**
     * The mining named {@code id}.
     *
     * @throws IllegalArgumentException naming the accepted names when {@code id} is none of them
     */
    public static Mining parse(String id) {
        return Ids.parse(values(), Mining::id, "mining", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
