package org.tripletgrad.tensor.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.tripletgrad.tensor.Shape;

/**
 * Reads IDX files, the format of the MNIST and Fashion-MNIST data sets, plain or gzip'd.
 *
 * <p>An IDX file is a 4-byte magic number (two zero bytes, the element type, the number of dimensions), one
 * big-endian 32-bit size per dimension, then the elements, big-endian, row-major. Element types: 0x08 unsigned
 * byte, 0x09 signed byte, 0x0B 16-bit, 0x0C 32-bit integers, 0x0D float32, 0x0E float64.
 *
 * <p>Gzip is recognised by its magic bytes (1F 8B), not by the file name. Every header is checked before the data is
 * allocated. A plain file must hold exactly the bytes its header promises. A gzip'd file's size is unknown until it
 * has been inflated, but DEFLATE cannot expand data by more than a factor of 1032, so a header that promises more
 * than 1032 times the compressed size is refused upfront, which bounds the allocation by the file; a stream that
 * ends early is found while it is read. Every refusal is a {@link FileFormatException} whose message starts with
 * the file.
 */
public final class Idx {
    /** DEFLATE's largest expansion ratio: one 258-byte match per ~2 bits at best. */
    private static final long MAX_GZIP_RATIO = 1032;
    private static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;
    private static final int GZIP_BUFFER = 1 << 16;

    private Idx() {
    }

    /** Reads a whole IDX file. */
    public static NdArray read(Path file) throws IOException {
        return read(file, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} items of an IDX file (the first {@code limit} images of an image file), without
     * reading the rest. The header and the size of the whole file are still checked for a plain file; for a gzip'd
     * file the part after the items read is not inflated, so a truncation there goes unnoticed.
     *
     * @param limit the largest number of items to read; {@code Integer.MAX_VALUE} for all
     * @throws IllegalArgumentException when {@code limit < 0}
     */
    public static NdArray read(Path file, int limit) throws IOException {
        if (limit < 0) {
            throw new IllegalArgumentException("idx read: limit must be >= 0, got " + limit);
        }
        String src = file.toString();
        try (Input in = Input.open(file)) {
            Header h = header(in, src);
            int[] dims = h.dims.clone();
            if (dims.length > 0 && limit < dims[0]) {
                dims[0] = limit;
            }
            Shape shape = Shape.of(dims);
            Object storage = ArrayReader.readElements(in.channel, h.type, shape.numel(), ByteOrder.BIG_ENDIAN, src);
            if (in.gzip && shape.numel() == h.numel && !ArrayReader.atEnd(in.channel)) {
                throw new FileFormatException(src + ": gzip data goes on after the " + h.numel + " elements the"
                        + " header promises");
            }
            return new NdArray(h.type, shape, storage, src);
        } catch (ZipException e) {
            throw new FileFormatException(src + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** The shape a file's header declares, after the same checks as {@link #read(Path)}, without reading the data. */
    public static Shape shape(Path file) throws IOException {
        String src = file.toString();
        try (Input in = Input.open(file)) {
            return Shape.of(header(in, src).dims);
        } catch (ZipException e) {
            throw new FileFormatException(src + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    /** The element type for an IDX type code, or {@code null}. */
    private static DType typeOf(int code) {
        return switch (code) {
            case 0x08 -> DType.UINT8;
            case 0x09 -> DType.INT8;
            case 0x0B -> DType.INT16;
            case 0x0C -> DType.INT32;
            case 0x0D -> DType.FLOAT32;
            case 0x0E -> DType.FLOAT64;
            default -> null;
        };
    }

    private static final class Header {
        final DType type;
        final int[] dims;
        final long numel;

        Header(DType type, int[] dims, long numel) {
            this.type = type;
            this.dims = dims;
            this.numel = numel;
        }
    }

    private static Header header(Input in, String src) throws IOException {
        ByteBuffer magic = ArrayReader.readBytes(in.channel, 4, ByteOrder.BIG_ENDIAN, src, "magic number");
        if (magic.get(0) != 0 || magic.get(1) != 0) {
            throw new FileFormatException(src + ": not an IDX file: magic number "
                    + String.format("0x%08X", magic.getInt(0)) + " does not start with two zero bytes");
        }
        DType type = typeOf(magic.get(2) & 0xff);
        if (type == null) {
            throw new FileFormatException(src + ": IDX element type " + String.format("0x%02X", magic.get(2))
                    + " is unknown (expected 08, 09, 0B, 0C, 0D or 0E)");
        }
        int rank = magic.get(3) & 0xff;
        ByteBuffer sizes = ArrayReader.readBytes(in.channel, 4 * rank, ByteOrder.BIG_ENDIAN, src, "dimensions");
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = sizes.getInt();
            if (dims[i] < 0) {
                throw new FileFormatException(src + ": dimension " + i + " is " + Integer.toUnsignedString(dims[i])
                        + ", beyond 2^31 - 1");
            }
        }
        long numel = 1;
        long need;
        try {
            for (int d : dims) {
                numel = Math.multiplyExact(numel, d);
            }
            need = Math.multiplyExact(numel, type.size());
        } catch (ArithmeticException e) {
            throw new FileFormatException(src + ": " + type.code() + " " + Arrays.toString(dims)
                    + " needs more than 2^63 bytes (the size overflows)");
        }
        long headerBytes = 4 + 4L * rank;
        String what = type.code() + " " + Arrays.toString(dims) + " needs " + need + " bytes";
        if (!in.gzip && need != in.size - headerBytes) {
            throw new FileFormatException(src + ": " + what + ", the file holds " + (in.size - headerBytes)
                    + " after its " + headerBytes + "-byte header");
        }
        if (in.gzip && need > MAX_GZIP_RATIO * in.size) {
            throw new FileFormatException(src + ": " + what + ", more than a gzip file of " + in.size
                    + " bytes can hold (at most " + MAX_GZIP_RATIO + " times its size)");
        }
        if (numel > MAX_ELEMENTS) {
            throw new FileFormatException(src + ": " + what + ": " + numel + " elements, beyond Java's array limit");
        }
        return new Header(type, dims, numel);
    }

    /** The file as a channel: the file itself, or its inflated content when it starts with the gzip magic. */
    private static final class Input implements AutoCloseable {
        final ReadableByteChannel channel;
        final boolean gzip;
        final long size;
        private final FileChannel file;

        private Input(FileChannel file, ReadableByteChannel channel, boolean gzip, long size) {
            this.file = file;
            this.channel = channel;
            this.gzip = gzip;
            this.size = size;
        }

        static Input open(Path path) throws IOException {
            FileChannel file = FileChannel.open(path, StandardOpenOption.READ);
            try {
                long size = file.size();
                ByteBuffer head = ByteBuffer.allocate(2);
                file.read(head, 0);
                boolean gzip = head.position() == 2 && (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b;
                if (!gzip) {
                    return new Input(file, file, false, size);
                }
                try {
                    GZIPInputStream z = new GZIPInputStream(
                            new BufferedInputStream(Channels.newInputStream(file), GZIP_BUFFER), GZIP_BUFFER);
                    return new Input(file, Channels.newChannel(z), true, size);
                } catch (EOFException e) {
                    throw new FileFormatException(path + ": gzip file ends inside its gzip header", e);
                }
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                channel.close();
            } finally {
                file.close();
            }
        }
    }
}
