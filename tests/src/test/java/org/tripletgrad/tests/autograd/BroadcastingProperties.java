package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleBinaryOperator;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.BroadcastPair;
import org.tripletgrad.testkit.ShapeArbitraries;
import org.tripletgrad.testkit.TensorArbitraries;

/**
 * Broadcasting equals explicit expansion: forward against a loop that maps every output index to each operand's
 * index by hand, and backward against the same loop accumulating the gradient, and against the graph that expands
 * both operands first.
 */
class BroadcastingProperties {

    @Property
    void elementwiseOpsEqualALoopOverTheExpandedIndex(@ForAll("operands") Operands in) {
        BroadcastPair p = in.pair();
        assertLoopEquals(p, in.a().add(in.b()), in, Double::sum);
        assertLoopEquals(p, in.a().sub(in.b()), in, (x, y) -> x - y);
        assertLoopEquals(p, in.a().mul(in.b()), in, (x, y) -> x * y);
        assertLoopEquals(p, in.a().div(in.b()), in, (x, y) -> x / y);
    }

    @Property
    void theGradientOfABroadcastProductIsTheSumOverTheRepeatedPositions(@ForAll("operands") Operands in,
            @ForAll("weights") Tensor weightsFull) {
        BroadcastPair p = in.pair();
        Tensor w = weightsFull.narrow(0, 0, p.result().numel()).reshape(p.result().dims());
        Var a = Var.param(in.a());
        Var b = Var.param(in.b());
        a.mul(b).mul(Var.constant(w)).sum().backward();

        double[] ga = new double[p.left().numel()];
        double[] gb = new double[p.right().numel()];
        double[] ad = in.a().toArray();
        double[] bd = in.b().toArray();
        double[] wd = w.toArray();
        for (int flat = 0; flat < p.result().numel(); flat++) {
            int[] idx = p.result().unravel(flat);
            int ia = operandFlat(idx, p.left());
            int ib = operandFlat(idx, p.right());
            ga[ia] += wd[flat] * bd[ib];
            gb[ib] += wd[flat] * ad[ia];
        }
        assertArrayEquals(ga, a.grad().toArray(), 1e-12);
        assertArrayEquals(gb, b.grad().toArray(), 1e-12);
    }

    @Property
    void broadcastingGivesTheSameValuesAndGradientsAsExpandingFirst(@ForAll("operands") Operands in) {
        int[] out = in.pair().result().dims();
        Var a = Var.param(in.a());
        Var b = Var.param(in.b());
        Var implicit = a.mul(b).exp();
        implicit.sum().backward();
        Var a2 = Var.param(in.a());
        Var b2 = Var.param(in.b());
        Var explicit = a2.expand(out).mul(b2.expand(out)).exp();
        explicit.sum().backward();

        assertEquals(explicit.value(), implicit.value());
        assertArrayEquals(a2.grad().toArray(), a.grad().toArray(), 1e-12);
        assertArrayEquals(b2.grad().toArray(), b.grad().toArray(), 1e-12);
    }

    private static void assertLoopEquals(BroadcastPair p, Tensor actual, Operands in, DoubleBinaryOperator f) {
        assertArrayEquals(p.result().dims(), actual.shape().dims());
        double[] ad = in.a().toArray();
        double[] bd = in.b().toArray();
        double[] got = actual.toArray();
        for (int flat = 0; flat < got.length; flat++) {
            int[] idx = p.result().unravel(flat);
            double expected = f.applyAsDouble(ad[operandFlat(idx, p.left())], bd[operandFlat(idx, p.right())]);
            assertEquals(expected, got[flat], 0.0);
        }
    }

    /** The flat index in an operand of an output index: trailing dimensions aligned, size-1 dimensions repeated. */
    static int operandFlat(int[] outIndex, Shape operand) {
        int lead = outIndex.length - operand.rank();
        int flat = 0;
        for (int d = 0; d < operand.rank(); d++) {
            int i = operand.dim(d) == 1 ? 0 : outIndex[lead + d];
            flat = flat * operand.dim(d) + i;
        }
        return flat;
    }

    // ---------------------------------------------------------------- generators

    record Operands(BroadcastPair pair, Tensor a, Tensor b) {
    }

    @Provide
    Arbitrary<Operands> operands() {
        return ShapeArbitraries.broadcastablePairs(4, 3).flatMap(p -> Combinators.combine(
                TensorArbitraries.tensors(p.left(), -2, 2),
                TensorArbitraries.awayFrom(p.right(), -2, 2, 0.25, 0.0)).as((a, b) -> new Operands(p, a, b)));
    }

    /** Enough weights for the largest result (4 dimensions of size 3). */
    @Provide
    Arbitrary<Tensor> weights() {
        return TensorArbitraries.tensors(Shape.of(81), -1, 1);
    }
}
