package org.tripletgrad.tests.autograd;

import static org.tripletgrad.testkit.GradcheckAssertions.assertGradcheck;
import static org.tripletgrad.testkit.TensorArbitraries.awayFrom;
import static org.tripletgrad.testkit.TensorArbitraries.tensors;

import java.util.List;

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
 * For every op of {@code Var}: the gradient from backward agrees with central finite differences (gradcheck with
 * PyTorch's tolerances) on random shapes, broadcasting included, with inputs kept away from the op's kinks. Outputs
 * that are not scalars are checked through gradcheck's random weighted sum.
 */
class OpGradientProperties {
    private static final int MAX_RANK = 3;
    private static final int MAX_SIZE = 3;

    @Property
    void addAgreesWithGradcheck(@ForAll("broadcastOperands") List<Tensor> in) {
        assertGradcheck(x -> x.get(0).add(x.get(1)), in.get(0), in.get(1));
    }

    @Property
    void subAgreesWithGradcheck(@ForAll("broadcastOperands") List<Tensor> in) {
        assertGradcheck(x -> x.get(0).sub(x.get(1)), in.get(0), in.get(1));
    }

    @Property
    void mulAgreesWithGradcheck(@ForAll("broadcastOperands") List<Tensor> in) {
        assertGradcheck(x -> x.get(0).mul(x.get(1)), in.get(0), in.get(1));
    }

    @Property
    void divAgreesWithGradcheck(@ForAll("divisionOperands") List<Tensor> in) {
        assertGradcheck(x -> x.get(0).div(x.get(1)), in.get(0), in.get(1));
    }

    @Property
    void negAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).neg(), in);
    }

    @Property
    void squareAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).square(), in);
    }

    @Property
    void scalarArithmeticAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).add(1.5).mul(-2.0).sub(0.5).div(3.0), in);
    }

    @Property
    void matmulAgreesWithGradcheck(@ForAll("matmulOperands") List<Tensor> in) {
        assertGradcheck(x -> x.get(0).matmul(x.get(1)), in.get(0), in.get(1));
    }

    @Property
    void transposeAgreesWithGradcheck(@ForAll("transposeCases") TransposeCase c) {
        assertGradcheck(x -> x.get(0).transpose(c.d0(), c.d1()), c.x());
    }

    @Property
    void diagonalAgreesWithGradcheck(@ForAll("matrices") Tensor in) {
        assertGradcheck(x -> x.get(0).diagonal(), in);
    }

    @Property
    void unsqueezeAgreesWithGradcheck(@ForAll("values") Tensor in, @ForAll("fractions") double where) {
        int dim = (int) (where * (in.rank() + 1));
        assertGradcheck(x -> x.get(0).unsqueeze(dim), in);
    }

    @Property
    void squeezeAgreesWithGradcheck(@ForAll("values") Tensor in, @ForAll("fractions") double where) {
        int dim = (int) (where * (in.rank() + 1));
        Tensor withOne = in.unsqueeze(dim);
        assertGradcheck(x -> x.get(0).squeeze(dim), withOne);
    }

    @Property
    void expandAgreesWithGradcheck(@ForAll("broadcastPairs") BroadcastPair p, @ForAll("fractions") double seed) {
        Tensor in = Tensor.full(seed, p.left().dims()).add(Tensor.arange(p.left().numel()).reshape(p.left().dims()));
        assertGradcheck(x -> x.get(0).expand(p.result().dims()), in);
    }

    @Property
    void reshapeAgreesWithGradcheck(@ForAll("values") Tensor in) {
        int[] reversed = in.shape().dims();
        for (int i = 0; i < reversed.length / 2; i++) {
            int t = reversed[i];
            reversed[i] = reversed[reversed.length - 1 - i];
            reversed[reversed.length - 1 - i] = t;
        }
        assertGradcheck(x -> x.get(0).reshape(reversed), in);
    }

    @Property
    void sumAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).sum(), in);
    }

    @Property
    void sumOverADimAgreesWithGradcheck(@ForAll("nonScalarValues") Tensor in, @ForAll("fractions") double where,
            @ForAll boolean keepDim) {
        int dim = (int) (where * in.rank());
        assertGradcheck(x -> x.get(0).sum(dim, keepDim), in);
    }

    @Property
    void meanAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).mean(), in);
    }

    @Property
    void meanOverADimAgreesWithGradcheck(@ForAll("nonScalarValues") Tensor in, @ForAll("fractions") double where,
            @ForAll boolean keepDim) {
        int dim = (int) (where * in.rank());
        assertGradcheck(x -> x.get(0).mean(dim, keepDim), in);
    }

    @Property
    void maxOverADimAgreesWithGradcheck(@ForAll("distinctValues") Tensor in, @ForAll("fractions") double where,
            @ForAll boolean keepDim) {
        int dim = (int) (where * in.rank());
        assertGradcheck(x -> x.get(0).max(dim, keepDim), in);
    }

    @Property
    void minOverADimAgreesWithGradcheck(@ForAll("distinctValues") Tensor in, @ForAll("fractions") double where,
            @ForAll boolean keepDim) {
        int dim = (int) (where * in.rank());
        assertGradcheck(x -> x.get(0).min(dim, keepDim), in);
    }

    @Property
    void reluAgreesWithGradcheck(@ForAll("awayFromZero") Tensor in) {
        assertGradcheck(x -> x.get(0).relu(), in);
    }

    @Property
    void clampMinAgreesWithGradcheck(@ForAll("awayFromZero") Tensor in) {
        assertGradcheck(x -> x.get(0).clampMin(0.0), in);
    }

    @Property
    void sqrtAgreesWithGradcheck(@ForAll("positive") Tensor in) {
        assertGradcheck(x -> x.get(0).sqrt(), in);
    }

    @Property
    void maskedSqrtAgreesWithGradcheck(@ForAll("positive") Tensor in) {
        assertGradcheck(x -> x.get(0).maskedSqrt(), in);
    }

    @Property
    void expAgreesWithGradcheck(@ForAll("values") Tensor in) {
        assertGradcheck(x -> x.get(0).exp(), in);
    }

    @Property
    void logAgreesWithGradcheck(@ForAll("positive") Tensor in) {
        assertGradcheck(x -> x.get(0).log(), in);
    }

    @Property
    void softplusAgreesWithGradcheck(@ForAll("wideValues") Tensor in) {
        assertGradcheck(x -> x.get(0).softplus(), in);
    }

    @Property
    void whereAgreesWithGradcheck(@ForAll("whereCases") WhereCase c) {
        assertGradcheck(x -> Var.where(c.mask(), x.get(0), x.get(1)), c.a(), c.b());
    }

    @Property
    void maskedFillAgreesWithGradcheck(@ForAll("maskedFillCases") WhereCase c) {
        assertGradcheck(x -> x.get(0).maskedFill(c.mask(), 7.0), c.a());
    }

    @Property
    void indexSelectAgreesWithGradcheck(@ForAll("indexSelectCases") IndexCase c) {
        int[] idx = c.index().toArrayInts();
        assertGradcheck(x -> x.get(0).indexSelect(c.dim(), idx), c.x());
    }

    @Property
    void gatherAgreesWithGradcheck(@ForAll("gatherCases") IndexCase c) {
        assertGradcheck(x -> x.get(0).gather(c.dim(), c.index().tensor()), c.x());
    }

    // ---------------------------------------------------------------- generators

    record TransposeCase(Tensor x, int d0, int d1) {
    }

    record WhereCase(Tensor mask, Tensor a, Tensor b) {
    }

    /** An index for indexSelect (a vector) or gather (a tensor of the input's rank). */
    record Index(Tensor tensor) {
        int[] toArrayInts() {
            return java.util.Arrays.stream(tensor.toArray()).mapToInt(v -> (int) v).toArray();
        }
    }

    record IndexCase(Tensor x, int dim, Index index) {
    }

    private static Arbitrary<Shape> shapes() {
        return ShapeArbitraries.shapes(0, MAX_RANK, 1, MAX_SIZE);
    }

    private static Arbitrary<Shape> nonScalarShapes() {
        return ShapeArbitraries.shapes(1, MAX_RANK, 1, MAX_SIZE);
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
    }

    @Provide
    Arbitrary<Tensor> values() {
        return tensors(shapes(), -2, 2);
    }

    @Provide
    Arbitrary<Tensor> nonScalarValues() {
        return tensors(nonScalarShapes(), -2, 2);
    }

    @Provide
    Arbitrary<Tensor> wideValues() {
        return tensors(shapes(), -30, 30);
    }

    @Provide
    Arbitrary<Tensor> positive() {
        return tensors(shapes(), 0.2, 4);
    }

    @Provide
    Arbitrary<Tensor> awayFromZero() {
        return shapes().flatMap(s -> awayFrom(s, -2, 2, 1e-3, 0.0));
    }

    @Provide
    Arbitrary<Tensor> distinctValues() {
        return nonScalarShapes().flatMap(s -> TensorArbitraries.withDistinctValues(s, -3, 3, 1e-3));
    }

    @Provide
    Arbitrary<Tensor> matrices() {
        return tensors(ShapeArbitraries.shapes(2, 2, 1, 4), -2, 2);
    }

    @Provide
    Arbitrary<BroadcastPair> broadcastPairs() {
        return ShapeArbitraries.broadcastablePairs(MAX_RANK, MAX_SIZE);
    }

    @Provide
    Arbitrary<List<Tensor>> broadcastOperands() {
        return broadcastPairs().flatMap(p -> Combinators.combine(tensors(p.left(), -2, 2), tensors(p.right(), -2, 2))
                .as(List::of));
    }

    @Provide
    Arbitrary<List<Tensor>> divisionOperands() {
        return broadcastPairs().flatMap(p -> Combinators.combine(tensors(p.left(), -2, 2),
                awayFrom(p.right(), -2, 2, 0.5, 0.0)).as(List::of));
    }

    /** [batchA..., m, k] x [batchB..., k, n] with broadcasting batch dimensions (none for plain 2-D). */
    @Provide
    Arbitrary<List<Tensor>> matmulOperands() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 4);
        return Combinators.combine(ShapeArbitraries.broadcastablePairs(2, 2), size, size, size).as((p, m, k, n) ->
                List.of(withMatrix(p.left(), m, k), withMatrix(p.right(), k, n)))
                .flatMap(s -> Combinators.combine(tensors(s.get(0), -2, 2), tensors(s.get(1), -2, 2)).as(List::of));
    }

    private static Shape withMatrix(Shape batch, int rows, int cols) {
        int[] dims = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
        dims[batch.rank()] = rows;
        dims[batch.rank() + 1] = cols;
        return Shape.of(dims);
    }

    @Provide
    Arbitrary<TransposeCase> transposeCases() {
        return tensors(ShapeArbitraries.shapes(2, 4, 1, MAX_SIZE), -2, 2).flatMap(t -> {
            Arbitrary<Integer> dim = Arbitraries.integers().between(0, t.rank() - 1);
            return Combinators.combine(dim, dim).as((a, b) -> new TransposeCase(t, a, b));
        });
    }

    @Provide
    Arbitrary<WhereCase> whereCases() {
        return broadcastPairs().flatMap(p -> Combinators.combine(TensorArbitraries.masks(p.result()),
                tensors(p.left(), -2, 2), tensors(p.right(), -2, 2)).as(WhereCase::new));
    }

    /** A tensor of the pair's result shape and a mask of its left shape, which broadcasts to it. */
    @Provide
    Arbitrary<WhereCase> maskedFillCases() {
        return broadcastPairs().flatMap(p -> Combinators.combine(TensorArbitraries.masks(p.left()),
                tensors(p.result(), -2, 2)).as((m, a) -> new WhereCase(m, a, a)));
    }

    @Provide
    Arbitrary<IndexCase> indexSelectCases() {
        return nonScalarValues().flatMap(t -> Arbitraries.integers().between(0, t.rank() - 1).flatMap(dim ->
                Arbitraries.integers().between(0, t.dim(dim) - 1).list().ofMinSize(1).ofMaxSize(4)
                        .map(ix -> new IndexCase(t, dim, new Index(Tensor.vector(
                                ix.stream().mapToDouble(Integer::doubleValue).toArray()))))));
    }

    /** An index of the input's rank, no larger than the input except along {@code dim}, values below its size. */
    @Provide
    Arbitrary<IndexCase> gatherCases() {
        return nonScalarValues().flatMap(t -> Arbitraries.integers().between(0, t.rank() - 1).flatMap(dim -> {
            int[] dims = t.shape().dims();
            Arbitrary<Integer> alongDim = Arbitraries.integers().between(1, 4);
            return alongDim.flatMap(len -> {
                int[] idims = dims.clone();
                idims[dim] = len;
                return Arbitraries.integers().between(0, dims[dim] - 1).list().ofSize(Shape.of(idims).numel())
                        .map(v -> new IndexCase(t, dim, new Index(Tensor.wrap(
                                v.stream().mapToDouble(Integer::doubleValue).toArray(), idims))));
            });
        }));
    }
}
