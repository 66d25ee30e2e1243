package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.tripletgrad.tensor.Shape;

/** IDX files of random type, shape and content, plain or gzip'd, read back the first items asked for, exactly. */
class IdxProperties {
    @Property(tries = 60)
    void readsTheFirstItemsOfAnyFileExactly(@ForAll("types") int type, @ForAll("shapes") int[] dims,
            @ForAll boolean gzip, @ForAll @IntRange(min = 0, max = 8) int limit, @ForAll long seed) throws IOException {
        double[] values = randomValues(type, Shape.of(dims).numel(), new SplittableRandom(seed));
        byte[] plain = IdxBytes.file(type, dims, values);
        Path file = Files.createTempFile("idx", ".bin");
        try {
            Files.write(file, gzip ? IdxBytes.gzip(plain) : plain);

            NdArray a = Idx.read(file, limit);

            int items = Math.min(limit, dims[0]);
            int[] expectedDims = dims.clone();
            expectedDims[0] = items;
            assertEquals(Shape.of(expectedDims), a.shape());
            assertArrayEquals(Arrays.copyOf(values, Shape.of(expectedDims).numel()), a.toDoubleArray());
        } finally {
            Files.delete(file);
        }
    }

    /** Values the type holds exactly, drawn over its whole range. */
    private static double[] randomValues(int type, int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            switch (type) {
                case IdxBytes.U8 -> v[i] = rng.nextInt(256);
                case IdxBytes.I8 -> v[i] = rng.nextInt(-128, 128);
                case IdxBytes.I16 -> v[i] = rng.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
                case IdxBytes.I32 -> v[i] = rng.nextInt();
                case IdxBytes.F32 -> v[i] = Float.intBitsToFloat(rng.nextInt());
                default -> v[i] = Double.longBitsToDouble(rng.nextLong());
            }
        }
        return v;
    }

    @Provide
    Arbitrary<Integer> types() {
        return Arbitraries.of(IdxBytes.U8, IdxBytes.I8, IdxBytes.I16, IdxBytes.I32, IdxBytes.F32, IdxBytes.F64);
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(0, 6).list().ofMinSize(1).ofMaxSize(4)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }
}
