package org.tripletgrad.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import org.apache.commons.math3.analysis.differentiation.DerivativeStructure;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.testkit.TensorArbitraries;

/**
 * A second oracle: Commons Math's {@link DerivativeStructure} (forward mode, exact up to rounding) against reverse
 * mode on random scalar expressions built from the ops. Both compute the same derivative by different routes, so
 * they must agree to rounding, far tighter than finite differences can.
 *
 * <p>The variables are the elements of one vector; reverse mode reads them with {@code indexSelect} and adds the
 * final one-element result up with {@code sum}, so those two ops are on every path. Domains are kept by
 * construction: log and sqrt see {@code u^2 + 1/2}, a denominator is {@code v^2 + 1/2}. relu at 0 and ties in
 * max are allowed: both routes use the same conventions (derivative 0 at 0, the second operand on ties).
 */
class ForwardModeOracleProperties {
    private static final int VARIABLES = 3;
    private static final int MAX_DEPTH = 4;
    /** Relative agreement demanded (against a derivative of at least 1 in magnitude); float64 rounds at 1.1e-16. */
    private static final double REL = 1e-12;

    @Property
    void reverseModeAgreesWithForwardModeOnRandomExpressions(@ForAll("expressions") Expr e,
            @ForAll("points") Tensor x) {
        Var v = Var.param(x);
        Var out = e.reverse(v).sum();
        if (out.requiresGrad()) {
            out.backward();
        }
        Tensor grad = v.grad() != null ? v.grad() : Tensor.zeros(VARIABLES);
        DerivativeStructure[] vars = new DerivativeStructure[VARIABLES];
        for (int i = 0; i < VARIABLES; i++) {
            vars[i] = new DerivativeStructure(VARIABLES, 1, i, x.get(i));
        }
        DerivativeStructure f = e.forward(vars);
        Assume.that(Double.isFinite(f.getValue()) && Math.abs(f.getValue()) < 1e12);

        assertEquals(f.getValue(), out.item(), REL * Math.max(1, Math.abs(f.getValue())), e.toString());
        for (int i = 0; i < VARIABLES; i++) {
            int[] orders = new int[VARIABLES];
            orders[i] = 1;
            double fwd = f.getPartialDerivative(orders);
            assertEquals(fwd, grad.get(i), REL * Math.max(1, Math.abs(fwd)), "d/dx" + i + " of " + e);
        }
    }

    // ---------------------------------------------------------------- expressions

    /** A scalar expression over the variables, evaluable by both routes. */
    interface Expr {
        /** Reverse mode: a one-element Var built from the ops. */
        Var reverse(Var x);

        /** Forward mode. */
        DerivativeStructure forward(DerivativeStructure[] x);
    }

    record Variable(int index) implements Expr {
        public Var reverse(Var x) {
            return x.indexSelect(0, index);
        }

        public DerivativeStructure forward(DerivativeStructure[] x) {
            return x[index];
        }

        @Override
        public String toString() {
            return "x" + index;
        }
    }

    record Constant(double c) implements Expr {
        public Var reverse(Var x) {
            return Var.constant(Tensor.vector(c));
        }

        public DerivativeStructure forward(DerivativeStructure[] x) {
            return new DerivativeStructure(VARIABLES, 1, c);
        }

        @Override
        public String toString() {
            return Double.toString(c);
        }
    }

    enum UnaryOp { NEG, EXP, LOG, SQRT, MASKED_SQRT, SOFTPLUS, RELU, SQUARE }

    record Unary(UnaryOp op, Expr a) implements Expr {
        public Var reverse(Var x) {
            Var u = a.reverse(x);
            return switch (op) {
                case NEG -> u.neg();
                case EXP -> u.exp();
                case LOG -> u.mul(u).add(0.5).log();
                case SQRT -> u.mul(u).add(0.5).sqrt();
                case MASKED_SQRT -> u.mul(u).add(0.5).maskedSqrt();
                case SOFTPLUS -> u.softplus();
                case RELU -> u.relu();
                case SQUARE -> u.square();
            };
        }

        public DerivativeStructure forward(DerivativeStructure[] x) {
            DerivativeStructure u = a.forward(x);
            return switch (op) {
                case NEG -> u.negate();
                case EXP -> u.exp();
                case LOG -> u.multiply(u).add(0.5).log();
                case SQRT, MASKED_SQRT -> u.multiply(u).add(0.5).sqrt();
                case SOFTPLUS -> softplus(u);
                case RELU -> u.getValue() > 0 ? u : u.multiply(0.0);
                case SQUARE -> u.multiply(u);
            };
        }

        /**
         * u + log(1 + e^-u) for u &gt; 0, else log(1 + e^u): each branch is smooth, so the derivative is right at 0
         * too (the form max(u, 0) + log(1 + e^-|u|) has two kinks at 0 that cancel in value but not in forward mode).
         */
        private static DerivativeStructure softplus(DerivativeStructure u) {
            return u.getValue() > 0 ? u.add(u.negate().exp().log1p()) : u.exp().log1p();
        }

        @Override
        public String toString() {
            return op.name().toLowerCase() + "(" + a + ")";
        }
    }

    enum BinaryOp { ADD, SUB, MUL, DIV, MAX }

    record Binary(BinaryOp op, Expr a, Expr b) implements Expr {
        public Var reverse(Var x) {
            Var u = a.reverse(x);
            Var w = b.reverse(x);
            return switch (op) {
                case ADD -> u.add(w);
                case SUB -> u.sub(w);
                case MUL -> u.mul(w);
                case DIV -> u.div(w.mul(w).add(0.5));
                case MAX -> Var.where(u.value().gt(w.value()), u, w);
            };
        }

        public DerivativeStructure forward(DerivativeStructure[] x) {
            DerivativeStructure u = a.forward(x);
            DerivativeStructure w = b.forward(x);
            return switch (op) {
                case ADD -> u.add(w);
                case SUB -> u.subtract(w);
                case MUL -> u.multiply(w);
                case DIV -> u.divide(w.multiply(w).add(0.5));
                case MAX -> u.getValue() > w.getValue() ? u : w;
            };
        }

        @Override
        public String toString() {
            return op.name().toLowerCase() + "(" + a + ", " + b + ")";
        }
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Expr> expressions() {
        return expression(MAX_DEPTH);
    }

    private static Arbitrary<Expr> expression(int depth) {
        Arbitrary<Expr> leaf = Arbitraries.oneOf(
                Arbitraries.integers().between(0, VARIABLES - 1).map(Variable::new),
                Arbitraries.doubles().between(-2, 2).ofScale(3).map(Constant::new));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Expr> sub = Arbitraries.lazy(() -> expression(depth - 1));
        Arbitrary<Expr> unary = Combinators.combine(Arbitraries.of(UnaryOp.class), sub).as(Unary::new);
        Arbitrary<Expr> binary = Combinators.combine(Arbitraries.of(BinaryOp.class), sub, sub).as(Binary::new);
        return Arbitraries.frequencyOf(Tuple.of(1, leaf), Tuple.of(2, unary), Tuple.of(3, binary));
    }

    @Provide
    Arbitrary<Tensor> points() {
        return TensorArbitraries.tensors(Shape.of(VARIABLES), -2, 2);
    }
}
