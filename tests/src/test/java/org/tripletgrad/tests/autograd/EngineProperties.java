package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.GradMode;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.ShapeArbitraries;
import org.tripletgrad.testkit.TensorArbitraries;

/** Engine behaviour that holds for any values: accumulation, noGrad, detach. */
class EngineProperties {

    private static Var first(Var x) {
        return x.mul(x).softplus().sum();
    }

    private static Var second(Var x) {
        return x.exp().mul(x).mean();
    }

    @Property
    void gradientsAccumulateAcrossBackwardCalls(@ForAll("values") Tensor v) {
        Var alone1 = Var.param(v);
        first(alone1).backward();
        Var alone2 = Var.param(v);
        second(alone2).backward();
        Var both = Var.param(v);
        first(both).backward();
        second(both).backward();

        assertEquals(alone1.grad().add(alone2.grad()), both.grad());
    }

    @Property
    void noGradRecordsNothing(@ForAll("values") Tensor v) {
        Var x = Var.param(v);
        Var y;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            y = second(first(x).add(x).reshape(v.shape().dims()));
        }

        assertFalse(y.requiresGrad());
        assertTrue(y.inputs().isEmpty());
        assertEquals(1, y.graph().size());
        assertNull(x.grad());
    }

    @Property
    void noGradComputesTheSameValues(@ForAll("values") Tensor v) {
        Var recorded = second(Var.param(v));
        Var unrecorded;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            unrecorded = second(Var.param(v));
        }

        assertEquals(recorded.value(), unrecorded.value());
    }

    @Property
    void detachStopsGradients(@ForAll("values") Tensor v) {
        Var x = Var.param(v);
        // y = stop(x^2) * x: only the second factor is differentiated, so dy/dx = x^2
        x.mul(x).detach().mul(x).sum().backward();

        assertArrayEquals(v.mul(v).toArray(), x.grad().toArray(), 0.0);
    }

    @Provide
    Arbitrary<Tensor> values() {
        return TensorArbitraries.tensors(ShapeArbitraries.shapes(0, 3, 1, 4), -3, 3);
    }
}
