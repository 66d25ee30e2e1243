package org.tripletgrad.triplet.fused;

import java.util.Arrays;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API form of {@link BlockMiner}'s tile scan: the same keys, the same strict comparisons in the same
 * order within each lane, so the same hardest positives and negatives, bit for bit. Indices ride in double lanes
 * (exact below 2^53). Each lane keeps the lowest index among its equal best keys, and the lanes are combined by key
 * and then lowest index.
 */
final class VectorTileScan {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector IOTA = DoubleVector.fromArray(S, iota(), 0);

    private VectorTileScan() {
    }

    private static double[] iota() {
        double[] a = new double[L];
        for (int i = 0; i < L; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Scratch for one thread: the column side's running best within a tile, keys and indices, BLOCK + L long. */
    static final class Columns {
        final double[] posKey = new double[BlockMiner.BLOCK + L];
        final double[] pos = new double[BlockMiner.BLOCK + L];
        final double[] negKey = new double[BlockMiner.BLOCK + L];
        final double[] neg = new double[BlockMiner.BLOCK + L];
        final double[] lanes = new double[L];
        final double[] laneIdx = new double[L];
    }

    /**
     * Scans one tile: rows i0..i1 against columns j0..j1, updating {@code best} for the rows and, off the diagonal,
     * for the columns.
     *
     * @param norms dot(x, x) per row, padded by L zeros; null for the cosine key
     * @param labels the labels as doubles, padded by L entries
     */
    static void scan(double[] tile, int ldt, int i0, int i1, int j0, int j1, boolean diagonal, double[] norms,
            double[] labels, BlockMiner.Best best, Columns col) {
        int width = j1 - j0;
        Arrays.fill(col.posKey, Double.NEGATIVE_INFINITY);
        Arrays.fill(col.pos, -1);
        Arrays.fill(col.negKey, Double.POSITIVE_INFINITY);
        Arrays.fill(col.neg, -1);
        DoubleVector negInf = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        DoubleVector posInf = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
        DoubleVector minusOne = DoubleVector.broadcast(S, -1);
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = i0; i < i1; i++) {
            double li = labels[i];
            DoubleVector ni = DoubleVector.broadcast(S, norms == null ? 0 : norms[i]);
            DoubleVector rpKey = negInf;
            DoubleVector rp = minusOne;
            DoubleVector rnKey = posInf;
            DoubleVector rn = minusOne;
            int t = (i - i0) * ldt;
            for (int c = 0; c < width; c += L) {
                DoubleVector g = DoubleVector.fromArray(S, tile, t + c);
                DoubleVector v;
                if (norms == null) {
                    v = DoubleVector.broadcast(S, 1.0).sub(g);
                } else {
                    v = ni.add(DoubleVector.fromArray(S, norms, j0 + c)).sub(g.mul(2.0));
                    v = v.blend(zero, v.lt(zero));
                }
                DoubleVector idx = IOTA.add(j0 + c);
                VectorMask<Double> inside = IOTA.lt(width - c);
                VectorMask<Double> same = DoubleVector.fromArray(S, labels, j0 + c).eq(li).and(inside);
                VectorMask<Double> pos = same.and(idx.eq(i).not());
                VectorMask<Double> neg = same.not().and(inside);

                VectorMask<Double> up = pos.and(v.compare(VectorOperators.GT, rpKey).or(rp.lt(0)));
                rpKey = rpKey.blend(v, up);
                rp = rp.blend(idx, up);
                VectorMask<Double> down = neg.and(v.compare(VectorOperators.LT, rnKey).or(rn.lt(0)));
                rnKey = rnKey.blend(v, down);
                rn = rn.blend(idx, down);
                if (!diagonal) {
                    columns(col, c, v, i, pos, neg);
                }
            }
            offer(best, i, rpKey, rp, true, col);
            offer(best, i, rnKey, rn, false, col);
        }
        if (!diagonal) {
            for (int c = 0; c < width; c++) {
                best.offerPositive(j0 + c, col.posKey[c], (int) col.pos[c]);
                best.offerNegative(j0 + c, col.negKey[c], (int) col.neg[c]);
            }
        }
    }

    private static void columns(Columns col, int c, DoubleVector v, int i, VectorMask<Double> pos,
            VectorMask<Double> neg) {
        DoubleVector row = DoubleVector.broadcast(S, i);
        DoubleVector pk = DoubleVector.fromArray(S, col.posKey, c);
        DoubleVector pi = DoubleVector.fromArray(S, col.pos, c);
        VectorMask<Double> up = pos.and(v.compare(VectorOperators.GT, pk).or(pi.lt(0)));
        pk.blend(v, up).intoArray(col.posKey, c);
        pi.blend(row, up).intoArray(col.pos, c);
        DoubleVector nk = DoubleVector.fromArray(S, col.negKey, c);
        DoubleVector nn = DoubleVector.fromArray(S, col.neg, c);
        VectorMask<Double> down = neg.and(v.compare(VectorOperators.LT, nk).or(nn.lt(0)));
        nk.blend(v, down).intoArray(col.negKey, c);
        nn.blend(row, down).intoArray(col.neg, c);
    }

    /** Offers each lane's best to {@code best}; its total order picks the same winner as a sequential scan. */
    private static void offer(BlockMiner.Best best, int a, DoubleVector key, DoubleVector idx, boolean positive,
            Columns col) {
        key.intoArray(col.lanes, 0);
        idx.intoArray(col.laneIdx, 0);
        for (int k = 0; k < L; k++) {
            int j = (int) col.laneIdx[k];
            if (positive) {
                best.offerPositive(a, col.lanes[k], j);
            } else {
                best.offerNegative(a, col.lanes[k], j);
            }
        }
    }
}
