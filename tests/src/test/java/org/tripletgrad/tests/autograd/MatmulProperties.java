package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import net.jqwik.api.Arbitraries;
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
 * matmul, plain and batched with broadcast batch dimensions, against a naive triple loop; and its gradients against
 * the same loops written for G B^T and A^T G. Sums of k products may round differently in another order, so the
 * bound is k ulps of the sum of absolute products.
 */
class MatmulProperties {

    @Property
    void matmulEqualsANaiveTripleLoop(@ForAll("operands") Operands in) {
        Tensor c = in.a().matmul(in.b());

        assertArrayEquals(in.outShape().dims(), c.shape().dims());
        for (int flat = 0; flat < c.numel(); flat++) {
            int[] idx = in.outShape().unravel(flat);
            double[] sum = naiveEntry(in, idx);
            assertEquals(sum[0], c.data()[flat], bound(in.k(), sum[1]), "entry " + Arrays.toString(idx));
        }
    }

    @Property
    void matmulGradientsEqualNaiveLoops(@ForAll("operands") Operands in) {
        Var a = Var.param(in.a());
        Var b = Var.param(in.b());
        a.matmul(b).sum().backward();

        // with G all ones: dA[.., i, k] = sum over batch repeats and j of B[.., k, j], dB likewise with A
        double[] ga = new double[in.a().numel()];
        double[] gb = new double[in.b().numel()];
        Shape out = in.outShape();
        int r = out.rank();
        for (int flat = 0; flat < out.numel(); flat++) {
            int[] idx = out.unravel(flat);
            for (int k = 0; k < in.k(); k++) {
                int ia = flatOf(in.a().shape(), idx, idx[r - 2], k);
                int ib = flatOf(in.b().shape(), idx, k, idx[r - 1]);
                ga[ia] += in.b().data()[ib];
                gb[ib] += in.a().data()[ia];
            }
        }
        assertArrayEquals(ga, a.grad().toArray(), 1e-12);
        assertArrayEquals(gb, b.grad().toArray(), 1e-12);
    }

    /** The entry at {@code idx} and the sum of its products' magnitudes. */
    private static double[] naiveEntry(Operands in, int[] idx) {
        int r = idx.length;
        double s = 0;
        double abs = 0;
        for (int k = 0; k < in.k(); k++) {
            double p = in.a().data()[flatOf(in.a().shape(), idx, idx[r - 2], k)]
                    * in.b().data()[flatOf(in.b().shape(), idx, k, idx[r - 1])];
            s += p;
            abs += Math.abs(p);
        }
        return new double[] {s, abs};
    }

    /** The flat index in an operand of (batch part of {@code outIdx}, row, col), batch dimensions broadcast. */
    private static int flatOf(Shape operand, int[] outIdx, int row, int col) {
        int[] idx = outIdx.clone();
        idx[idx.length - 2] = row;
        idx[idx.length - 1] = col;
        return BroadcastingProperties.operandFlat(idx, operand);
    }

    private static double bound(int k, double absSum) {
        return k * Math.ulp(1.0) * absSum + Double.MIN_NORMAL;
    }

    // ---------------------------------------------------------------- generators

    record Operands(Tensor a, Tensor b, Shape outShape, int k) {
    }

    @Provide
    Arbitrary<Operands> operands() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 6);
        return Combinators.combine(ShapeArbitraries.broadcastablePairs(2, 3), size, size, size)
                .as((p, m, k, n) -> new Dims(p, m, k, n))
                .flatMap(d -> Combinators.combine(TensorArbitraries.tensors(d.a(), -3, 3),
                        TensorArbitraries.tensors(d.b(), -3, 3)).as((a, b) -> new Operands(a, b, d.out(), d.k())));
    }

    private record Dims(BroadcastPair batch, int m, int k, int n) {
        Shape a() {
            return append(batch.left(), m, k);
        }

        Shape b() {
            return append(batch.right(), k, n);
        }

        Shape out() {
            return append(batch.result(), m, n);
        }

        private static Shape append(Shape s, int rows, int cols) {
            int[] dims = Arrays.copyOf(s.dims(), s.rank() + 2);
            dims[s.rank()] = rows;
            dims[s.rank() + 1] = cols;
            return Shape.of(dims);
        }
    }
}
