package org.tripletgrad.tensor.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads fixed-size headers and typed element data from a channel, in chunks, failing with a
 * {@link FileFormatException} when the data ends early.
 *
 * <p>The storage array is allocated once at its final size, so callers must have checked the size they ask for
 * against what the file can hold. A gzip stream that ends early throws {@link EOFException} from inside the inflater
 * rather than returning end-of-stream; both count as the data ending.
 */
final class ArrayReader {
    /** Bytes moved per read: a multiple of every element size. */
    private static final int CHUNK = 1 << 20;

    private ArrayReader() {
    }

    /**
     * Exactly {@code n} bytes from {@code in}, flipped for reading in the given byte order.
     *
     * @param what what the bytes are, for the error message ("header", "dimensions")
     */
    static ByteBuffer readBytes(ReadableByteChannel in, int n, ByteOrder order, String source, String what)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n).order(order);
        if (!fill(in, buf)) {
            throw new FileFormatException(source + ": file ends inside its " + what + " (read " + buf.position()
                    + " of " + n + " bytes)");
        }
        return buf.flip();
    }

    /**
     * The next {@code n} elements of type {@code type} in byte order {@code order}, in a fresh storage array of the
     * type's Java kind (see {@link DType}).
     */
    static Object readElements(ReadableByteChannel in, DType type, int n, ByteOrder order, String source)
            throws IOException {
        Object storage = allocate(type, n);
        int size = type.size();
        long total = (long) n * size;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, total)).order(order);
        long done = 0;
        int at = 0;
        while (done < total) {
            buf.clear().limit((int) Math.min(buf.capacity(), total - done));
            boolean full = fill(in, buf);
            done += buf.position();
            if (!full) {
                throw new FileFormatException(source + ": data ends after " + done + " of " + total + " bytes ("
                        + n + " elements of " + type.code() + ")");
            }
            buf.flip();
            int count = buf.remaining() / size;
            copy(buf, storage, at, count);
            at += count;
        }
        return storage;
    }

    private static Object allocate(DType type, int n) {
        return switch (type) {
            case INT16 -> new short[n];
            case INT32 -> new int[n];
            case INT64 -> new long[n];
            case FLOAT32 -> new float[n];
            case FLOAT64 -> new double[n];
            case BOOL, UINT8, INT8 -> new byte[n];
        };
    }

    private static void copy(ByteBuffer buf, Object storage, int at, int count) {
        if (storage instanceof byte[]) {
            buf.get((byte[]) storage, at, count);
        } else if (storage instanceof short[]) {
            buf.asShortBuffer().get((short[]) storage, at, count);
        } else if (storage instanceof int[]) {
            buf.asIntBuffer().get((int[]) storage, at, count);
        } else if (storage instanceof long[]) {
            buf.asLongBuffer().get((long[]) storage, at, count);
        } else if (storage instanceof float[]) {
            buf.asFloatBuffer().get((float[]) storage, at, count);
        } else {
            buf.asDoubleBuffer().get((double[]) storage, at, count);
        }
    }

    /** Reads until {@code buf} is full; false when the input ends first. */
    private static boolean fill(ReadableByteChannel in, ByteBuffer buf) throws IOException {
        try {
            while (buf.hasRemaining()) {
                if (in.read(buf) < 0) {
                    return false;
                }
            }
            return true;
        } catch (EOFException e) {
            return false;
        }
    }

    /** Whether {@code in} has no byte left. */
    static boolean atEnd(ReadableByteChannel in) throws IOException {
        return !fill(in, ByteBuffer.allocate(1));
    }
}
