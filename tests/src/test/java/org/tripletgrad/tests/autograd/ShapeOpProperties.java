package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.ShapeArbitraries;
import org.tripletgrad.testkit.TensorArbitraries;

/** Transpose, reshape, unsqueeze and squeeze undo themselves, forward and backward. */
class ShapeOpProperties {

    @Property
    void transposeTwiceIsTheIdentity(@ForAll("transposes") Case c) {
        Tensor twice = c.x().transpose(c.d0(), c.d1()).transpose(c.d0(), c.d1());

        assertEquals(c.x().shape(), twice.shape());
        assertArrayEquals(c.x().toArray(), twice.toArray(), 0.0);
    }

    @Property
    void transposeMovesEachElementToTheSwappedIndex(@ForAll("transposes") Case c) {
        Tensor t = c.x().transpose(c.d0(), c.d1());
        double[] src = c.x().toArray();
        for (int flat = 0; flat < src.length; flat++) {
            int[] idx = c.x().shape().unravel(flat);
            int tmp = idx[c.d0()];
            idx[c.d0()] = idx[c.d1()];
            idx[c.d1()] = tmp;
            assertEquals(src[flat], t.get(idx), 0.0);
        }
    }

    @Property
    void theGradientThroughTwoTransposesIsTheGradientWithout(@ForAll("transposes") Case c) {
        Tensor w = c.x().map(v -> v * v + 1);
        Var x = Var.param(c.x());
        x.transpose(c.d0(), c.d1()).transpose(c.d1(), c.d0()).mul(Var.constant(w)).sum().backward();

        assertArrayEquals(w.toArray(), x.grad().toArray(), 0.0);
    }

    @Property
    void reshapeUnsqueezeAndSqueezeRoundTrip(@ForAll("transposes") Case c) {
        int[] dims = c.x().shape().dims();
        Var x = Var.param(c.x());
        Var y = x.reshape(-1).reshape(dims).unsqueeze(c.d0()).squeeze(c.d0());
        y.mul(y).sum().backward();

        assertEquals(c.x(), y.value());
        assertArrayEquals(c.x().mul(2.0).toArray(), x.grad().toArray(), 0.0);
    }

    // ---------------------------------------------------------------- generators

    record Case(Tensor x, int d0, int d1) {
    }

    @Provide
    Arbitrary<Case> transposes() {
        Arbitrary<Shape> shapes = ShapeArbitraries.shapes(1, 5, 1, 4);
        return TensorArbitraries.tensors(shapes, -5, 5).flatMap(t -> {
            Arbitrary<Integer> dim = Arbitraries.integers().between(0, t.rank() - 1);
            return Combinators.combine(dim, dim).as((a, b) -> new Case(t, a, b));
        });
    }
}
