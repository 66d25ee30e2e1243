package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tripletgrad.autograd.GradMode;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

class SequentialTest {
    @Test
    void parametersArePrefixedWithTheLayerPositionInOrder() {
        SplittableRandom rng = new SplittableRandom(1);
        Linear first = new Linear(4, 3, Init.HE_UNIFORM, rng);
        Linear last = new Linear(3, 2, Init.XAVIER_UNIFORM, rng);
        Sequential model = new Sequential(first, new ReLU(), last, new L2Normalize());

        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(model.parameters().keySet()));
        assertSame(first.weight(), model.parameters().get("0.weight"));
        assertSame(last.bias(), model.parameters().get("2.bias"));
        assertEquals(4 * 3 + 3 + 3 * 2 + 2, model.parameterCount());
    }

    @Test
    void forwardAppliesTheLayersInTurn() {
        SplittableRandom rng = new SplittableRandom(2);
        Linear a = new Linear(3, 5, Init.HE_NORMAL, rng);
        Linear b = new Linear(5, 2, Init.HE_NORMAL, rng);
        Tensor x = Tensor.randn(new SplittableRandom(3), 4, 3);

        Tensor expected = b.apply(a.apply(x).relu());

        assertEquals(expected, new Sequential(a, new ReLU(), b).apply(x));
    }

    @Test
    void applyRunsForwardWithoutRecordingAGraph() {
        boolean[] recording = new boolean[1];
        Module probe = new Module() {
            @Override
            public Var forward(Var x) {
                recording[0] = GradMode.isEnabled();
                return x;
            }

            @Override
            public Map<String, Parameter> parameters() {
                return Map.of();
            }
        };
        probe.apply(Tensor.ones(1, 1));
        assertFalse(recording[0]);
        assertTrue(GradMode.isEnabled(), "grad mode is restored afterwards");
    }

    @Test
    void reluHasNoParametersAndZeroesNegatives() {
        assertEquals(0, new ReLU().parameters().size());
        assertEquals(Tensor.vector(0, 0, 2).reshape(1, 3), new ReLU().apply(Tensor.vector(-1, 0, 2).reshape(1, 3)));
    }
}
