package org.tripletgrad.testkit;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.tripletgrad.tensor.Shape;

/**
 * jqwik arbitraries for tensor shapes. Shapes shrink towards lower rank and smaller sizes.
 *
 * <pre>{@code
 * @Provide
 * Arbitrary<Shape> smallShapes() {
 *     return ShapeArbitraries.shapes(1, 3, 1, 4);    // rank 1 to 3, every size 1 to 4
 * }
 * }</pre>
 */
public final class ShapeArbitraries {
    private ShapeArbitraries() {
    }

    /**
     * Shapes of rank {@code minRank..maxRank} whose sizes are each in {@code minSize..maxSize}.
     *
     * @throws IllegalArgumentException when a bound is negative or a minimum exceeds its maximum
     */
    public static Arbitrary<Shape> shapes(int minRank, int maxRank, int minSize, int maxSize) {
        checkRange("rank", minRank, maxRank);
        checkRange("size", minSize, maxSize);
        return Arbitraries.integers().between(minSize, maxSize).list().ofMinSize(minRank).ofMaxSize(maxRank)
                .map(ShapeArbitraries::toShape);
    }

    /** Shapes of rank 0 to {@code maxRank} with sizes 1 to {@code maxSize}. */
    public static Arbitrary<Shape> shapes(int maxRank, int maxSize) {
        return shapes(0, maxRank, 1, maxSize);
    }

    /**
     * Pairs of shapes that broadcast together, with their broadcast shape: a result shape of rank up to
     * {@code maxRank} and sizes 1 to {@code maxSize} is drawn, then each operand drops some leading dimensions of it
     * and sets some of the rest to 1. Equal shapes, scalars against anything, and operands of different rank all
     * occur.
     */
    public static Arbitrary<BroadcastPair> broadcastablePairs(int maxRank, int maxSize) {
        return shapes(0, maxRank, 1, maxSize).flatMap(full ->
                Combinators.combine(operandOf(full), operandOf(full)).as((a, b) ->
                        new BroadcastPair(a, b, broadcastOf(a, b))));
    }

    /** An operand broadcasting to {@code full}: a suffix of its dimensions, each kept or set to 1. */
    private static Arbitrary<Shape> operandOf(Shape full) {
        int rank = full.rank();
        return Combinators.combine(Arbitraries.integers().between(0, rank),
                Arbitraries.of(true, false).list().ofSize(rank)).as((dropped, ones) -> {
                    int[] dims = new int[rank - dropped];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = ones.get(dropped + i) ? 1 : full.dim(dropped + i);
                    }
                    return Shape.of(dims);
                });
    }

    /** The broadcast of two suffix-aligned operands: per dimension, the size that is not 1 (else 1). */
    private static Shape broadcastOf(Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.rank() ? 1 : a.dims()[i - (rank - a.rank())];
            int db = i < rank - b.rank() ? 1 : b.dims()[i - (rank - b.rank())];
            dims[i] = Math.max(da, db);
        }
        return Shape.of(dims);
    }

    private static Shape toShape(List<Integer> dims) {
        return Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    }

    static void checkRange(String what, int min, int max) {
        if (min < 0 || min > max) {
            throw new IllegalArgumentException("shapes: expected 0 <= min " + what + " <= max " + what + ", got "
                    + min + " and " + max);
        }
    }
}
