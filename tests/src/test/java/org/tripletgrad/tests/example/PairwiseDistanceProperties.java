package org.tripletgrad.tests.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.tripletgrad.testkit.GradcheckAssertions.assertGradcheck;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.LabelArbitraries;
import org.tripletgrad.testkit.PkLabels;
import org.tripletgrad.testkit.ShapeArbitraries;
import org.tripletgrad.testkit.TensorArbitraries;

/** The testkit example of the README, compiled and run here so that it stays correct. */
class PairwiseDistanceProperties {

    /** Mean Euclidean distance between all pairs of rows; maskedSqrt keeps the zero diagonal harmless. */
    static Var meanDistance(Var e) {
        Var diff = e.unsqueeze(1).sub(e.unsqueeze(0));
        return diff.square().sum(2, false).maskedSqrt().mean();
    }

    @Property
    void meanDistanceHasTheRightGradient(@ForAll("embeddings") Tensor x) {
        assertGradcheck(v -> meanDistance(v.get(0)), x);
    }

    @Property
    void everySampleHasKMinusOnePositives(@ForAll("batches") PkLabels batch) {
        int[] y = batch.labels();
        for (int i = 0; i < y.length; i++) {
            int positives = 0;
            for (int j = 0; j < y.length; j++) {
                positives += i != j && y[i] == y[j] ? 1 : 0;
            }
            assertEquals(batch.k() - 1, positives);
        }
    }

    /** 2 to 6 embeddings of dimension 2 to 4, coordinates pairwise 0.01 apart so that no two points coincide. */
    @Provide
    Arbitrary<Tensor> embeddings() {
        return ShapeArbitraries.shapes(2, 2, 2, 6)
                .flatMap(s -> TensorArbitraries.withDistinctValues(s, -1, 1, 0.01));
    }

    /** 2 to 4 classes with 2 or 3 samples each, shuffled. */
    @Provide
    Arbitrary<PkLabels> batches() {
        return LabelArbitraries.pkLabels(2, 4, 2, 3);
    }
}
