package org.tripletgrad.triplet.fused;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The forward pass of the fused kernel: batch-hard mining without the N x N matrix.
 *
 * <p>The rows are cut into blocks of {@link #BLOCK}. For every pair of blocks (I, J) with I &lt;= J one tile of the
 * Gram matrix is computed and turned into keys (squared distances, or cosine distances), and each anchor keeps only
 * its best positive and negative seen so far; an off-diagonal tile serves the anchors of both blocks, since the key
 * is symmetric. Memory: the packed rows, O(N D), and per thread one tile and four arrays of N.
 *
 * <p>Determinism: the key of a pair does not depend on the tile or thread that computes it, and "best" is a total
 * order (larger key for positives, smaller for negatives, then lower index), so merging partial results in any order
 * gives the same answer for any number of threads. No floating-point sum crosses threads.
 */
final class BlockMiner {
    /** Rows per block: a tile is BLOCK x BLOCK doubles. A multiple of every kernel's strip width. */
    static final int BLOCK = 64;

    private final double[] rows;
    private final double[] norms;
    private final int n;
    private final int d;
    private final int[] labels;
    private final GramKernel kernel;
    private final double[] panel;
    private final boolean vectorScan;
    private final double[] paddedNorms;
    private final double[] paddedLabels;

    /**
     * @param rows N x d, row-major: the embeddings, or their unit rows for cosine
     * @param norms per row dot(x, x) for the squared-distance key (n_i + n_j) - 2 dot(x_i, x_j); null for the cosine
     *     key 1 - dot(u_i, u_j)
     */
    BlockMiner(double[] rows, double[] norms, int n, int d, int[] labels, GramKernel kernel) {
        this.rows = rows;
        this.norms = norms;
        this.n = n;
        this.d = d;
        this.labels = labels;
        this.kernel = kernel;
        this.panel = GramKernel.pack(rows, n, d, kernel.width());
        this.vectorScan = kernel instanceof VectorGramKernel;
        int pad = n + kernel.width();
        this.paddedNorms = norms == null ? null : Arrays.copyOf(norms, pad);
        this.paddedLabels = new double[pad];
        for (int i = 0; i < n; i++) {
            paddedLabels[i] = labels[i];
        }
    }

    /** The best positive and negative (key and index) of every anchor, -1 where it has none. */
    static final class Best {
        final double[] posKey;
        final int[] pos;
        final double[] negKey;
        final int[] neg;

        Best(int n) {
            posKey = new double[n];
            pos = new int[n];
            negKey = new double[n];
            neg = new int[n];
            Arrays.fill(posKey, Double.NEGATIVE_INFINITY);
            Arrays.fill(pos, -1);
            Arrays.fill(negKey, Double.POSITIVE_INFINITY);
            Arrays.fill(neg, -1);
        }

        void offerPositive(int a, double key, int j) {
            if (j >= 0 && (pos[a] < 0 || key > posKey[a] || (key == posKey[a] && j < pos[a]))) {
                posKey[a] = key;
                pos[a] = j;
            }
        }

        void offerNegative(int a, double key, int j) {
            if (j >= 0 && (neg[a] < 0 || key < negKey[a] || (key == negKey[a] && j < neg[a]))) {
                negKey[a] = key;
                neg[a] = j;
            }
        }

        void mergeFrom(Best o) {
            for (int a = 0; a < pos.length; a++) {
                offerPositive(a, o.posKey[a], o.pos[a]);
                offerNegative(a, o.negKey[a], o.neg[a]);
            }
        }
    }

    /** Mines every anchor using {@code threads} threads. */
    Best mine(int threads) {
        int blocks = (n + BLOCK - 1) / BLOCK;
        int pairs = blocks * (blocks + 1) / 2;
        // A handful of tiles is done before a second thread would have started; results do not depend on this.
        int used = Math.max(1, Math.min(threads, pairs / 4));
        Best[] partial = new Best[used];
        AtomicInteger next = new AtomicInteger();
        WorkerPool.run(used, t -> {
            Best best = new Best(n);
            Scratch scratch = new Scratch();
            for (int p = next.getAndIncrement(); p < pairs; p = next.getAndIncrement()) {
                int bi = rowOfPair(p, blocks);
                int bj = bi + (p - firstPairOfRow(bi, blocks));
                block(bi, bj, best, scratch);
            }
            partial[t] = best;
        });
        for (int t = 1; t < used; t++) {
            partial[0].mergeFrom(partial[t]);
        }
        return partial[0];
    }

    private static int firstPairOfRow(int bi, int blocks) {
        return bi * blocks - bi * (bi - 1) / 2;
    }

    private static int rowOfPair(int p, int blocks) {
        int bi = 0;
        while (firstPairOfRow(bi + 1, blocks) <= p) {
            bi++;
        }
        return bi;
    }

    /** Per-thread buffers: one tile and the column side's running best within one tile. */
    private static final class Scratch {
        final double[] tile = new double[BLOCK * BLOCK];
        final double[] colPosKey = new double[BLOCK];
        final int[] colPos = new int[BLOCK];
        final double[] colNegKey = new double[BLOCK];
        final int[] colNeg = new int[BLOCK];
        Object vectorColumns;
    }

    private void block(int bi, int bj, Best best, Scratch s) {
        int i0 = bi * BLOCK;
        int i1 = Math.min(n, i0 + BLOCK);
        int j0 = bj * BLOCK;
        int j1 = Math.min(n, j0 + BLOCK);
        int w = kernel.width();
        kernel.multiply(rows, d, i0, i1, panel, j0 / w, (j1 - j0 + w - 1) / w, s.tile, BLOCK);
        boolean diagonal = bi == bj;
        if (vectorScan) {
            if (s.vectorColumns == null) {
                s.vectorColumns = new VectorTileScan.Columns();
            }
            VectorTileScan.scan(s.tile, BLOCK, i0, i1, j0, j1, diagonal, paddedNorms, paddedLabels, best,
                    (VectorTileScan.Columns) s.vectorColumns);
            return;
        }
        Arrays.fill(s.colPosKey, Double.NEGATIVE_INFINITY);
        Arrays.fill(s.colPos, -1);
        Arrays.fill(s.colNegKey, Double.POSITIVE_INFINITY);
        Arrays.fill(s.colNeg, -1);
        double[] tile = s.tile;
        for (int i = i0; i < i1; i++) {
            int li = labels[i];
            double ni = norms == null ? 0 : norms[i];
            double bp = Double.NEGATIVE_INFINITY;
            int bpi = -1;
            double bn = Double.POSITIVE_INFINITY;
            int bni = -1;
            int t = (i - i0) * BLOCK - j0;
            for (int j = j0; j < j1; j++) {
                double v;
                if (norms == null) {
                    v = 1.0 - tile[t + j];
                } else {
                    v = (ni + norms[j]) - 2.0 * tile[t + j];
                    v = v < 0 ? 0.0 : v;
                }
                int c = j - j0;
                if (labels[j] == li) {
                    if (j != i) {
                        if (bpi < 0 || v > bp) {
                            bp = v;
                            bpi = j;
                        }
                        if (!diagonal && (s.colPos[c] < 0 || v > s.colPosKey[c])) {
                            s.colPosKey[c] = v;
                            s.colPos[c] = i;
                        }
                    }
                } else {
                    if (bni < 0 || v < bn) {
                        bn = v;
                        bni = j;
                    }
                    if (!diagonal && (s.colNeg[c] < 0 || v < s.colNegKey[c])) {
                        s.colNegKey[c] = v;
                        s.colNeg[c] = i;
                    }
                }
            }
            best.offerPositive(i, bp, bpi);
            best.offerNegative(i, bn, bni);
        }
        if (!diagonal) {
            for (int j = j0; j < j1; j++) {
                best.offerPositive(j, s.colPosKey[j - j0], s.colPos[j - j0]);
                best.offerNegative(j, s.colNegKey[j - j0], s.colNeg[j - j0]);
            }
        }
    }
}
