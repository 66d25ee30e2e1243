package org.tripletgrad.triplet.eval;

import java.util.LinkedHashMap;
import java.util.Map;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.kernel.Kernels;
import org.tripletgrad.tensor.kernel.MatMulKernel;

/**
 * Retrieval metrics of an embedding over a whole set: every item is a query ranked against all other items.
 *
 * <p>For N items with embeddings x_i and labels y_i, the other items are ranked by squared Euclidean distance
 * |x_i|^2 + |x_j|^2 - 2 x_i . x_j (clamped at 0; the same order as the distance), ties broken by the lower index.
 * The positives of query i are the other items of class y_i. Then
 * <ul>
 *   <li>precision@1: the fraction of queries whose first-ranked item is a positive (leave-one-out nearest
 *       neighbour);
 *   <li>recall@k, k in {@link #RECALL_KS}: the fraction of queries with a positive among the first k;
 *   <li>mAP: the mean over queries of the average precision, AP = (1/m) sum over the m positives of
 *       (positives ranked at or before it) / (its rank).
 * </ul>
 * Items whose class has no other item have no positive and are left out as queries (they still serve as the
 * negatives of others); {@link RetrievalMetrics#excluded()} counts them.
 *
 * <p>Cost: the distances come from matrix products of blocks of 64 queries with column panels of the transposed
 * embedding (about 512 KiB each, so a panel stays in cache while a block is multiplied), through the shared
 * {@link Kernels#matmul()} kernel: 2 N^2 D flops. The ranking sorts only each query's positives and places the
 * negatives among them by binary search. Blocks are shared among {@code threads} workers; every query's figures
 * depend only on its own block and are summed in query order, so the result is the same bit for bit whatever the
 * number of threads. Memory: the transposed embedding (N D doubles) and 64 N doubles per worker.
 */
public final class RetrievalEvaluator {
    /** The k of recall@k. */
    public static final int[] RECALL_KS = {1, 2, 4, 8};

    private static final int BLOCK = 64;

    private RetrievalEvaluator() {
    }

    /** The metrics with one worker per available processor. */
    public static RetrievalMetrics evaluate(Tensor embeddings, int[] labels) {
        return evaluate(embeddings, labels, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The metrics of {@code embeddings} (N x D) with {@code labels} (N), computed by {@code threads} workers.
     *
     * @throws IllegalArgumentException when the embedding is not 2-D, the label count differs from N, N &lt; 2, an
     *     embedding value is NaN or infinite, threads &lt; 1, or no item has another of its class
     */
    public static RetrievalMetrics evaluate(Tensor embeddings, int[] labels, int threads) {
        double[] x = checked(embeddings, labels, threads);
        int n = embeddings.dim(0);
        int d = embeddings.dim(1);
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[i * d + k] * x[i * d + k];
            }
            sq[i] = s;
        }
        int width = panelWidth(d);
        double[][] panels = transposedPanels(x, n, d, width);

        int[] firstRank = new int[n];
        double[] ap = new double[n];
        MatMulKernel kernel = Kernels.matmul();
        int blocks = (n + BLOCK - 1) / BLOCK;
        BlockRunner.run(blocks, threads, () -> new Worker(n, d, width), (w, b) -> {
            int r0 = b * BLOCK;
            int rows = Math.min(BLOCK, n - r0);
            System.arraycopy(x, r0 * d, w.queries, 0, rows * d);
            for (int p = 0; p < panels.length; p++) {
                int c0 = p * width;
                int cols = Math.min(width, n - c0);
                kernel.multiply(w.queries, panels[p], w.tile, rows, d, cols);
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(w.tile, r * cols, w.dots, r * n + c0, cols);
                }
            }
            for (int r = 0; r < rows; r++) {
                int i = r0 + r;
                int at = r * n;
                for (int j = 0; j < n; j++) {
                    w.dots[at + j] = Math.max(0.0, sq[i] + sq[j] - 2 * w.dots[at + j]);
                }
                w.ranking.rank(w.dots, at, labels, i);
                firstRank[i] = w.ranking.positives() == 0 ? -1 : w.ranking.negativesBeforeFirst() + 1;
                ap[i] = w.ranking.averagePrecision();
            }
        });
        return summarise(firstRank, ap);
    }

    /** Columns per panel: a panel of D x width doubles stays within about 512 KiB, a typical L2 cache. */
    private static int panelWidth(int d) {
        return Math.max(64, (65536 / d) / 64 * 64);
    }

    /** The transpose of x (D x N) cut into column panels of the given width, each dense and row-major. */
    private static double[][] transposedPanels(double[] x, int n, int d, int width) {
        double[][] panels = new double[(n + width - 1) / width][];
        for (int p = 0; p < panels.length; p++) {
            int c0 = p * width;
            int cols = Math.min(width, n - c0);
            double[] panel = new double[d * cols];
            for (int c = 0; c < cols; c++) {
                for (int k = 0; k < d; k++) {
                    panel[k * cols + c] = x[(c0 + c) * d + k];
                }
            }
            panels[p] = panel;
        }
        return panels;
    }

    private static RetrievalMetrics summarise(int[] firstRank, double[] ap) {
        int queries = 0;
        double apSum = 0;
        int[] hits = new int[RECALL_KS.length];
        for (int i = 0; i < firstRank.length; i++) {
            if (firstRank[i] < 0) {
                continue;
            }
            queries++;
            apSum += ap[i];
            for (int k = 0; k < RECALL_KS.length; k++) {
                hits[k] += firstRank[i] <= RECALL_KS[k] ? 1 : 0;
            }
        }
        if (queries == 0) {
            throw new IllegalArgumentException("retrieval: no item has another item of its class, so no query has"
                    + " a positive");
        }
        Map<Integer, Double> recall = new LinkedHashMap<>();
        for (int k = 0; k < RECALL_KS.length; k++) {
            recall.put(RECALL_KS[k], (double) hits[k] / queries);
        }
        return new RetrievalMetrics(recall.get(1), recall, apSum / queries, queries, firstRank.length - queries);
    }

    private static double[] checked(Tensor embeddings, int[] labels, int threads) {
        if (embeddings.rank() != 2) {
            throw new IllegalArgumentException("retrieval: expected an N x D embedding, got shape "
                    + embeddings.shape());
        }
        int n = embeddings.dim(0);
        if (labels.length != n) {
            throw new IllegalArgumentException("retrieval: expected " + n + " labels for embedding "
                    + embeddings.shape() + ", got " + labels.length);
        }
        if (n < 2) {
            throw new IllegalArgumentException("retrieval: expected at least 2 items, got " + n);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("retrieval: expected at least 1 thread, got " + threads);
        }
        double[] x = embeddings.data();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new IllegalArgumentException("retrieval: embedding row " + i / embeddings.dim(1)
                        + " holds " + x[i] + ", expected finite values");
            }
        }
        return x;
    }

    /** One worker's scratch space. */
    private static final class Worker {
        final double[] queries;
        final double[] tile;
        final double[] dots;
        final QueryRanking ranking;

        Worker(int n, int d, int width) {
            queries = new double[BLOCK * d];
            tile = new double[BLOCK * width];
            dots = new double[BLOCK * n];
            ranking = new QueryRanking(n);
        }
    }
}
