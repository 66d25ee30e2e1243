package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/** Reading {@code .npy} files built byte by byte in the test, for every dtype, byte order, layout and version. */
class NpyReadTest {
    private static final int A = 2;
    private static final int B = 3;
    private static final int C = 4;

    @TempDir
    Path dir;

    static List<Arguments> layouts() {
        List<Arguments> all = new ArrayList<>();
        for (String code : new String[] {"f8", "f4", "i8", "i4", "i2", "i1", "u1", "b1"}) {
            for (String order : new String[] {"<", ">", "|", "=", ""}) {
                for (boolean fortran : new boolean[] {false, true}) {
                    for (int major = 1; major <= 3; major++) {
                        all.add(Arguments.of(code, order, fortran, major));
                    }
                }
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{1}{0} fortran={2} v{3}.0")
    @MethodSource("layouts")
    void everyDtypeOrderLayoutAndVersionReadsBackRowMajor(String code, String order, boolean fortran, int major)
            throws IOException {
        ByteOrder bytes = order.equals("<") ? ByteOrder.LITTLE_ENDIAN
                : order.equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.nativeOrder();
        boolean isFloat = code.startsWith("f");
        double[] floats = isFloat ? floatValues(code) : null;
        long[] ints = isFloat ? null : intValues(code);
        int[] fileOrder = fortran ? fortranSequence() : identity();
        byte[] data = isFloat
                ? NpyBytes.floats(code, bytes, permute(floats, fileOrder))
                : NpyBytes.ints(code, bytes, permute(ints, fileOrder));
        String header = NpyBytes.dict(order + code, fortran, "(" + A + ", " + B + ", " + C + ")");
        Path file = write("a.npy", NpyBytes.file(major, header, data, 64));

        NdArray a = Npy.read(file);

        assertEquals(code, a.dtype().code());
        assertEquals(Shape.of(A, B, C), a.shape());
        if (isFloat) {
            assertArrayEquals(floats, a.toDoubleArray());
        } else {
            assertArrayEquals(ints, a.toLongArray());
        }
    }

    @Test
    void zeroDimensionalArrayHoldsOneElement() throws IOException {
        Path file = write("s.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "()"),
                NpyBytes.floats("f8", ByteOrder.LITTLE_ENDIAN, 2.5)));

        Tensor t = Npy.readTensor(file);

        assertEquals(0, t.rank());
        assertEquals(2.5, t.item());
    }

    @Test
    void emptyArraysKeepTheirShape() throws IOException {
        Path file = write("e.npy", NpyBytes.file(NpyBytes.dict("<i4", true, "(0, 3)"), new byte[0]));

        NdArray a = Npy.read(file);

        assertEquals(Shape.of(0, 3), a.shape());
        assertEquals(0, a.toIntArray().length);
    }

    @Test
    void headerSyntaxVariantsThatNumpyAcceptsAreRead() throws IOException {
        String header = "{\"shape\": (3L,), \"fortran_order\": False, \"descr\": \"<i8\"}";
        byte[] data = NpyBytes.ints("i8", ByteOrder.LITTLE_ENDIAN, 4, 5, 6);
        Path file = write("v.npy", NpyBytes.file(1, header, data, 16));

        assertArrayEquals(new int[] {4, 5, 6}, Npy.readLabels(file));
    }

    @Test
    void version3HeaderIsDecodedAsUtf8() throws IOException {
        // The extra key makes the header unreadable; its name in the message shows how the bytes were decoded.
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'x\u00e9': 1}";
        Path file = write("u.npy", NpyBytes.file(3, header, NpyBytes.floats("f8", ByteOrder.LITTLE_ENDIAN, 1), 64));

        FileFormatException e = assertThrows(FileFormatException.class, () -> Npy.read(file));

        assertEquals(file + ": header keys are [descr, fortran_order, shape, x\u00e9], expected exactly"
                + " [descr, fortran_order, shape]", e.getMessage());
    }

    @Test
    void booleanBytesOtherThanOneCountAsTrue() throws IOException {
        Path file = write("b.npy", NpyBytes.file(NpyBytes.dict("|b1", false, "(3,)"), new byte[] {0, 1, 7}));

        assertArrayEquals(new double[] {0, 1, 1}, Npy.readTensor(file).toArray());
    }

    @Test
    void integralFloatLabelsAreAccepted() throws IOException {
        Path file = write("l.npy", NpyBytes.file(NpyBytes.dict("<f4", false, "(3,)"),
                NpyBytes.floats("f4", ByteOrder.LITTLE_ENDIAN, 0, 9, -0.0)));

        assertArrayEquals(new int[] {0, 9, 0}, Npy.readLabels(file));
    }

    // ---------------------------------------------------------------- helpers

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Row-major values with the type's extremes and the awkward floats first. */
    static double[] floatValues(String code) {
        double[] v = new double[A * B * C];
        boolean wide = code.equals("f8");
        double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            wide ? Double.MIN_VALUE : Float.MIN_VALUE, wide ? Double.MAX_VALUE : Float.MAX_VALUE};
        for (int i = 0; i < v.length; i++) {
            v[i] = i < special.length ? special[i] : (i - 11) * 0.37 + 1.0 / (i + 1);
            if (code.equals("f4")) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    /** Row-major values spanning the type's range, its minimum and maximum first. */
    static long[] intValues(String code) {
        long lo;
        long hi;
        switch (code) {
            case "i8": lo = Long.MIN_VALUE; hi = Long.MAX_VALUE; break;
            case "i4": lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; break;
            case "i2": lo = Short.MIN_VALUE; hi = Short.MAX_VALUE; break;
            case "i1": lo = Byte.MIN_VALUE; hi = Byte.MAX_VALUE; break;
            case "u1": lo = 0; hi = 255; break;
            default: lo = 0; hi = 1; break;
        }
        long[] v = new long[A * B * C];
        for (int i = 0; i < v.length; i++) {
            long mixed = i * 0x9E3779B97F4A7C15L;
            v[i] = i == 0 ? lo : i == 1 ? hi : code.equals("i8") ? mixed : lo + Math.floorMod(mixed, hi - lo + 1);
        }
        return v;
    }

    /** The row-major index of each element in the order a Fortran-order file stores them: first index fastest. */
    private static int[] fortranSequence() {
        int[] seq = new int[A * B * C];
        int n = 0;
        for (int k = 0; k < C; k++) {
            for (int j = 0; j < B; j++) {
                for (int i = 0; i < A; i++) {
                    seq[n++] = (i * B + j) * C + k;
                }
            }
        }
        return seq;
    }

    private static int[] identity() {
        int[] seq = new int[A * B * C];
        for (int i = 0; i < seq.length; i++) {
            seq[i] = i;
        }
        return seq;
    }

    private static double[] permute(double[] v, int[] seq) {
        double[] out = new double[seq.length];
        for (int i = 0; i < seq.length; i++) {
            out[i] = v[seq[i]];
        }
        return out;
    }

    private static long[] permute(long[] v, int[] seq) {
        long[] out = new long[seq.length];
        for (int i = 0; i < seq.length; i++) {
            out[i] = v[seq[i]];
        }
        return out;
    }
}
