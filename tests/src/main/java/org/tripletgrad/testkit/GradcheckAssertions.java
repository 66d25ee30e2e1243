package org.tripletgrad.testkit;

import java.util.List;
import java.util.function.Function;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.check.GradCheck;
import org.tripletgrad.autograd.check.GradCheckReport;
import org.tripletgrad.tensor.Tensor;

/**
 * Assertions that a function's gradients pass {@link GradCheck}, for JUnit and jqwik suites.
 *
 * <pre>{@code
 * @Property
 * void myLossHasTheRightGradient(@ForAll("embeddings") Tensor x) {
 *     GradcheckAssertions.assertGradcheck(v -> myLoss(v.get(0)), x);
 * }
 * }</pre>
 */
public final class GradcheckAssertions {
    private GradcheckAssertions() {
    }

    /**
     * Checks {@code f} at {@code inputs} with {@link GradCheck#defaults()} (every element, eps 1e-6, atol 1e-5,
     * rtol 1e-3).
     *
     * @return the report, when the check passed
     * @throws AssertionError with the report, naming the worst element, when it failed
     */
    public static GradCheckReport assertGradcheck(Function<List<Var>, Var> f, Tensor... inputs) {
        return assertGradcheck(GradCheck.defaults(), f, inputs);
    }

    /**
     * Checks {@code f} at {@code inputs} with {@code check} (for example {@code GradCheck.defaults()
     * .randomDirections(8)} for large inputs).
     *
     * @return the report, when the check passed
     * @throws AssertionError with the report, naming the worst element, when it failed
     */
    public static GradCheckReport assertGradcheck(GradCheck check, Function<List<Var>, Var> f, Tensor... inputs) {
        GradCheckReport report = check.run(f, inputs);
        if (!report.passed()) {
            throw new AssertionError(report.toString());
        }
        return report;
    }
}
