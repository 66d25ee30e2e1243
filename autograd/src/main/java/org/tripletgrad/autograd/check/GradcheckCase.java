package org.tripletgrad.autograd.check;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;

/**
 * A named function to gradcheck together with a way to draw inputs for it, as the {@code tripletgrad gradcheck}
 * command runs them.
 *
 * @param name the name shown in the table and accepted by {@code --op}
 * @param inputs draws the inputs from a random stream; they must keep the function smooth within the
 *     finite-difference step (away from kinks, ties and the edges of its domain)
 * @param function the function under test, one {@link Var} per input
 */
public record GradcheckCase(String name, Function<SplittableRandom, List<Tensor>> inputs,
        Function<List<Var>, Var> function) {

    /** Checks that no part is null. */
    public GradcheckCase {
        Objects.requireNonNull(name, "gradcheck case: name");
        Objects.requireNonNull(inputs, () -> "gradcheck case " + name + ": inputs");
        Objects.requireNonNull(function, () -> "gradcheck case " + name + ": function");
    }

    /** Draws inputs from {@code rng} and checks the function at them with {@code check}. */
    public GradCheckReport run(GradCheck check, SplittableRandom rng) {
        return check.run(function, inputs.apply(rng));
    }
}
