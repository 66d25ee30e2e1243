package org.tripletgrad.tensor.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds {@code .npy} file bytes by hand for the tests, independently of {@link Npy}: the preamble, a header text
 * given verbatim, padding, and elements encoded one by one.
 */
final class NpyBytes {
    private NpyBytes() {
    }

    /** The usual header dictionary, in NumPy's key order. */
    static String dict(String descr, boolean fortran, String shapeTuple) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shapeTuple + ", }";
    }

    /**
     * A whole file: magic, version {@code major}.0, the header length (2 bytes for 1.0, else 4), {@code header}
     * padded with spaces and a newline so the data starts at a multiple of {@code align}, then {@code data}.
     */
    static byte[] file(int major, String header, byte[] data, int align) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        int prefix = major == 1 ? 10 : 12;
        int padded = text.length + 1;
        while ((prefix + padded) % align != 0) {
            padded++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        for (int i = 0; i < prefix - 8; i++) {
            out.write((padded >>> (8 * i)) & 0xff);
        }
        out.writeBytes(text);
        for (int i = text.length; i < padded - 1; i++) {
            out.write(' ');
        }
        out.write('\n');
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A version 1.0 file aligned to 64 bytes. */
    static byte[] file(String header, byte[] data) {
        return file(1, header, data, 64);
    }

    /** Integer or boolean elements of NumPy type {@code code} ({@code i8, i4, i2, i1, u1, b1}). */
    static byte[] ints(String code, ByteOrder order, long... values) {
        int size = Integer.parseInt(code.substring(1));
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (long v : values) {
            if (size == 8) {
                b.putLong(v);
            } else if (size == 4) {
                b.putInt((int) v);
            } else if (size == 2) {
                b.putShort((short) v);
            } else {
                b.put((byte) v);
            }
        }
        return b.array();
    }

    /** Float elements of NumPy type {@code f8} or {@code f4}. */
    static byte[] floats(String code, ByteOrder order, double... values) {
        boolean wide = code.equals("f8");
        ByteBuffer b = ByteBuffer.allocate(values.length * (wide ? 8 : 4)).order(order);
        for (double v : values) {
            if (wide) {
                b.putDouble(v);
            } else {
                b.putFloat((float) v);
            }
        }
        return b.array();
    }
}
