package org.tripletgrad.autograd.nn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.AtomicFile;

/**
 * Reads and writes a {@link StateDict} as a small binary file: model parameters, optimiser state and run metadata.
 *
 * <p>Format, version 1. Every integer is big-endian; a string is an int32 byte count followed by that many bytes of
 * UTF-8.
 * <pre>
 *   magic        8 bytes    the ASCII bytes "TGSTATE" and a zero byte
 *   version      int32      1
 *   text count   int32      then, per text entry: name (string), value (string)
 *   tensor count int32      then, per tensor: name (string), rank (int32), rank dimensions (int32 each),
 *                           the elements in row-major order (IEEE 754 float64, big-endian)
 *   checksum     int32      CRC-32C of every byte before it
 * </pre>
 * Entries keep the order of the dict. A file that is not in this format, of another version, truncated, or whose
 * checksum does not match is refused with one {@link IOException} whose message names the file and the problem;
 * sizes are checked against the bytes present before anything is allocated.
 *
 * <p>{@link #write} is atomic ({@link AtomicFile}): a crash leaves either the old file or the new one, never a mix.
 */
public final class StateFile {
    /** The first eight bytes of every state file. */
    static final byte[] MAGIC = {'T', 'G', 'S', 'T', 'A', 'T', 'E', 0};

    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private static final int MAX_RANK = 32;

    private StateFile() {
    }

    /**
     * Writes {@code state} to {@code file} atomically, replacing any file there.
     *
     * @throws IOException when the file cannot be written; the target is then left as it was
     */
    public static void write(Path file, StateDict state) throws IOException {
        try {
            AtomicFile.write(file, encode(state));
        } catch (IOException e) {
            throw new IOException("state file " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the state dict stored in {@code file}.
     *
     * @throws IOException when the file cannot be read, or is not a valid state file of this version; the message
     *     names the file and the problem
     */
    public static StateDict read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException("state file " + file + ": " + size + " bytes, larger than a state file can be");
        }
        return decode(file, Files.readAllBytes(file));
    }

    static byte[] encode(StateDict state) {
        List<byte[]> textBytes = new ArrayList<>();
        long size = MAGIC.length + 4L + 4 + 4 + 4;
        for (var e : state.text().entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] v = e.getValue().getBytes(StandardCharsets.UTF_8);
            textBytes.add(k);
            textBytes.add(v);
            size += 8L + k.length + v.length;
        }
        List<byte[]> tensorNames = new ArrayList<>();
        for (var e : state.tensors().entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            tensorNames.add(k);
            Tensor t = e.getValue();
            size += 4L + k.length + 4 + 4L * t.rank() + 8L * t.numel();
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("state file: " + size + " bytes, larger than a state file can be");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        buf.put(MAGIC).putInt(VERSION).putInt(state.text().size());
        for (byte[] b : textBytes) {
            buf.putInt(b.length).put(b);
        }
        buf.putInt(state.tensors().size());
        int i = 0;
        for (Tensor t : state.tensors().values()) {
            byte[] k = tensorNames.get(i++);
            buf.putInt(k.length).put(k).putInt(t.rank());
            for (int d : t.shape().dims()) {
                buf.putInt(d);
            }
            buf.asDoubleBuffer().put(t.data());
            buf.position(buf.position() + 8 * t.numel());
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putInt((int) crc.getValue());
        return buf.array();
    }

    static StateDict decode(Path file, byte[] bytes) throws IOException {
        Reader in = new Reader(file, bytes);
        if (bytes.length < MAGIC.length + 4) {
            throw in.fail("truncated: " + bytes.length + " bytes, too short for a state file header");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                throw in.fail("not a tripletgrad state file (the first bytes are not \"TGSTATE\")");
            }
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        int version = buf.getInt(MAGIC.length);
        if (version != VERSION) {
            throw in.fail("format version " + version + ", this build reads version " + VERSION);
        }
        if (bytes.length < MAGIC.length + 4 + 4 + 4 + 4) {
            throw in.fail("truncated: " + bytes.length + " bytes, too short for a state file");
        }
        int body = bytes.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, body);
        if ((int) crc.getValue() != buf.getInt(body)) {
            throw in.fail("checksum mismatch: the file is truncated or corrupt");
        }
        buf.limit(body).position(MAGIC.length + 4);
        return in.entries(buf);
    }

    /** Parses the checked body, refusing any count or size the remaining bytes cannot hold. */
    private static final class Reader {
        private final Path file;
        private final byte[] bytes;

        Reader(Path file, byte[] bytes) {
            this.file = file;
            this.bytes = bytes;
        }

        IOException fail(String problem) {
            return new IOException("state file " + file + ": " + problem);
        }

        StateDict entries(ByteBuffer buf) throws IOException {
            StateDict state = new StateDict();
            int texts = count(buf, 8, "text entries");
            for (int i = 0; i < texts; i++) {
                state.putText(string(buf), string(buf));
            }
            int tensors = count(buf, 8, "tensors");
            for (int i = 0; i < tensors; i++) {
                String name = string(buf);
                state.put(name, tensor(buf, name));
            }
            if (buf.hasRemaining()) {
                throw fail(buf.remaining() + " unexpected bytes after the last tensor");
            }
            return state;
        }

        private int count(ByteBuffer buf, int minBytesEach, String what) throws IOException {
            int n = getInt(buf, what + " count");
            if (n < 0 || (long) n * minBytesEach > buf.remaining()) {
                throw fail("corrupt: " + n + " " + what + " cannot fit in the " + buf.remaining() + " bytes left");
            }
            return n;
        }

        private String string(ByteBuffer buf) throws IOException {
            int n = getInt(buf, "string length");
            if (n < 0 || n > buf.remaining()) {
                throw fail("corrupt: a string of " + n + " bytes with " + buf.remaining() + " bytes left");
            }
            String s = new String(bytes, buf.position(), n, StandardCharsets.UTF_8);
            buf.position(buf.position() + n);
            return s;
        }

        private Tensor tensor(ByteBuffer buf, String name) throws IOException {
            int rank = getInt(buf, "rank of " + name);
            if (rank < 0 || rank > MAX_RANK || 4L * rank > buf.remaining()) {
                throw fail("corrupt: tensor " + name + " has rank " + rank);
            }
            int[] dims = new int[rank];
            long numel = 1;
            for (int d = 0; d < rank; d++) {
                dims[d] = buf.getInt();
                if (dims[d] < 0) {
                    throw fail("corrupt: tensor " + name + " has a negative dimension " + dims[d]);
                }
                numel = Math.min(numel * dims[d], Integer.MAX_VALUE + 1L);
            }
            if (8 * numel > buf.remaining()) {
                throw fail("corrupt: tensor " + name + " needs " + 8 * numel + " bytes, " + buf.remaining()
                        + " are left");
            }
            double[] values = new double[(int) numel];
            buf.asDoubleBuffer().get(values);
            buf.position(buf.position() + 8 * values.length);
            try {
                return Tensor.wrap(values, dims);
            } catch (IllegalArgumentException e) {
                throw fail("corrupt: tensor " + name + ": " + e.getMessage());
            }
        }

        private int getInt(ByteBuffer buf, String what) throws IOException {
            if (buf.remaining() < 4) {
                throw fail("corrupt: the file ends where the " + what + " should be");
            }
            return buf.getInt();
        }
    }
}
