package org.tripletgrad.tensor.kernel;

import static org.tripletgrad.tensor.kernel.VectorPanels.L;
import static org.tripletgrad.tensor.kernel.VectorPanels.MR;
import static org.tripletgrad.tensor.kernel.VectorPanels.NR;
import static org.tripletgrad.tensor.kernel.VectorPanels.S;
import static org.tripletgrad.tensor.kernel.VectorPanels.start;

import jdk.incubator.vector.DoubleVector;

/**
 * The Vector API register tiles: an MR x NR piece of the output held in MR * 3 vector registers while the tile runs
 * over a packed panel of A (MR values per inner index) and of B (NR values per inner index).
 *
 * <p>Per inner index p and tile entry (r, j) the product tile does {@code c = fma(a[r][p], b[p][j], c)} and the
 * squared-difference tile does {@code t = a[r][p] - b[p][j]; c = fma(t, t, c)}: one rounding each, in the same order
 * as the plain-Java loops, since a lanewise fma is Math.fma. The code is written out register by register because
 * the JIT keeps named locals in registers and would not do so for an array of vectors.
 */
final class VectorTiles {
    private VectorTiles() {
    }

    /**
     * Runs one tile: c[co + r ldc + j] for r in [0, MR) and j in [0, NR), over kc inner indices of the panels at
     * pa[ao] and pb[bo].
     *
     * @param accumulate whether each entry starts from its value in c rather than from 0
     * @param squaredDifference whether to add (a - b)^2 rather than a b
     */
    static void run(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co, int ldc, boolean accumulate,
            boolean squaredDifference) {
        if (MR == 8) {
            if (squaredDifference) {
                difference8(kc, pa, ao, pb, bo, c, co, ldc, accumulate);
            } else {
                product8(kc, pa, ao, pb, bo, c, co, ldc, accumulate);
            }
        } else if (squaredDifference) {
            difference4(kc, pa, ao, pb, bo, c, co, ldc, accumulate);
        } else {
            product4(kc, pa, ao, pb, bo, c, co, ldc, accumulate);
        }
    }

    /** The 8-row product tile; see {@link #run}. */
    private static void product8(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co,
            int ldc, boolean acc) {
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        DoubleVector c00 = start(c, co, acc);
        DoubleVector c01 = start(c, co + L, acc);
        DoubleVector c02 = start(c, co + 2 * L, acc);
        DoubleVector c10 = start(c, r1, acc);
        DoubleVector c11 = start(c, r1 + L, acc);
        DoubleVector c12 = start(c, r1 + 2 * L, acc);
        DoubleVector c20 = start(c, r2, acc);
        DoubleVector c21 = start(c, r2 + L, acc);
        DoubleVector c22 = start(c, r2 + 2 * L, acc);
        DoubleVector c30 = start(c, r3, acc);
        DoubleVector c31 = start(c, r3 + L, acc);
        DoubleVector c32 = start(c, r3 + 2 * L, acc);
        DoubleVector c40 = start(c, r4, acc);
        DoubleVector c41 = start(c, r4 + L, acc);
        DoubleVector c42 = start(c, r4 + 2 * L, acc);
        DoubleVector c50 = start(c, r5, acc);
        DoubleVector c51 = start(c, r5 + L, acc);
        DoubleVector c52 = start(c, r5 + 2 * L, acc);
        DoubleVector c60 = start(c, r6, acc);
        DoubleVector c61 = start(c, r6 + L, acc);
        DoubleVector c62 = start(c, r6 + 2 * L, acc);
        DoubleVector c70 = start(c, r7, acc);
        DoubleVector c71 = start(c, r7 + L, acc);
        DoubleVector c72 = start(c, r7 + 2 * L, acc);
        for (int p = 0; p < kc; p++, ao += 8, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, pb, bo + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, pa[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, pa[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, pa[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, pa[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
            x = DoubleVector.broadcast(S, pa[ao + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            c42 = x.fma(b2, c42);
            x = DoubleVector.broadcast(S, pa[ao + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            c52 = x.fma(b2, c52);
            x = DoubleVector.broadcast(S, pa[ao + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            c62 = x.fma(b2, c62);
            x = DoubleVector.broadcast(S, pa[ao + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            c72 = x.fma(b2, c72);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c62.intoArray(c, r6 + 2 * L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
        c72.intoArray(c, r7 + 2 * L);
    }

    /** The 8-row squared-difference tile; see {@link #run}. */
    private static void difference8(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co,
            int ldc, boolean acc) {
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        int r5 = r4 + ldc;
        int r6 = r5 + ldc;
        int r7 = r6 + ldc;
        DoubleVector c00 = start(c, co, acc);
        DoubleVector c01 = start(c, co + L, acc);
        DoubleVector c02 = start(c, co + 2 * L, acc);
        DoubleVector c10 = start(c, r1, acc);
        DoubleVector c11 = start(c, r1 + L, acc);
        DoubleVector c12 = start(c, r1 + 2 * L, acc);
        DoubleVector c20 = start(c, r2, acc);
        DoubleVector c21 = start(c, r2 + L, acc);
        DoubleVector c22 = start(c, r2 + 2 * L, acc);
        DoubleVector c30 = start(c, r3, acc);
        DoubleVector c31 = start(c, r3 + L, acc);
        DoubleVector c32 = start(c, r3 + 2 * L, acc);
        DoubleVector c40 = start(c, r4, acc);
        DoubleVector c41 = start(c, r4 + L, acc);
        DoubleVector c42 = start(c, r4 + 2 * L, acc);
        DoubleVector c50 = start(c, r5, acc);
        DoubleVector c51 = start(c, r5 + L, acc);
        DoubleVector c52 = start(c, r5 + 2 * L, acc);
        DoubleVector c60 = start(c, r6, acc);
        DoubleVector c61 = start(c, r6 + L, acc);
        DoubleVector c62 = start(c, r6 + 2 * L, acc);
        DoubleVector c70 = start(c, r7, acc);
        DoubleVector c71 = start(c, r7 + L, acc);
        DoubleVector c72 = start(c, r7 + 2 * L, acc);
        for (int p = 0; p < kc; p++, ao += 8, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, pb, bo + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, pa[ao]);
            DoubleVector t = x.sub(b0);
            c00 = t.fma(t, c00);
            t = x.sub(b1);
            c01 = t.fma(t, c01);
            t = x.sub(b2);
            c02 = t.fma(t, c02);
            x = DoubleVector.broadcast(S, pa[ao + 1]);
            t = x.sub(b0);
            c10 = t.fma(t, c10);
            t = x.sub(b1);
            c11 = t.fma(t, c11);
            t = x.sub(b2);
            c12 = t.fma(t, c12);
            x = DoubleVector.broadcast(S, pa[ao + 2]);
            t = x.sub(b0);
            c20 = t.fma(t, c20);
            t = x.sub(b1);
            c21 = t.fma(t, c21);
            t = x.sub(b2);
            c22 = t.fma(t, c22);
            x = DoubleVector.broadcast(S, pa[ao + 3]);
            t = x.sub(b0);
            c30 = t.fma(t, c30);
            t = x.sub(b1);
            c31 = t.fma(t, c31);
            t = x.sub(b2);
            c32 = t.fma(t, c32);
            x = DoubleVector.broadcast(S, pa[ao + 4]);
            t = x.sub(b0);
            c40 = t.fma(t, c40);
            t = x.sub(b1);
            c41 = t.fma(t, c41);
            t = x.sub(b2);
            c42 = t.fma(t, c42);
            x = DoubleVector.broadcast(S, pa[ao + 5]);
            t = x.sub(b0);
            c50 = t.fma(t, c50);
            t = x.sub(b1);
            c51 = t.fma(t, c51);
            t = x.sub(b2);
            c52 = t.fma(t, c52);
            x = DoubleVector.broadcast(S, pa[ao + 6]);
            t = x.sub(b0);
            c60 = t.fma(t, c60);
            t = x.sub(b1);
            c61 = t.fma(t, c61);
            t = x.sub(b2);
            c62 = t.fma(t, c62);
            x = DoubleVector.broadcast(S, pa[ao + 7]);
            t = x.sub(b0);
            c70 = t.fma(t, c70);
            t = x.sub(b1);
            c71 = t.fma(t, c71);
            t = x.sub(b2);
            c72 = t.fma(t, c72);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
        c42.intoArray(c, r4 + 2 * L);
        c50.intoArray(c, r5);
        c51.intoArray(c, r5 + L);
        c52.intoArray(c, r5 + 2 * L);
        c60.intoArray(c, r6);
        c61.intoArray(c, r6 + L);
        c62.intoArray(c, r6 + 2 * L);
        c70.intoArray(c, r7);
        c71.intoArray(c, r7 + L);
        c72.intoArray(c, r7 + 2 * L);
    }

    /** The 4-row product tile; see {@link #run}. */
    private static void product4(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co,
            int ldc, boolean acc) {
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        DoubleVector c00 = start(c, co, acc);
        DoubleVector c01 = start(c, co + L, acc);
        DoubleVector c02 = start(c, co + 2 * L, acc);
        DoubleVector c10 = start(c, r1, acc);
        DoubleVector c11 = start(c, r1 + L, acc);
        DoubleVector c12 = start(c, r1 + 2 * L, acc);
        DoubleVector c20 = start(c, r2, acc);
        DoubleVector c21 = start(c, r2 + L, acc);
        DoubleVector c22 = start(c, r2 + 2 * L, acc);
        DoubleVector c30 = start(c, r3, acc);
        DoubleVector c31 = start(c, r3 + L, acc);
        DoubleVector c32 = start(c, r3 + 2 * L, acc);
        for (int p = 0; p < kc; p++, ao += 4, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, pb, bo + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, pa[ao]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, pa[ao + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, pa[ao + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, pa[ao + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
    }

    /** The 4-row squared-difference tile; see {@link #run}. */
    private static void difference4(int kc, double[] pa, int ao, double[] pb, int bo, double[] c, int co,
            int ldc, boolean acc) {
        int r1 = co + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        DoubleVector c00 = start(c, co, acc);
        DoubleVector c01 = start(c, co + L, acc);
        DoubleVector c02 = start(c, co + 2 * L, acc);
        DoubleVector c10 = start(c, r1, acc);
        DoubleVector c11 = start(c, r1 + L, acc);
        DoubleVector c12 = start(c, r1 + 2 * L, acc);
        DoubleVector c20 = start(c, r2, acc);
        DoubleVector c21 = start(c, r2 + L, acc);
        DoubleVector c22 = start(c, r2 + 2 * L, acc);
        DoubleVector c30 = start(c, r3, acc);
        DoubleVector c31 = start(c, r3 + L, acc);
        DoubleVector c32 = start(c, r3 + 2 * L, acc);
        for (int p = 0; p < kc; p++, ao += 4, bo += NR) {
            DoubleVector b0 = DoubleVector.fromArray(S, pb, bo);
            DoubleVector b1 = DoubleVector.fromArray(S, pb, bo + L);
            DoubleVector b2 = DoubleVector.fromArray(S, pb, bo + 2 * L);
            DoubleVector x = DoubleVector.broadcast(S, pa[ao]);
            DoubleVector t = x.sub(b0);
            c00 = t.fma(t, c00);
            t = x.sub(b1);
            c01 = t.fma(t, c01);
            t = x.sub(b2);
            c02 = t.fma(t, c02);
            x = DoubleVector.broadcast(S, pa[ao + 1]);
            t = x.sub(b0);
            c10 = t.fma(t, c10);
            t = x.sub(b1);
            c11 = t.fma(t, c11);
            t = x.sub(b2);
            c12 = t.fma(t, c12);
            x = DoubleVector.broadcast(S, pa[ao + 2]);
            t = x.sub(b0);
            c20 = t.fma(t, c20);
            t = x.sub(b1);
            c21 = t.fma(t, c21);
            t = x.sub(b2);
            c22 = t.fma(t, c22);
            x = DoubleVector.broadcast(S, pa[ao + 3]);
            t = x.sub(b0);
            c30 = t.fma(t, c30);
            t = x.sub(b1);
            c31 = t.fma(t, c31);
            t = x.sub(b2);
            c32 = t.fma(t, c32);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + L);
        c02.intoArray(c, co + 2 * L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c12.intoArray(c, r1 + 2 * L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c22.intoArray(c, r2 + 2 * L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c32.intoArray(c, r3 + 2 * L);
    }
}
