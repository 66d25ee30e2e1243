package org.tripletgrad.triplet;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/** The triplet loss built from autograd ops over the full distance matrix; see {@link TripletLoss}. */
final class ComposedTripletLoss {
    private ComposedTripletLoss() {
    }

    static LossResult apply(TripletLoss cfg, Var distances, Labels labels, double meanNorm) {
        HardestTriplets hardest = BatchHardMiner.mine(distances.value(), labels);
        return cfg.mining() == Mining.BATCH_HARD
                ? batchHard(cfg, distances, hardest, meanNorm)
                : batchAll(cfg, distances, labels, hardest, meanNorm);
    }

    private static LossResult batchHard(TripletLoss cfg, Var d, HardestTriplets hardest, double meanNorm) {
        int n = hardest.size();
        int[] anchors = hardest.validAnchors();
        double[] anchorTerms = new double[n];
        Var loss;
        long positive = 0;
        if (anchors.length == 0) {
            loss = zero(d);
        } else {
            double[] pIdx = new double[anchors.length];
            double[] nIdx = new double[anchors.length];
            for (int k = 0; k < anchors.length; k++) {
                pIdx[k] = hardest.positive(anchors[k]);
                nIdx[k] = hardest.negative(anchors[k]);
            }
            Var rows = d.indexSelect(0, anchors);
            Var dap = rows.gather(1, Tensor.wrap(pIdx, anchors.length, 1));
            Var dan = rows.gather(1, Tensor.wrap(nIdx, anchors.length, 1));
            Var terms = cfg.term(dap.sub(dan)).reshape(anchors.length);
            double[] t = terms.value().data();
            for (int k = 0; k < anchors.length; k++) {
                anchorTerms[anchors[k]] = t[k];
                positive += t[k] > 0 ? 1 : 0;
            }
            loss = terms.sum().div(cfg.reduction().divisor(anchors.length, positive));
        }
        BatchMetrics metrics = BatchMetrics.of(hardest, anchors.length, positive, meanNorm);
        return new LossResult(loss, Mining.BATCH_HARD, hardest, hardest::triplets, anchorTerms, metrics, d);
    }

    /** Every (a, p, n) at once: gap[a][p][n] = d[a][p] - d[a][n], invalid triplets filled with 0. */
    private static LossResult batchAll(TripletLoss cfg, Var d, Labels labels, HardestTriplets hardest,
            double meanNorm) {
        Tensor valid = labels.positiveMask().unsqueeze(2).mul(labels.negativeMask().unsqueeze(1));
        Var gap = d.unsqueeze(2).sub(d.unsqueeze(1));
        Var terms = cfg.term(gap).maskedFill(valid.not(), 0.0);
        long count = Math.round(valid.sumAll());
        long positive = Math.round(terms.value().gt(0.0).sumAll());
        Var loss = count == 0 ? zero(d) : terms.sum().div(cfg.reduction().divisor(count, positive));
        double[] anchorTerms = terms.value().sum(2, false).sum(1, false).toArray();
        BatchMetrics metrics = BatchMetrics.of(hardest, count, positive, meanNorm);
        return new LossResult(loss, Mining.BATCH_ALL, hardest, labels::validTriplets, anchorTerms, metrics, d);
    }

    /** Exactly 0, with a gradient of exactly 0 for every input. */
    private static Var zero(Var d) {
        return d.maskedFill(Tensor.ones(d.shape().dims()), 0.0).sum();
    }
}
