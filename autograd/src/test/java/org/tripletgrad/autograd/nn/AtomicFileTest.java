package org.tripletgrad.autograd.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writeCreatesAndThenReplacesTheFile() throws IOException {
        Path f = dir.resolve("a.bin");
        AtomicFile.write(f, new byte[] {1, 2, 3});
        AtomicFile.write(f, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(f));
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
        Path f = dir.resolve("p.bin");
        AtomicFile.write(f, new byte[] {1});
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
        assertTrue(perms.contains(PosixFilePermission.OWNER_READ));
        Path plain = Files.write(dir.resolve("plain.bin"), new byte[] {1});
        assertEquals(Files.getPosixFilePermissions(plain), perms, "same as a file created the ordinary way");
    }
}
