package org.tripletgrad.tensor.kernel;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The blocking and packing around the Vector API register tiles: it computes c[i][j] = sum over p of
 * a[i][p] b[p][j] (matmul) or of (a[i][p] - b[p][j])^2 (squared distances) for an m x k matrix a and a k x n
 * operand b, with the tiles of {@link VectorTiles}.
 *
 * <p>B is packed once per call into panels of {@link #NR} columns, each panel k x NR and contiguous, zero past the
 * last column; b may be given k x n (matmul) or n x k (the rows of a second point set). The output is cut by
 * {@link OutputSplit}; within a block, for each run of {@link #KC} inner indices the block's rows of A are packed
 * into panels of {@link #MR} rows, zero past the last row, and a tile runs over every MR x NR piece of the block.
 * Pieces that stick out past the last row or column are computed in a scratch tile and copied back, so the tiles
 * never check bounds. The packed panels live in per-thread {@link Scratch} arrays that later calls reuse.
 *
 * <p>The tile starts each entry from 0 (first run of inner indices) or from the value in c (later runs) and adds
 * the terms in order of p, so how the inner range is cut, where a piece falls and which thread runs it do not change
 * the result.
 */
final class VectorPanels {
    /**
     * The system property that narrows the vectors to this many bits (64, 128 or 256; wider than the platform's
     * widest is ignored): for tuning, and for testing the narrow-vector tile on a wide machine.
     */
    static final String BITS_PROPERTY = "tripletgrad.vector.bits";
    /** The vector shape: the platform's widest unless narrowed by {@value #BITS_PROPERTY}. */
    static final VectorSpecies<Double> S = species();
    /** Lanes per vector. */
    static final int L = S.length();
    /** Rows of a register tile: 8 where the vectors are wide enough that 24 accumulators fit 32 registers. */
    static final int MR = L >= 8 ? 8 : 4;
    /** Columns of a register tile: three vectors. */
    static final int NR = 3 * L;
    /** Inner indices per packed block: an MR x KC panel of A and a KC x NR panel of B stay in the L1/L2 caches. */
    static final int KC = 256;
    /** The fewest and the most rows per output block, the unit of work handed to a thread. */
    static final int MIN_MC = 64;
    static final int MAX_MC = 256;

    /** Packed B, owned by the calling thread for the length of a call and filled by the whole pool. */
    private static final Scratch PACKED_B = new Scratch();
    /** Packed A and the edge tile, owned by the thread computing an output block. */
    private static final Scratch PACKED_A = new Scratch();
    private static final Scratch EDGE_TILE = new Scratch();

    private VectorPanels() {
    }

    private static VectorSpecies<Double> species() {
        VectorSpecies<Double> widest = DoubleVector.SPECIES_PREFERRED;
        Integer bits = Integer.getInteger(BITS_PROPERTY);
        if (bits == null || bits >= widest.vectorBitSize()) {
            return widest;
        }
        return VectorSpecies.of(double.class, VectorShape.forBitSize(bits));
    }

    /**
     * Fills c (m x n) from a (m x k) and b, which is k x n, or n x k when {@code bRows} is true; m, n and k are
     * positive.
     *
     * @param squaredDifference whether to sum (a - b)^2 rather than a b
     */
    static void run(double[] a, double[] b, boolean bRows, double[] c, int m, int k, int n,
            boolean squaredDifference) {
        KernelPool pool = Kernels.poolFor((long) m * n * k);
        int panels = OutputSplit.ceilDiv(n, NR);
        double[] pb = PACKED_B.get(panels * k * NR);
        pool.forEach(panels, q -> {
            if (bRows) {
                packRowsB(b, k, n, q, pb);
            } else {
                packB(b, k, n, q, pb);
            }
        });
        OutputSplit split = OutputSplit.of(m, n, rowsPerBlock(n), NR, pool.threads());
        pool.forEach(split.parts(), part -> block(a, pb, c, k, n,
                split.rowStart(part), split.rowEnd(part), split.colStart(part), split.colEnd(part), squaredDifference));
    }

    /**
     * Rows per output block for n columns: n / 8, rounded down to a multiple of MR, within [MIN_MC, MAX_MC]. A block
     * reads a KC x n slice of packed B for each run of inner indices; once the slice outgrows the L2 cache, more rows
     * per block mean fewer passes over it (at n = 2048, 256 rows gave 10% more than 64 in one thread).
     */
    static int rowsPerBlock(int n) {
        return Math.max(MIN_MC, Math.min(MAX_MC, n / 8 / MR * MR));
    }

    /**
     * Copies columns [q NR, (q + 1) NR) of b (k x n) into panel q of pb: k rows of NR values, zero past column n
     * (those lanes feed only entries that are never copied out; zero keeps them cheap).
     */
    private static void packB(double[] b, int k, int n, int q, double[] pb) {
        int j0 = q * NR;
        int width = Math.min(NR, n - j0);
        int dst = q * k * NR;
        for (int p = 0; p < k; p++, dst += NR) {
            System.arraycopy(b, p * n + j0, pb, dst, width);
            if (width < NR) {
                Arrays.fill(pb, dst + width, dst + NR, 0.0);
            }
        }
    }

    /** Copies rows [q NR, (q + 1) NR) of b (n x k), transposed, into panel q of pb: k rows of NR values. */
    private static void packRowsB(double[] b, int k, int n, int q, double[] pb) {
        int j0 = q * NR;
        int width = Math.min(NR, n - j0);
        int base = q * k * NR;
        for (int j = 0; j < NR; j++) {
            int src = (j0 + j) * k;
            for (int p = 0, dst = base + j; p < k; p++, dst += NR) {
                pb[dst] = j < width ? b[src + p] : 0.0;
            }
        }
    }

    /** Copies rows [i0, i1) and inner indices [p0, p0 + kc) of a into panels of MR rows, zero past row i1. */
    private static void packA(double[] a, int k, int i0, int i1, int p0, int kc, double[] pa) {
        for (int i = i0; i < i1; i += MR) {
            int base = ((i - i0) / MR) * kc * MR;
            int rows = Math.min(MR, i1 - i);
            for (int r = 0; r < MR; r++) {
                int dst = base + r;
                if (r < rows) {
                    int src = (i + r) * k + p0;
                    for (int p = 0; p < kc; p++, dst += MR) {
                        pa[dst] = a[src + p];
                    }
                } else {
                    for (int p = 0; p < kc; p++, dst += MR) {
                        pa[dst] = 0.0;
                    }
                }
            }
        }
    }

    /** Computes rows [i0, i1) and columns [j0, j1) of c; j0 is a multiple of NR. */
    private static void block(double[] a, double[] pb, double[] c, int k, int n, int i0, int i1, int j0, int j1,
            boolean squaredDifference) {
        double[] pa = PACKED_A.get(OutputSplit.ceilDiv(i1 - i0, MR) * MR * Math.min(KC, k));
        double[] scratch = EDGE_TILE.get(MR * NR);
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(KC, k - p0);
            boolean accumulate = p0 > 0;
            packA(a, k, i0, i1, p0, kc, pa);
            for (int j = j0; j < j1; j += NR) {
                int cols = Math.min(NR, j1 - j);
                int bo = ((j / NR) * k + p0) * NR;
                for (int i = i0; i < i1; i += MR) {
                    int rows = Math.min(MR, i1 - i);
                    int ao = ((i - i0) / MR) * kc * MR;
                    if (rows == MR && cols == NR) {
                        VectorTiles.run(kc, pa, ao, pb, bo, c, i * n + j, n, accumulate, squaredDifference);
                    } else {
                        if (accumulate) {
                            copy(c, i * n + j, n, scratch, 0, NR, rows, cols);
                        }
                        VectorTiles.run(kc, pa, ao, pb, bo, scratch, 0, NR, accumulate, squaredDifference);
                        copy(scratch, 0, NR, c, i * n + j, n, rows, cols);
                    }
                }
            }
        }
    }

    private static void copy(double[] src, int s0, int ls, double[] dst, int d0, int ld, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, s0 + r * ls, dst, d0 + r * ld, cols);
        }
    }

    /** The start of an accumulator: the stored value or zero. */
    static DoubleVector start(double[] c, int offset, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(S, c, offset) : DoubleVector.zero(S);
    }
}
