package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that {@link Npy} must refuse, before allocating, with one message naming the file and the problem. */
class NpyRefusalTest {
    @TempDir
    Path dir;

    @Test
    void hugeShapeIsRefusedWithTheBytesItNeedsAndTheBytesTheFileHolds() throws IOException {
        Path file = write("embeddings.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(100000, 100000)"),
                new byte[4096]));

        assertEquals(file + ": shape (100000, 100000) of <f8 needs 80000000000 bytes, the file holds 4096 after its"
                + " header", refusal(file));
    }

    @Test
    void deeplyNestedShapeIsRefusedWithoutExhaustingTheStack() throws IOException {
        String nested = "(".repeat(3000) + ")".repeat(3000);
        Path file = write("n.npy", NpyBytes.file(NpyBytes.dict("<f8", false, nested), new byte[0]));
        FileFormatException e = assertThrows(FileFormatException.class, () -> Npy.read(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("at most 32 nested tuples or lists"), e.getMessage());
    }

    @Test
    void truncatedDataIsRefused() throws IOException {
        Path file = write("t.npy", NpyBytes.file(NpyBytes.dict(">i4", false, "(10,)"), new byte[39]));

        assertEquals(file + ": shape (10,) of >i4 needs 40 bytes, the file holds 39 after its header", refusal(file));
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        Path file = write("t.npy", NpyBytes.file(NpyBytes.dict("|u1", false, "(2, 2)"), new byte[5]));

        assertEquals(file + ": shape (2, 2) of |u1 needs 4 bytes, the file holds 5 after its header: 1 bytes too"
                + " many", refusal(file));
    }

    @Test
    void objectArraysArePicklesAndAreRefused() throws IOException {
        byte[] pickle = {(byte) 0x80, 0x04, (byte) 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0, '.'};
        Path file = write("o.npy", NpyBytes.file(NpyBytes.dict("|O", false, "(2,)"), pickle));

        assertEquals(file + ": dtype |O holds Python objects (a pickle), which is never read; save a numeric array",
                refusal(file));
    }

    @Test
    void unsupportedDtypesAreRefusedAndTheSupportedOnesListed() throws IOException {
        for (String descr : new String[] {"<c16", "<U5", "<f2", "<u4", "<M8[ns]", ""}) {
            Path file = write("d.npy", NpyBytes.file(NpyBytes.dict(descr, false, "(1,)"), new byte[16]));

            assertEquals(file + ": dtype " + descr + " is not supported (supported: b1, u1, i1, i2, i4, i8, f4, f8,"
                    + " in either byte order)", refusal(file));
        }
    }

    @Test
    void structuredDtypesAreRefused() throws IOException {
        String header = "{'descr': [('x', '<f8'), ('y', '<i4')], 'fortran_order': False, 'shape': (1,), }";
        Path file = write("s.npy", NpyBytes.file(header, new byte[12]));

        assertTrue(refusal(file).startsWith(file + ": structured dtype [('x', '<f8'), ('y', '<i4')]"));
    }

    @Test
    void overflowingShapesAreRefused() throws IOException {
        Path product = write("p.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(4611686018427387904, 4)"),
                new byte[8]));
        Path single = write("s.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(99999999999999999999,)"),
                new byte[8]));

        assertEquals(product + ": shape (4611686018427387904, 4) of <f8 needs more than 2^63 bytes (the size"
                + " overflows)", refusal(product));
        assertEquals(single + ": 'shape' (99999999999999999999,) has a dimension that overflows a 64-bit integer",
                refusal(single));
    }

    @Test
    void zeroSizedShapeWithAHugeDimensionIsBeyondJavaArrays() throws IOException {
        Path file = write("z.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(0, 3000000000)"), new byte[0]));

        assertEquals(file + ": shape (0, 3000000000) of <f8 has a dimension beyond Java's array limit",
                refusal(file));
    }

    @Test
    void negativeDimensionsAreRefused() throws IOException {
        Path file = write("n.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(2, -1)"), new byte[0]));

        assertEquals(file + ": 'shape' (2, -1) has a negative dimension", refusal(file));
    }

    @Test
    void badMagicIsRefused() throws IOException {
        byte[] bytes = NpyBytes.file(NpyBytes.dict("<f8", false, "(1,)"), new byte[8]);
        bytes[1] = 'n';
        Path file = write("m.npy", bytes);

        assertEquals(file + ": not a .npy file (it does not start with \\x93NUMPY)", refusal(file));
    }

    @Test
    void unknownFormatVersionIsRefused() throws IOException {
        byte[] bytes = NpyBytes.file(NpyBytes.dict("<f8", false, "(1,)"), new byte[8]);
        bytes[6] = 4;
        Path file = write("v.npy", bytes);

        assertEquals(file + ": .npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)", refusal(file));
    }

    @Test
    void tinyFilesAreRefused() throws IOException {
        Path file = write("x.npy", new byte[] {(byte) 0x93, 'N', 'U', 'M'});

        assertEquals(file + ": 4 bytes, too short for a .npy file", refusal(file));
    }

    @Test
    void headerLengthBeyondTheFileIsRefused() throws IOException {
        byte[] bytes = Arrays.copyOf(NpyBytes.file(NpyBytes.dict("<f8", false, "(1,)"), new byte[8]), 40);
        Path file = write("h.npy", bytes);

        assertEquals(file + ": header length 118 does not fit a file of 40 bytes", refusal(file));
    }

    @Test
    void garbageHeadersAreRefusedWithWhereTheParserStopped() throws IOException {
        String[] headers = {
            "not a dict at all",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), } trailing",
            "{'descr': '<f8' 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': False, 'shape': (1,",
            "{'descr': '<f8, 'fortran_order': False, 'shape': (1,)}",
            "{'descr': '<f8', 'fortran_order': __import__('os'), 'shape': (1,)}",
        };
        for (String header : headers) {
            Path file = write("g.npy", NpyBytes.file(header, new byte[8]));

            String message = refusal(file);

            assertTrue(message.startsWith(file + ": header is not a valid .npy dictionary: expected "), message);
        }
    }

    @Test
    void wrongKeysOrValueTypesAreRefused() throws IOException {
        String[][] cases = {
            {"{'descr': '<f8', 'shape': (1,)}", "header keys are [descr, shape], expected exactly"},
            {"{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}", "'fortran_order' is 0, expected True or False"},
            {"{'descr': 8, 'fortran_order': False, 'shape': (1,)}", "'descr' is 8, expected a dtype string"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': [1]}", "'shape' is [1], expected a tuple"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': ('1',)}", "'shape' is ('1',), expected integers"},
            {"{'descr': '<f8', 'descr': '<f8', 'shape': (1,)}", "expected no repeated key 'descr'"},
        };
        for (String[] c : cases) {
            Path file = write("k.npy", NpyBytes.file(c[0], new byte[8]));

            String message = refusal(file);

            assertTrue(message.startsWith(file + ": ") && message.contains(c[1]), message);
        }
    }

    @Test
    void version3HeaderMustBeValidUtf8() throws IOException {
        byte[] bytes = NpyBytes.file(3, NpyBytes.dict("<f8", false, "(1,)"), new byte[8], 64);
        bytes[13] = (byte) 0xff;
        Path file = write("u.npy", bytes);

        assertEquals(file + ": version 3.0 header is not valid UTF-8", refusal(file));
    }

    @Test
    void labelsMustBeOneDimensionalIntegersInIntRange() throws IOException {
        Path matrix = write("m.npy", NpyBytes.file(NpyBytes.dict("<i4", false, "(1, 2)"), new byte[8]));
        Path fraction = write("f.npy", NpyBytes.file(NpyBytes.dict("<f8", false, "(2,)"),
                NpyBytes.floats("f8", ByteOrder.LITTLE_ENDIAN, 1, 2.5)));
        Path nan = write("n.npy", NpyBytes.file(NpyBytes.dict("<f4", false, "(1,)"),
                NpyBytes.floats("f4", ByteOrder.LITTLE_ENDIAN, Double.NaN)));
        Path big = write("b.npy", NpyBytes.file(NpyBytes.dict("<i8", false, "(2,)"),
                NpyBytes.ints("i8", ByteOrder.LITTLE_ENDIAN, 0, 1L << 31)));

        assertEquals(matrix + ": labels must be a 1-D array, the file holds shape [1, 2]", labelRefusal(matrix));
        assertEquals(fraction + ": element [1] of f8 [2] is 2.5, not an integer in the range of long",
                labelRefusal(fraction));
        assertEquals(nan + ": element [0] of f4 [1] is NaN, not an integer in the range of long", labelRefusal(nan));
        assertEquals(big + ": element [1] of i8 [2] is 2147483648, outside the range of int", labelRefusal(big));
    }

    @Test
    void int64ValuesThatFloat64WouldRoundAreRefusedAsTensors() throws IOException {
        long inexact = (1L << 53) + 1;
        Path file = write("i.npy", NpyBytes.file(NpyBytes.dict("<i8", false, "(2, 2)"),
                NpyBytes.ints("i8", ByteOrder.LITTLE_ENDIAN, 0, 1L << 60, Long.MIN_VALUE, inexact)));

        FileFormatException e = assertThrows(FileFormatException.class, () -> Npy.readTensor(file));

        assertEquals(file + ": element [1, 1] of i8 [2, 2] is 9007199254740993, which float64 cannot hold exactly",
                e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String refusal(Path file) {
        return assertThrows(FileFormatException.class, () -> Npy.read(file)).getMessage();
    }

    private static String labelRefusal(Path file) {
        return assertThrows(FileFormatException.class, () -> Npy.readLabels(file)).getMessage();
    }
}
