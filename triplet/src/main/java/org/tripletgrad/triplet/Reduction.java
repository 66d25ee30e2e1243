package org.tripletgrad.triplet;

/**
 * How the per-triplet terms become one loss. The terms are one per valid anchor for {@link Mining#BATCH_HARD} and
 * one per valid triplet for {@link Mining#BATCH_ALL}. With no term at all, every reduction gives exactly 0.
 */
public enum Reduction {
    /** The mean over the terms (over the valid anchors, for batch hard). */
    MEAN("mean"),
    /** The sum of the terms. */
    SUM("sum"),
    /**
     * The sum of the terms divided by how many are &gt; 0 (the count is a constant to the gradient); 0 when none is.
     */
    MEAN_NONZERO("mean-nonzero");

    private final String id;

    Reduction(String id) {
        this.id = id;
    }

    /** The name used on the command line: "mean", "sum" or "mean-nonzero". */
    public String id() {
        return id;
    }

    /**
     * The divisor applied to the sum of the terms: 1 for sum, the number of terms for mean, the number of positive
     * terms for mean-nonzero, and 1 whenever that count is 0 (the sum is then 0 too).
     *
     * @param terms how many terms there are
     * @param positive how many of them are &gt; 0
     */
    public double divisor(long terms, long positive) {
        long n = this == SUM ? 1 : this == MEAN ? terms : positive;
        return Math.max(n, 1);
    }

    /**
     * The reduction named {@code id}.
     *
     * @throws IllegalArgumentException naming the accepted names when {@code id} is none of them
     */
    public static Reduction parse(String id) {
        return Ids.parse(values(), Reduction::id, "reduction", id);
    }

    @Override
    public String toString() {
        return id;
    }
}
