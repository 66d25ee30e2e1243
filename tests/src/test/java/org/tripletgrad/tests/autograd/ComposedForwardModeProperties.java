package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.TensorArbitraries;

/**
 * Forward mode ({@link DerivativeStructure}) against reverse mode on a handful of functions composed of tensor ops,
 * written twice: once with the ops, once as plain loops over forward-mode scalars. Every input element is a
 * forward-mode variable, so each comparison covers the whole gradient.
 */
class ComposedForwardModeProperties {
    private static final double REL = 1e-12;

    /** sum(softplus(W x + b)): matmul, broadcast add, softplus, sum. */
    @Property
    void denseLayerWithSoftplus(@ForAll("dense") List<Tensor> in) {
        check(in, v -> v.get(0).matmul(v.get(1)).add(v.get(2)).softplus().sum(), d -> {
            DerivativeStructure total = d.constant(0);
            for (int i = 0; i < 3; i++) {
                DerivativeStructure z = d.at(2, i);
                for (int k = 0; k < 4; k++) {
                    z = z.add(d.at(0, i * 4 + k).multiply(d.at(1, k)));
                }
                total = total.add(softplus(z));
            }
            return total;
        });
    }

    /** mean(maskedSqrt(sum((a_i - b_j)^2))) over all pairs: unsqueeze, broadcast sub, square, sum(dim), mean. */
    @Property
    void meanPairwiseDistance(@ForAll("pairs") List<Tensor> in) {
        check(in, v -> v.get(0).unsqueeze(1).sub(v.get(1).unsqueeze(0)).square().sum(2, false).maskedSqrt().mean(),
                d -> {
                    DerivativeStructure total = d.constant(0);
                    for (int i = 0; i < 3; i++) {
                        for (int j = 0; j < 4; j++) {
                            DerivativeStructure s = d.constant(0);
                            for (int c = 0; c < 2; c++) {
                                DerivativeStructure diff = d.at(0, i * 2 + c).subtract(d.at(1, j * 2 + c));
                                s = s.add(diff.multiply(diff));
                            }
                            total = total.add(s.sqrt());
                        }
                    }
                    return total.divide(12);
                });
    }

    /** sum over rows of max + log(sum(exp(x - max))): max(dim), broadcast sub, exp, sum(dim), log. */
    @Property
    void logSumExpShiftedByTheRowMaximum(@ForAll("rows") List<Tensor> in) {
        check(in, v -> {
            Var x = v.get(0);
            Var m = x.max(1, true);
            return x.sub(m).exp().sum(1, true).log().add(m).sum();
        }, d -> {
            DerivativeStructure total = d.constant(0);
            for (int r = 0; r < 2; r++) {
                DerivativeStructure best = d.at(0, r * 4);
                for (int j = 1; j < 4; j++) {
                    if (d.at(0, r * 4 + j).getValue() > best.getValue()) {
                        best = d.at(0, r * 4 + j);
                    }
                }
                DerivativeStructure s = d.constant(0);
                for (int j = 0; j < 4; j++) {
                    s = s.add(d.at(0, r * 4 + j).subtract(best).exp());
                }
                total = total.add(s.log().add(best));
            }
            return total;
        });
    }

    /**
     * Squared distances from a Gram matrix, then one picked entry per row: matmul with a transpose, diagonal,
     * broadcast add, sqrt, gather, indexSelect, min(dim).
     */
    @Property
    void distancesFromTheGramMatrix(@ForAll("points") List<Tensor> in) {
        int[][] pick = {{2}, {0}, {1}};
        Tensor index = Tensor.matrix(new double[][] {{2}, {0}, {1}});
        check(in, v -> {
            Var a = v.get(0);
            Var gram = a.matmul(a.transpose(0, 1));
            Var sq = gram.diagonal();
            Var dist2 = sq.unsqueeze(1).add(sq.unsqueeze(0)).sub(gram.mul(2.0));
            Var picked = dist2.add(1.0).sqrt().gather(1, index);
            return picked.indexSelect(0, 2, 0).min(0, false).sum().add(picked.sum());
        }, d -> {
            DerivativeStructure[] picked = new DerivativeStructure[3];
            for (int i = 0; i < 3; i++) {
                int j = pick[i][0];
                DerivativeStructure s = d.constant(1);
                for (int c = 0; c < 2; c++) {
                    DerivativeStructure diff = d.at(0, i * 2 + c).subtract(d.at(0, j * 2 + c));
                    s = s.add(diff.multiply(diff));
                }
                picked[i] = s.sqrt();
            }
            DerivativeStructure low = picked[0].getValue() < picked[2].getValue() ? picked[0] : picked[2];
            return low.add(picked[0]).add(picked[1]).add(picked[2]);
        });
    }

    // ---------------------------------------------------------------- checking

    /** The inputs' elements as forward-mode variables, numbered input after input in row-major order. */
    private static final class Inputs {
        private final List<Tensor> tensors;
        private final int count;

        Inputs(List<Tensor> tensors) {
            this.tensors = tensors;
            this.count = tensors.stream().mapToInt(Tensor::numel).sum();
        }

        DerivativeStructure at(int input, int flat) {
            int offset = 0;
            for (int i = 0; i < input; i++) {
                offset += tensors.get(i).numel();
            }
            return new DerivativeStructure(count, 1, offset + flat, tensors.get(input).data()[flat]);
        }

        DerivativeStructure constant(double c) {
            return new DerivativeStructure(count, 1, c);
        }
    }

    private static void check(List<Tensor> in, Function<List<Var>, Var> reverse,
            Function<Inputs, DerivativeStructure> forward) {
        List<Var> params = in.stream().map(Var::param).toList();
        Var out = reverse.apply(params);
        out.backward();
        Inputs vars = new Inputs(in);
        DerivativeStructure f = forward.apply(vars);

        assertEquals(f.getValue(), out.item(), REL * Math.max(1, Math.abs(f.getValue())), "value");
        int variable = 0;
        for (int i = 0; i < in.size(); i++) {
            double[] grad = params.get(i).grad().data();
            for (int j = 0; j < grad.length; j++, variable++) {
                int[] orders = new int[vars.count];
                orders[variable] = 1;
                double fwd = f.getPartialDerivative(orders);
                assertEquals(fwd, grad[j], REL * Math.max(1, Math.abs(fwd)), "input " + i + " element " + j);
            }
        }
    }

    private static DerivativeStructure softplus(DerivativeStructure u) {
        return u.getValue() > 0 ? u.add(u.negate().exp().log1p()) : u.exp().log1p();
    }

    // ---------------------------------------------------------------- generators

    private static Arbitrary<Tensor> values(int... dims) {
        return TensorArbitraries.tensors(Shape.of(dims), -2, 2);
    }

    @Provide
    Arbitrary<List<Tensor>> dense() {
        return Combinators.combine(values(3, 4), values(4, 1), values(3, 1)).as(List::of);
    }

    /** Points kept apart, so that no distance is 0 (where maskedSqrt's derivative is 0 by convention). */
    @Provide
    Arbitrary<List<Tensor>> pairs() {
        return TensorArbitraries.withDistinctValues(Shape.of(7, 2), -3, 3, 0.01)
                .map(t -> List.of(t.narrow(0, 0, 3).contiguous(), t.narrow(0, 3, 4).contiguous()));
    }

    @Provide
    Arbitrary<List<Tensor>> rows() {
        return values(2, 4).map(List::of);
    }

    @Provide
    Arbitrary<List<Tensor>> points() {
        return TensorArbitraries.withDistinctValues(Shape.of(3, 2), -2, 2, 0.01).map(List::of);
    }
}
