package org.tripletgrad.cli;

import java.util.List;
import java.util.SplittableRandom;

import org.tripletgrad.autograd.GradMode;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.check.GradcheckCase;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.KinkDistance;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.TripletLoss;

/**
 * The {@link GradcheckCase}s of the triplet losses, one per configuration worth checking on its own, for
 * {@code tripletgrad gradcheck}.
 *
 * <p>Each case checks the loss of a P-K batch (3 classes of 3 rows, dimension 3) with respect to the embeddings.
 * Rows are random directions with norms uniform on [0.5, 1.5); a batch is drawn again, from the same stream, until
 * it is at least {@value #MIN_KINK_DISTANCE} from every tie of the mining and every corner of the loss (see
 * {@link KinkDistance}) and at least one term of the loss is positive, so every check runs where the loss is smooth
 * and has a gradient. The step of 1e-6 moves a distance by less than 1e-5 for such rows, whatever the metric.
 */
final class TripletCases {
    /** The distance from ties and corners a batch must keep. */
    static final double MIN_KINK_DISTANCE = 1e-3;

    private static final Labels LABELS = Labels.of(0, 1, 2, 0, 1, 2, 0, 1, 2);
    private static final int DIM = 3;
    private static final int MAX_DRAWS = 1000;

    private TripletCases() {
    }

    /** The cases, in a stable order. */
    static List<GradcheckCase> all() {
        return List.of(
                of("batchHard", TripletLoss.builder().margin(0.5)),
                of("batchHardSoft", TripletLoss.builder().soft()),
                of("batchHardFused", TripletLoss.builder().margin(0.5).implementation(Implementation.FUSED)),
                of("batchHardSqeuclidean", TripletLoss.builder().margin(0.5).metric(Metric.SQEUCLIDEAN)),
                of("batchHardCosine", TripletLoss.builder().margin(0.2).metric(Metric.COSINE)),
                of("batchAll", TripletLoss.builder().margin(0.5).mining(Mining.BATCH_ALL)),
                of("batchAllFused", TripletLoss.builder().margin(0.5).mining(Mining.BATCH_ALL)
                        .implementation(Implementation.FUSED)));
    }

    private static GradcheckCase of(String name, TripletLoss.Builder builder) {
        TripletLoss loss = builder.build();
        return new GradcheckCase(name, rng -> List.of(smoothBatch(name, loss, rng)),
                x -> loss.apply(x.get(0), LABELS).loss());
    }

    /** The first batch drawn from {@code rng} that keeps clear of the loss's kinks and has a positive loss. */
    private static Tensor smoothBatch(String name, TripletLoss loss, SplittableRandom rng) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Tensor x = rows(rng);
            if (KinkDistance.of(loss, x, LABELS) >= MIN_KINK_DISTANCE && positive(loss, x)) {
                return x;
            }
        }
        throw new IllegalStateException(name + ": no batch of " + MAX_DRAWS + " drawn keeps " + MIN_KINK_DISTANCE
                + " from the loss's kinks");
    }

    private static Tensor rows(SplittableRandom rng) {
        Tensor directions = Tensor.randn(rng, LABELS.size(), DIM);
        Tensor norms = directions.square().sum(1, true).sqrt();
        return directions.div(norms).mul(Tensor.uniform(rng, 0.5, 1.5, LABELS.size(), 1));
    }

    private static boolean positive(TripletLoss loss, Tensor x) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return loss.apply(Var.constant(x), LABELS).value() > 0;
        }
    }
}
