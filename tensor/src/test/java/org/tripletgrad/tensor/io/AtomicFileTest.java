package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/** {@link AtomicFile} and the writes of {@link Npy} built on it. */
class AtomicFileTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("x.bin"), "old");

        AtomicFile.write(target, out -> out.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
        assertEquals(List.of("x.bin"), names());
    }

    @Test
    void failedWriteLeavesTheOldFileAndRemovesTheTemporaryOne() throws IOException {
        Path target = Files.writeString(dir.resolve("x.bin"), "old");

        IOException e = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write(ByteBuffer.wrap(new byte[] {9, 9}));
            throw new IOException("disk full");
        }));

        assertEquals("disk full", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("x.bin"), names());
    }

    @Test
    void byteContentCreatesAndThenReplacesTheFile() throws IOException {
        Path target = dir.resolve("a.bin");

        AtomicFile.write(target, new byte[] {1, 2, 3});
        AtomicFile.write(target, new byte[] {4});

        assertArrayEquals(new byte[] {4}, Files.readAllBytes(target));
        assertEquals(List.of("a.bin"), names());
    }

    @Test
    void aFailedRenameLeavesTheTargetAsItWasAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("busy");
        Files.createDirectory(target);
        Files.write(target.resolve("inside"), new byte[] {9});

        assertThrows(IOException.class, () -> AtomicFile.write(target, new byte[] {1}));

        assertEquals(List.of("busy"), names());
        assertArrayEquals(new byte[] {9}, Files.readAllBytes(target.resolve("inside")));
    }

    @Test
    void theNewFileGetsTheUsualPermissionsNotOwnerOnly() throws IOException {
        Path target = dir.resolve("p.bin");
        AtomicFile.write(target, new byte[] {1});

        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(target);

        assertTrue(perms.contains(PosixFilePermission.OWNER_READ));
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(plain), perms, "same as a file created the ordinary way");
    }

    @Test
    void npyWriteReplacesEarlierContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("e.npy");

        Npy.write(target, Tensor.zeros(100, 100));
        Npy.write(target, Tensor.vector(1, 2));

        assertArrayEquals(new double[] {1, 2}, Npy.readTensor(target).toArray());
        assertEquals(List.of("e.npy"), names());
    }

    @Test
    void writeIntsRefusesAShapeThatTheValuesDoNotFill() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Npy.writeInts(dir.resolve("l.npy"), new int[] {1, 2, 3}, Shape.of(2, 2)));

        assertEquals("npy write: 3 values do not fill shape [2, 2] (4 elements)", e.getMessage());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
