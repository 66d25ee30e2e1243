package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/** What {@link Npy} writes reads back bit for bit, with the layout NumPy expects. */
class NpyRoundTripProperties {
    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("npy-props");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        try (var files = Files.list(dir)) {
            files.forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        Files.delete(dir);
    }

    @Property(tries = 60)
    void tensorsRoundTripBitForBit(@ForAll("tensors") Tensor t) throws IOException {
        Path file = dir.resolve("t.npy");

        Npy.write(file, t);
        Tensor back = Npy.readTensor(file);

        assertEquals(t.shape(), back.shape());
        assertArrayEquals(bits(t.toArray()), bits(back.toArray()));
    }

    @Property(tries = 60)
    void dataStartsAtAMultipleOf64AfterAVersion1HeaderEndingInANewline(@ForAll("tensors") Tensor t)
            throws IOException {
        Path file = dir.resolve("h.npy");

        Npy.write(file, t);
        byte[] bytes = Files.readAllBytes(file);
        int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        int dataStart = 10 + headerLength;

        assertEquals(1, bytes[6]);
        assertEquals(0, bytes[7]);
        assertEquals(0, dataStart % 64);
        assertEquals('\n', bytes[dataStart - 1]);
        assertEquals(dataStart + 8L * t.numel(), bytes.length);
        double[] data = new double[t.numel()];
        ByteBuffer.wrap(bytes, dataStart, 8 * t.numel()).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data);
        assertArrayEquals(bits(t.toArray()), bits(data));
    }

    @Property(tries = 40)
    void intsAndLongsRoundTripExactly(@ForAll("shapes") int[] dims, @ForAll long seed) throws IOException {
        Shape shape = Shape.of(dims);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        int[] ints = rng.ints(shape.numel()).toArray();
        long[] longs = rng.longs(shape.numel()).toArray();
        Path intFile = dir.resolve("i.npy");
        Path longFile = dir.resolve("l.npy");

        Npy.writeInts(intFile, ints, shape);
        Npy.writeInts(longFile, longs, shape);
        NdArray i4 = Npy.read(intFile);
        NdArray i8 = Npy.read(longFile);

        assertEquals(DType.INT32, i4.dtype());
        assertEquals(DType.INT64, i8.dtype());
        assertEquals(shape, i4.shape());
        assertEquals(shape, i8.shape());
        assertArrayEquals(ints, i4.toIntArray());
        assertArrayEquals(longs, i8.toLongArray());
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    @Provide
    Arbitrary<int[]> shapes() {
        return Arbitraries.integers().between(0, 5).list().ofMinSize(0).ofMaxSize(4)
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        Arbitrary<Double> value = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.of(0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE),
                Arbitraries.longs().map(Double::longBitsToDouble));
        return shapes().flatMap(dims -> {
            int n = Shape.of(dims).numel();
            Arbitrary<List<Double>> values = value.list().ofSize(n);
            return Combinators.combine(values, Arbitraries.of(false, true)).as((vs, transposed) -> {
                double[] d = vs.stream().mapToDouble(Double::doubleValue).toArray();
                Tensor t = Tensor.of(d, dims);
                // A transposed view is not contiguous: the file must hold its row-major order, not its storage.
                return transposed && t.rank() >= 2 ? t.transpose(0, t.rank() - 1) : t;
            });
        });
    }
}
