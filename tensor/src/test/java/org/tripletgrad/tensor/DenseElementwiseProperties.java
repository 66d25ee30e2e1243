package org.tripletgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Same-shape dense arithmetic goes through the kernels; it must equal the general broadcasting loop exactly. */
class DenseElementwiseProperties {
    @Property(tries = 40)
    void sameShapeArithmeticEqualsTheBroadcastingLoop(@ForAll @IntRange(min = 1, max = 9) int rows,
            @ForAll @IntRange(min = 1, max = 40) int cols, @ForAll long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        Tensor a = Tensor.randn(rng, rows, cols);
        Tensor b = Tensor.randn(rng, rows, cols);
        assertArrayEquals(Tensor.zip(a, b, "add", (x, y) -> x + y).toArray(), a.add(b).toArray());
        assertArrayEquals(Tensor.zip(a, b, "sub", (x, y) -> x - y).toArray(), a.sub(b).toArray());
        assertArrayEquals(Tensor.zip(a, b, "mul", (x, y) -> x * y).toArray(), a.mul(b).toArray());
        Tensor strided = b.t().contiguous().t();
        assertArrayEquals(a.add(b).toArray(), a.add(strided).toArray());
    }
}
