package org.tripletgrad.tensor.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file atomically: the content goes to a temporary file in the same directory, which is flushed to disk and
 * then renamed over the target. A reader sees the old file or the complete new one, never a partial write, even when
 * the writer is killed; a failed write leaves the target untouched and removes the temporary file. After the rename
 * the directory is flushed too (where the platform allows it), so the rename itself survives a crash of the machine.
 */
public final class AtomicFile {
    /** Writes the content of a file to an open channel. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}, which the caller closes. */
        void writeTo(FileChannel out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces (or creates) {@code target} with {@code bytes}, as {@link #write(Path, Content)} does. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        });
    }

    /**
     * Replaces (or creates) {@code target} with what {@code content} writes.
     *
     * <p>The temporary file is {@code .NAME.RANDOM.tmp} beside the target, created with the default permissions (so
     * the result has the permissions a plain write would give it). Where the file system cannot rename atomically,
     * the rename falls back to a plain replacing move.
     */
    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        String name = "." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp";
        Path tmp = dir.resolve(name);
        boolean moved = false;
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(out);
                out.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            forceDirectory(dir);
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or force a directory; the rename itself has still happened.
        }
    }
}
