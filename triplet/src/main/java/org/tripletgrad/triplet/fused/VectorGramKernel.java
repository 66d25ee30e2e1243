package org.tripletgrad.triplet.fused;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Gram tile on the Vector API: a register block of four rows by two vectors of columns, each lane doing the
 * same fused multiply-adds in the same order as {@link GramKernel#dot}, so its entries equal the scalar ones bit for
 * bit.
 */
final class VectorGramKernel implements GramKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int W = 2 * L;

    @Override
    public int width() {
        return W;
    }

    @Override
    public void multiply(double[] rows, int d, int i0, int i1, double[] panel, int s0, int strips, double[] out,
            int ldo) {
        for (int s = 0; s < strips; s++) {
            int base = (s0 + s) * d * W;
            int col = s * W;
            int i = i0;
            for (; i + 4 <= i1; i += 4) {
                four(rows, d, i, panel, base, out, (i - i0) * ldo + col, ldo);
            }
            for (; i < i1; i++) {
                one(rows, d, i, panel, base, out, (i - i0) * ldo + col);
            }
        }
    }

    private static void four(double[] x, int d, int i, double[] panel, int base, double[] out, int o, int ldo) {
        DoubleVector c00 = DoubleVector.zero(S);
        DoubleVector c01 = c00;
        DoubleVector c10 = c00;
        DoubleVector c11 = c00;
        DoubleVector c20 = c00;
        DoubleVector c21 = c00;
        DoubleVector c30 = c00;
        DoubleVector c31 = c00;
        int r0 = i * d;
        int r1 = r0 + d;
        int r2 = r1 + d;
        int r3 = r2 + d;
        for (int k = 0, p = base; k < d; k++, p += W) {
            DoubleVector b0 = DoubleVector.fromArray(S, panel, p);
            DoubleVector b1 = DoubleVector.fromArray(S, panel, p + L);
            DoubleVector a = DoubleVector.broadcast(S, x[r0 + k]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = DoubleVector.broadcast(S, x[r1 + k]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = DoubleVector.broadcast(S, x[r2 + k]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = DoubleVector.broadcast(S, x[r3 + k]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(out, o);
        c01.intoArray(out, o + L);
        c10.intoArray(out, o + ldo);
        c11.intoArray(out, o + ldo + L);
        c20.intoArray(out, o + 2 * ldo);
        c21.intoArray(out, o + 2 * ldo + L);
        c30.intoArray(out, o + 3 * ldo);
        c31.intoArray(out, o + 3 * ldo + L);
    }

    private static void one(double[] x, int d, int i, double[] panel, int base, double[] out, int o) {
        DoubleVector c0 = DoubleVector.zero(S);
        DoubleVector c1 = c0;
        int r = i * d;
        for (int k = 0, p = base; k < d; k++, p += W) {
            DoubleVector a = DoubleVector.broadcast(S, x[r + k]);
            c0 = a.fma(DoubleVector.fromArray(S, panel, p), c0);
            c1 = a.fma(DoubleVector.fromArray(S, panel, p + L), c1);
        }
        c0.intoArray(out, o);
        c1.intoArray(out, o + L);
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
