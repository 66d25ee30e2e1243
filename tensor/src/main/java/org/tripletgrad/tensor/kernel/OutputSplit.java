package org.tripletgrad.tensor.kernel;

/**
 * A cut of an m x n product's output into rectangles that the {@link KernelPool} computes independently.
 *
 * <p>Rows are cut into blocks of {@code rowStep} rows; when that leaves fewer than two blocks per thread, the columns
 * are cut too, on multiples of the kernel's column width, so a wide product with few rows still uses every thread.
 * Each rectangle gets the full inner (k) range: the sum behind an output entry is never split, so the result does
 * not depend on the cut or on the number of threads.
 */
final class OutputSplit {
    private final int m;
    private final int n;
    private final int rowStep;
    private final int colStep;
    private final int rowBlocks;
    private final int colBlocks;

    private OutputSplit(int m, int n, int rowStep, int colStep) {
        this.m = m;
        this.n = n;
        this.rowStep = rowStep;
        this.colStep = colStep;
        this.rowBlocks = ceilDiv(m, rowStep);
        this.colBlocks = ceilDiv(n, colStep);
    }

    /**
     * The cut for {@code threads} threads.
     *
     * @param rowStep rows per block, a multiple of the kernel's row tile
     * @param colAlign the kernel's column tile; column cuts fall on its multiples
     */
    static OutputSplit of(int m, int n, int rowStep, int colAlign, int threads) {
        int rowBlocks = ceilDiv(m, rowStep);
        int colTiles = ceilDiv(n, colAlign);
        int wanted = 2 * threads;
        if (threads == 1 || rowBlocks >= wanted || colTiles == 1) {
            return new OutputSplit(m, n, rowStep, n);
        }
        int colBlocks = Math.min(colTiles, ceilDiv(wanted, rowBlocks));
        return new OutputSplit(m, n, rowStep, ceilDiv(colTiles, colBlocks) * colAlign);
    }

    /** The number of rectangles. */
    int parts() {
        return rowBlocks * colBlocks;
    }

    /** The first row of rectangle {@code part}. */
    int rowStart(int part) {
        return (part / colBlocks) * rowStep;
    }

    /** One past the last row of rectangle {@code part}. */
    int rowEnd(int part) {
        return Math.min(m, rowStart(part) + rowStep);
    }

    /** The first column of rectangle {@code part}. */
    int colStart(int part) {
        return (part % colBlocks) * colStep;
    }

    /** One past the last column of rectangle {@code part}. */
    int colEnd(int part) {
        return Math.min(n, colStart(part) + colStep);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
