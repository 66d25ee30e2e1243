package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tripletgrad.tensor.Shape;

/** Reading IDX files built by hand, plain and gzip'd, and refusing broken ones with a message naming the file. */
class IdxTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "type 0x{0}")
    @ValueSource(ints = {IdxBytes.U8, IdxBytes.I8, IdxBytes.I16, IdxBytes.I32, IdxBytes.F32, IdxBytes.F64})
    void everyElementTypeReadsBackPlainAndGzipd(int type) throws IOException {
        double[] values = valuesFor(type);
        byte[] plain = IdxBytes.file(type, new int[] {2, 3}, values);
        Path a = write("a.idx", plain);
        Path b = write("b.idx", IdxBytes.gzip(plain));

        for (Path file : new Path[] {a, b}) {
            NdArray read = Idx.read(file);

            assertEquals(Shape.of(2, 3), read.shape());
            assertArrayEquals(values, read.toDoubleArray(), file.toString());
        }
    }

    @Test
    void gzipIsDetectedByItsMagicNotByTheName() throws IOException {
        byte[] plain = IdxBytes.file(IdxBytes.U8, new int[] {3}, 1, 2, 3);
        Path plainNamedGz = write("labels.gz", plain);
        Path gzNamedPlain = write("labels", IdxBytes.gzip(plain));

        assertArrayEquals(new int[] {1, 2, 3}, Idx.read(plainNamedGz).toIntArray());
        assertArrayEquals(new int[] {1, 2, 3}, Idx.read(gzNamedPlain).toIntArray());
    }

    @Test
    void aLimitReadsOnlyTheFirstItems() throws IOException {
        double[] values = new double[5 * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 11 % 256;
        }
        byte[] plain = IdxBytes.file(IdxBytes.U8, new int[] {5, 2, 2}, values);

        for (Path file : new Path[] {write("p", plain), write("g", IdxBytes.gzip(plain))}) {
            NdArray two = Idx.read(file, 2);
            NdArray all = Idx.read(file, 99);

            assertEquals(Shape.of(2, 2, 2), two.shape());
            assertArrayEquals(Arrays.copyOf(values, 8), two.toDoubleArray());
            assertArrayEquals(values, all.toDoubleArray());
            assertEquals(Shape.of(5, 2, 2), Idx.shape(file));
        }
    }

    @Test
    void wrongMagicIsRefused() throws IOException {
        byte[] bytes = IdxBytes.file(IdxBytes.U8, new int[] {1}, 0);
        bytes[0] = 0x7f;
        Path file = write("m", bytes);

        assertEquals(file + ": not an IDX file: magic number 0x7F000801 does not start with two zero bytes",
                refusal(file));
    }

    @Test
    void unknownElementTypeIsRefused() throws IOException {
        Path file = write("t", IdxBytes.file(0x0A, new int[] {1}, 0));

        assertEquals(file + ": IDX element type 0x0A is unknown (expected 08, 09, 0B, 0C, 0D or 0E)", refusal(file));
    }

    @Test
    void plainFileHoldingLessThanTheHeaderPromisesIsRefusedUpfront() throws IOException {
        byte[] whole = IdxBytes.file(IdxBytes.U8, new int[] {10, 28, 28}, new double[10 * 28 * 28]);
        Path file = write("short", Arrays.copyOf(whole, 1000));
        Path huge = write("huge", IdxBytes.file(IdxBytes.F64, new int[] {100000, 100000}));
        Path overflow = write("overflow", IdxBytes.file(IdxBytes.F64, new int[] {Integer.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE}));

        assertEquals(file + ": u1 [10, 28, 28] needs 7840 bytes, the file holds 984 after its 16-byte header",
                refusal(file));
        assertEquals(huge + ": f8 [100000, 100000] needs 80000000000 bytes, the file holds 0 after its 12-byte header",
                refusal(huge));
        assertEquals(overflow + ": f8 [2147483647, 2147483647, 2147483647] needs more than 2^63 bytes (the size"
                + " overflows)", refusal(overflow));
    }

    @Test
    void plainFileWithTrailingBytesIsRefused() throws IOException {
        byte[] whole = IdxBytes.file(IdxBytes.I16, new int[] {2}, 1, 2);
        Path file = write("long", Arrays.copyOf(whole, whole.length + 3));

        assertEquals(file + ": i2 [2] needs 4 bytes, the file holds 7 after its 8-byte header", refusal(file));
    }

    @Test
    void fileEndingInsideItsHeaderIsRefused() throws IOException {
        Path file = write("h", Arrays.copyOf(IdxBytes.file(IdxBytes.U8, new int[] {3, 4}), 9));

        assertEquals(file + ": file ends inside its dimensions (read 5 of 8 bytes)", refusal(file));
    }

    @Test
    void negativeDimensionIsRefused() throws IOException {
        Path file = write("n", IdxBytes.file(IdxBytes.U8, new int[] {-2}));

        assertEquals(file + ": dimension 0 is 4294967294, beyond 2^31 - 1", refusal(file));
    }

    @Test
    void truncatedGzipStreamIsFoundWhileStreaming() throws IOException {
        double[] values = new double[4000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7919) % 251;
        }
        byte[] gz = IdxBytes.gzip(IdxBytes.file(IdxBytes.U8, new int[] {4000}, values));
        Path cut = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));

        String message = refusal(cut);

        assertTrue(message.startsWith(cut + ": data ends after "), message);
        assertTrue(message.endsWith(" of 4000 bytes (4000 elements of u1)"), message);
    }

    @Test
    void gzipThatHoldsFewerElementsThanPromisedIsFoundWhileStreaming() throws IOException {
        byte[] plain = IdxBytes.file(IdxBytes.I32, new int[] {100}, new double[100]);
        Path file = write("few.gz", IdxBytes.gzip(Arrays.copyOf(plain, 8 + 40)));

        assertEquals(file + ": data ends after 40 of 400 bytes (100 elements of i4)", refusal(file));
    }

    @Test
    void gzipPromisingMoreThanDeflateCanExpandToIsRefusedUpfront() throws IOException {
        Path file = write("bomb.gz", IdxBytes.gzip(IdxBytes.file(IdxBytes.F64, new int[] {60000, 28, 28})));
        long size = Files.size(file);

        assertEquals(file + ": f8 [60000, 28, 28] needs 376320000 bytes, more than a gzip file of " + size
                + " bytes can hold (at most 1032 times its size)", refusal(file));
    }

    @Test
    void gzipWithDataBeyondThePromiseIsRefused() throws IOException {
        byte[] plain = IdxBytes.file(IdxBytes.U8, new int[] {2}, 1, 2);
        Path file = write("more.gz", IdxBytes.gzip(Arrays.copyOf(plain, plain.length + 1)));

        assertEquals(file + ": gzip data goes on after the 2 elements the header promises", refusal(file));
    }

    @Test
    void corruptGzipIsRefused() throws IOException {
        byte[] gz = IdxBytes.gzip(IdxBytes.file(IdxBytes.U8, new int[] {2}, 1, 2));
        for (int i = 10; i < gz.length - 8; i++) {
            gz[i] = (byte) 0xff;
        }
        Path file = write("bad.gz", gz);

        assertTrue(refusal(file).startsWith(file + ": corrupt gzip data ("), refusal(file));
    }

    @Test
    void negativeLimitIsAUsageError() throws IOException {
        Path file = write("a", IdxBytes.file(IdxBytes.U8, new int[] {1}, 1));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Idx.read(file, -1));

        assertEquals("idx read: limit must be >= 0, got -1", e.getMessage());
    }

    // ---------------------------------------------------------------- helpers

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static String refusal(Path file) {
        return assertThrows(FileFormatException.class, () -> Idx.read(file)).getMessage();
    }

    /** Six values within the type's range, its extremes included. */
    private static double[] valuesFor(int type) {
        switch (type) {
            case IdxBytes.U8:
                return new double[] {0, 1, 127, 128, 200, 255};
            case IdxBytes.I8:
                return new double[] {-128, -1, 0, 1, 5, 127};
            case IdxBytes.I16:
                return new double[] {Short.MIN_VALUE, -300, 0, 1, 300, Short.MAX_VALUE};
            case IdxBytes.I32:
                return new double[] {Integer.MIN_VALUE, -70000, 0, 1, 70000, Integer.MAX_VALUE};
            case IdxBytes.F32:
                return new double[] {Float.MIN_VALUE, -0.0f, 0.1f, Float.MAX_VALUE, Double.NaN, -1.5f};
            default:
                return new double[] {Double.MIN_VALUE, -0.0, 0.1, Double.MAX_VALUE, Double.NEGATIVE_INFINITY, -1.5};
        }
    }
}
