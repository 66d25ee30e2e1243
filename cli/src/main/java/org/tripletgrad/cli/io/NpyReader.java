package org.tripletgrad.cli.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small reader of NumPy's .npy format (versions 1 to 3): little- or big-endian float32/64 and signed or unsigned
 * 8- to 64-bit integers, C or Fortran order.
 *
 * <p>Limitation: this covers only what the {@code loss} command reads; the library's full reader and writer,
 * {@code org.tripletgrad.tensor.io.Npy}, is meant to replace it.
 */
public final class NpyReader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiub])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read or is not a supported .npy file; the message names the file
     */
    public static NumericArray read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes.length <= i || bytes[i] != MAGIC[i]) {
                throw new IOException(file + ": not a .npy file (bad magic)");
            }
        }
        if (bytes.length < 10) {
            throw new IOException(file + ": truncated .npy header");
        }
        int major = bytes[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(buf.getShort(8)) : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (headerLen < 0 || start + headerLen > bytes.length) {
            throw new IOException(file + ": truncated .npy header");
        }
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeM = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeM.find()) {
            throw new IOException(file + ": unsupported .npy header " + header.trim());
        }
        int[] shape = parseShape(shapeM.group(1), file);
        long count = 1;
        for (int s : shape) {
            count *= s;
        }
        char kind = descr.group(2).charAt(0);
        int size = Integer.parseInt(descr.group(3));
        if (!(kind == 'f' && (size == 4 || size == 8)) && !(kind != 'f' && (size == 1 || size == 2 || size == 4
                || size == 8))) {
            throw new IOException(file + ": unsupported dtype " + descr.group(0).split(":")[1].trim());
        }
        int offset = start + headerLen;
        if (offset + count * size > bytes.length) {
            throw new IOException(file + ": expected " + count + " values of " + size + " bytes, the file is shorter");
        }
        buf.order(descr.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[(int) count];
        for (int i = 0; i < data.length; i++) {
            data[i] = value(buf, offset + i * size, kind, size);
        }
        if (fortran.group(1).equals("True")) {
            data = fromFortranOrder(data, shape);
        }
        return new NumericArray(file.toString(), shape, data, kind != 'f');
    }

    private static int[] parseShape(String text, Path file) throws IOException {
        String[] parts = text.split(",");
        int k = 0;
        int[] dims = new int[parts.length];
        for (String p : parts) {
            if (!p.isBlank()) {
                try {
                    dims[k++] = Integer.parseInt(p.trim());
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": bad shape (" + text + ")", e);
                }
            }
        }
        return Arrays.copyOf(dims, k);
    }

    private static double value(ByteBuffer b, int at, char kind, int size) {
        if (kind == 'f') {
            return size == 4 ? b.getFloat(at) : b.getDouble(at);
        }
        boolean unsigned = kind == 'u' || kind == 'b';
        switch (size) {
            case 1:
                return unsigned ? Byte.toUnsignedInt(b.get(at)) : b.get(at);
            case 2:
                return unsigned ? Short.toUnsignedInt(b.getShort(at)) : b.getShort(at);
            case 4:
                return unsigned ? Integer.toUnsignedLong(b.getInt(at)) : b.getInt(at);
            default:
                long v = b.getLong(at);
                return unsigned && v < 0 ? Math.pow(2, 64) + v : v;
        }
    }

    /** Column-major values of {@code shape} reordered to row-major. */
    private static double[] fromFortranOrder(double[] f, int[] shape) {
        int rank = shape.length;
        double[] out = new double[f.length];
        int[] idx = new int[rank];
        for (int c = 0; c < f.length; c++) {
            int r = 0;
            for (int d = 0; d < rank; d++) {
                r = r * shape[d] + idx[d];
            }
            out[r] = f[c];
            for (int d = 0; d < rank && ++idx[d] == shape[d]; d++) {
                idx[d] = 0;
            }
        }
        return out;
    }
}
