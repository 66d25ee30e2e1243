package org.tripletgrad.autograd.nn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file's contents atomically: a reader, or a run killed at any moment, sees the old file or the new one,
 * never a part.
 *
 * <p>The bytes go to a temporary file in the target's directory (so the rename cannot cross file systems), which is
 * forced to disk, renamed over the target, and then the directory is forced so the rename itself is durable.
 */
public final class AtomicFile {
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFile() {
    }

    /**
     * Writes {@code bytes} to {@code file}, replacing it atomically.
     *
     * @throws IOException when writing fails; the target is then left as it was and the temporary file removed
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        // Not Files.createTempFile: its owner-only permissions would carry over to the renamed file.
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + COUNTER.incrementAndGet() + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target + ": the file system cannot rename atomically", e);
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
