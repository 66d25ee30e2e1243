package org.tripletgrad.tensor.io;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Builds IDX file bytes by hand for the tests, independently of {@link Idx}, with {@link DataOutputStream}. */
final class IdxBytes {
    static final int U8 = 0x08;
    static final int I8 = 0x09;
    static final int I16 = 0x0B;
    static final int I32 = 0x0C;
    static final int F32 = 0x0D;
    static final int F64 = 0x0E;

    private IdxBytes() {
    }

    /** Magic {@code 00 00 type rank}, the sizes as big-endian ints, then each value big-endian. */
    static byte[] file(int type, int[] dims, double... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(0);
            out.writeByte(type);
            out.writeByte(dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            for (double v : values) {
                switch (type) {
                    case U8, I8 -> out.writeByte((int) v);
                    case I16 -> out.writeShort((int) v);
                    case I32 -> out.writeInt((int) v);
                    case F32 -> out.writeFloat((float) v);
                    default -> out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The bytes gzip'd. */
    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
