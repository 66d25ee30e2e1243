package org.tripletgrad.cli.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads an array from a .npy or .csv file, chosen by the file's extension. */
public final class ArrayFiles {
    private ArrayFiles() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when it is missing, unreadable, malformed, or has another extension
     */
    public static NumericArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".npy")) {
            return NpyReader.read(file);
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return CsvReader.read(file);
        }
        throw new IOException(file + ": expected a .npy or .csv file");
    }
}
