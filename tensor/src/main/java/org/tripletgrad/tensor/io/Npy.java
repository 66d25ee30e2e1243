package org.tripletgrad.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * Reads and writes NumPy {@code .npy} files (format versions 1.0, 2.0 and 3.0).
 *
 * <p>A file is the magic string {@code \x93NUMPY}, a major and a minor version byte, the header length (2 bytes
 * little-endian in version 1.0, 4 bytes in 2.0 and 3.0), the header (a Python dictionary literal, see
 * {@code NpyHeader}; latin-1 text up to 2.0, UTF-8 in 3.0) padded with spaces and ended by a newline, then the
 * elements, row-major unless the header says {@code 'fortran_order': True}.
 *
 * <p>Reading accepts the dtypes {@code b1, u1, i1, i2, i4, i8, f4, f8} in either byte order ({@code <} little,
 * {@code >} big, {@code |} and {@code =} native as in NumPy), C or Fortran order (a Fortran file comes back as the
 * same array in row-major order), 0-d and empty arrays. Everything is checked before the data is allocated: the
 * header's syntax and keys, the dtype (object arrays, which are pickles, and every other dtype are refused), and
 * that the file holds exactly the bytes the shape needs: missing bytes and trailing bytes are both refused. Every
 * refusal is one {@link FileFormatException} (an {@link IOException}) whose message starts with the file.
 *
 * <p>Writing produces what {@code numpy.save} would: {@code <f8} for tensors, {@code <i4} or {@code <i8} for
 * integers, C order, version 1.0 (2.0 only for a header too long for 1.0), the header padded with spaces so that
 * the data starts at a multiple of 64 bytes. Writes are atomic (see {@link AtomicFile}).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Headers are tiny; a larger length field is a corrupt or hostile file, refused before allocating. */
    private static final int MAX_HEADER = 1 << 20;
    /** The largest Java array, with the margin some JVMs keep. */
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 16;

    private Npy() {
    }

    /**
     * Reads a {@code .npy} file of any supported dtype.
     *
     * @throws FileFormatException when the file is not a readable {@code .npy} array, with a message that starts with
     *     {@code file} and names the problem
     */
    public static NdArray read(Path file) throws IOException {
        String src = file.toString();
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < MAGIC.length + 4) {
                throw new FileFormatException(src + ": " + size + " bytes, too short for a .npy file");
            }
            ByteBuffer pre = ArrayReader.readBytes(in, MAGIC.length + 2, ByteOrder.LITTLE_ENDIAN, src, "preamble");
            for (byte m : MAGIC) {
                if (pre.get() != m) {
                    throw new FileFormatException(src + ": not a .npy file (it does not start with \\x93NUMPY)");
                }
            }
            int major = pre.get() & 0xff;
            int minor = pre.get() & 0xff;
            if (minor != 0 || major < 1 || major > 3) {
                throw new FileFormatException(src + ": .npy format version " + major + "." + minor
                        + " is not supported (1.0, 2.0 and 3.0 are)");
            }
            int lengthBytes = major == 1 ? 2 : 4;
            ByteBuffer len = ArrayReader.readBytes(in, lengthBytes, ByteOrder.LITTLE_ENDIAN, src, "header length");
            long headerLength = major == 1 ? len.getShort() & 0xffffL : len.getInt() & 0xffffffffL;
            long dataOffset = MAGIC.length + 2 + lengthBytes + headerLength;
            if (headerLength > MAX_HEADER || dataOffset > size) {
                throw new FileFormatException(src + ": header length " + headerLength + " does not fit a file of "
                        + size + " bytes");
            }
            ByteBuffer text = ArrayReader.readBytes(in, (int) headerLength, ByteOrder.LITTLE_ENDIAN, src, "header");
            NpyHeader header = NpyHeader.parse(decode(text, major, src), src);
            int n = checkSize(header, size - dataOffset, src);
            Object storage = ArrayReader.readElements(in, header.dtype, n, header.order, src);
            if (header.fortranOrder) {
                storage = fortranToC(storage, header.shape);
            }
            return new NdArray(header.dtype, Shape.of(toInts(header.shape)), storage, src);
        }
    }

    /**
     * Reads a {@code .npy} file as a float64 tensor of its shape; any supported dtype converts exactly.
     *
     * @throws FileFormatException also for an {@code i8} value that float64 cannot hold exactly
     */
    public static Tensor readTensor(Path file) throws IOException {
        NdArray a = read(file);
        try {
            return a.toTensor();
        } catch (ArithmeticException e) {
            throw new FileFormatException(e.getMessage(), e);
        }
    }

    /**
     * Reads a 1-D array of labels or indices.
     *
     * <p>Integer and boolean dtypes are accepted, and so are float files whose values are all integers (such as
     * labels saved from a float tensor); a fractional, infinite or NaN value, or one outside the range of
     * {@code int}, is refused with its index and value.
     *
     * @throws FileFormatException when the array is not 1-D or a value is not an {@code int}
     */
    public static int[] readLabels(Path file) throws IOException {
        NdArray a = read(file);
        if (a.shape().rank() != 1) {
            throw new FileFormatException(file + ": labels must be a 1-D array, the file holds shape " + a.shape());
        }
        try {
            return a.toIntArray();
        } catch (ArithmeticException e) {
            throw new FileFormatException(e.getMessage(), e);
        }
    }

    /** Writes a tensor of any shape as {@code <f8}, C order; the file loads in NumPy with {@code numpy.load}. */
    public static void write(Path file, Tensor tensor) throws IOException {
        double[] values = tensor.data();
        writeArray(file, "<f8", 8, tensor.shape(), (buf, from, count) ->
                buf.asDoubleBuffer().put(values, from, count));
    }

    /** Writes a 1-D {@code <i4} array, such as class labels. */
    public static void writeInts(Path file, int[] values) throws IOException {
        writeInts(file, values, Shape.of(values.length));
    }

    /**
     * Writes {@code values} as an {@code <i4} array of the given shape, C order.
     *
     * @throws IllegalArgumentException when the shape does not hold exactly {@code values.length} elements
     */
    public static void writeInts(Path file, int[] values, Shape shape) throws IOException {
        checkFill(values.length, shape);
        writeArray(file, "<i4", 4, shape, (buf, from, count) ->
                buf.asIntBuffer().put(values, from, count));
    }

    /** Writes a 1-D {@code <i8} array. */
    public static void writeInts(Path file, long[] values) throws IOException {
        writeInts(file, values, Shape.of(values.length));
    }

    /**
     * Writes {@code values} as an {@code <i8} array of the given shape, C order.
     *
     * @throws IllegalArgumentException when the shape does not hold exactly {@code values.length} elements
     */
    public static void writeInts(Path file, long[] values, Shape shape) throws IOException {
        checkFill(values.length, shape);
        writeArray(file, "<i8", 8, shape, (buf, from, count) ->
                buf.asLongBuffer().put(values, from, count));
    }

    // ---------------------------------------------------------------- reading

    private static String decode(ByteBuffer text, int major, String src) throws FileFormatException {
        try {
            return (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(text).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(src + ": version 3.0 header is not valid UTF-8", e);
        }
    }

    /** The element count, once the data the header describes is known to be exactly what the file holds. */
    private static int checkSize(NpyHeader h, long available, String src) throws FileFormatException {
        String what = "shape " + NpyHeader.formatShape(h.shape) + " of " + h.descr;
        long need;
        try {
            long n = 1;
            for (long d : h.shape) {
                n = Math.multiplyExact(n, d);
            }
            need = Math.multiplyExact(n, h.dtype.size());
        } catch (ArithmeticException e) {
            throw new FileFormatException(src + ": " + what + " needs more than 2^63 bytes (the size overflows)");
        }
        if (need > available) {
            throw new FileFormatException(src + ": " + what + " needs " + need + " bytes, the file holds "
                    + available + " after its header");
        }
        if (need < available) {
            throw new FileFormatException(src + ": " + what + " needs " + need + " bytes, the file holds "
                    + available + " after its header: " + (available - need) + " bytes too many");
        }
        long n = need / h.dtype.size();
        for (long d : h.shape) {
            if (d > MAX_ELEMENTS) {
                throw new FileFormatException(src + ": " + what + " has a dimension beyond Java's array limit");
            }
        }
        if (n > MAX_ELEMENTS) {
            throw new FileFormatException(src + ": " + what + " has " + n + " elements, beyond Java's array"
                    + " limit of " + MAX_ELEMENTS);
        }
        return (int) n;
    }

    /**
     * The same array in row-major order. In Fortran order the first index varies fastest: element
     * (i0, ..., ik) sits at i0 + d0 * (i1 + d1 * (i2 + ...)).
     */
    private static Object fortranToC(Object fortran, long[] shape) {
        int rank = shape.length;
        int n = java.lang.reflect.Array.getLength(fortran);
        if (rank < 2 || n == 0) {
            return fortran;
        }
        int[] dims = toInts(shape);
        int[] stride = new int[rank];
        stride[0] = 1;
        for (int k = 1; k < rank; k++) {
            stride[k] = stride[k - 1] * dims[k - 1];
        }
        Object c = java.lang.reflect.Array.newInstance(fortran.getClass().getComponentType(), n);
        int[] index = new int[rank];
        int from = 0;
        for (int to = 0; to < n; to++) {
            System.arraycopy(fortran, from, c, to, 1);
            // Advance the row-major odometer, last index fastest, keeping the Fortran offset in step.
            for (int k = rank - 1; k >= 0; k--) {
                from += stride[k];
                if (++index[k] < dims[k]) {
                    break;
                }
                from -= stride[k] * dims[k];
                index[k] = 0;
            }
        }
        return c;
    }

    private static int[] toInts(long[] shape) {
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = (int) shape[i];
        }
        return dims;
    }

    // ---------------------------------------------------------------- writing

    /** Puts {@code count} elements starting at {@code from} into a little-endian buffer. */
    @FunctionalInterface
    private interface Elements {
        void put(ByteBuffer buf, int from, int count);
    }

    private static void checkFill(int length, Shape shape) {
        if (shape.numel() != length) {
            throw new IllegalArgumentException("npy write: " + length + " values do not fill shape " + shape + " ("
                    + shape.numel() + " elements)");
        }
    }

    private static void writeArray(Path file, String descr, int size, Shape shape, Elements elements)
            throws IOException {
        byte[] header = paddedHeader(NpyHeader.format(descr, shape.dims()));
        int total = shape.numel();
        int perChunk = CHUNK / size;
        AtomicFile.write(file, out -> {
            writeFully(out, ByteBuffer.wrap(header));
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            for (int from = 0; from < total; from += perChunk) {
                int count = Math.min(perChunk, total - from);
                buf.clear();
                elements.put(buf, from, count);
                buf.limit(count * size);
                writeFully(out, buf);
            }
        });
    }

    /**
     * Magic, version, header length and the dictionary, padded with spaces and ended by a newline so that the data
     * starts at a multiple of 64 bytes. Version 1.0 has a 2-byte length; only a longer header needs 2.0.
     */
    private static byte[] paddedHeader(String dict) {
        int version = 1;
        int prefix = MAGIC.length + 4;
        int total = align(prefix + dict.length() + 1);
        if (total - prefix > 0xffff) {
            version = 2;
            prefix = MAGIC.length + 6;
            total = align(prefix + dict.length() + 1);
        }
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) (total - prefix));
        } else {
            b.putInt(total - prefix);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        return b.put((byte) '\n').array();
    }

    private static int align(int n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static void writeFully(FileChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }
}
