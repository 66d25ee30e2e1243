package org.tripletgrad.cli.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a numeric CSV file: one sample a line, values separated by commas (or whitespace). Blank lines and lines
 * starting with '#' are skipped. Every line must have the same number of values. A file of one value a line is read
 * as a 1-D array.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read, a value is not a number or the rows are ragged; the message
     *     names the file and the line
     */
    public static NumericArray read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        boolean integral = true;
        int cols = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*,\\s*|\\s+");
            if (cols >= 0 && parts.length != cols) {
                throw new IOException(file + ": ragged CSV, line " + (ln + 1) + " has " + parts.length
                        + " values, expected " + cols);
            }
            cols = parts.length;
            double[] row = new double[cols];
            for (int c = 0; c < cols; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new IOException(file + ": line " + (ln + 1) + ": not a number: '" + parts[c] + "'", e);
                }
                integral &= row[c] == Math.rint(row[c]) && !parts[c].contains(".") && !parts[c].contains("e")
                        && !parts[c].contains("E");
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(file + ": no values");
        }
        double[] data = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * cols, cols);
        }
        int[] shape = cols == 1 ? new int[] {rows.size()} : new int[] {rows.size(), cols};
        return new NumericArray(file.toString(), shape, data, integral);
    }
}
