package org.tripletgrad.cli.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.FileFormatException;

/**
 * Reads a numeric CSV file: one sample a line, values separated by commas (or whitespace). Blank lines and lines
 * starting with '#' are skipped. Every line must have the same number of values. A file of one value a line is read
 * as a 1-D array, any other as a 2-D array of one row a line.
 */
public final class CsvReader {
    private CsvReader() {
    }

    /**
     * Reads {@code file} as a float64 tensor.
     *
     * @throws FileFormatException when a value is not a number, the rows are ragged or there is no value; the message
     *     names the file and the line
     * @throws IOException when the file cannot be read
     */
    public static Tensor read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<double[]> rows = new ArrayList<>();
        int cols = -1;
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*,\\s*|\\s+");
            if (cols >= 0 && parts.length != cols) {
                throw new FileFormatException(file + ": ragged CSV, line " + (ln + 1) + " has " + parts.length
                        + " values, expected " + cols + " as on the first line");
            }
            cols = parts.length;
            double[] row = new double[cols];
            for (int c = 0; c < cols; c++) {
                try {
                    row[c] = Double.parseDouble(parts[c]);
                } catch (NumberFormatException e) {
                    throw new FileFormatException(file + ": line " + (ln + 1) + ", value " + (c + 1)
                            + ": expected a number, got '" + parts[c] + "'", e);
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new FileFormatException(file + ": expected at least one line of values, got none");
        }
        double[] data = new double[rows.size() * cols];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * cols, cols);
        }
        return cols == 1 ? Tensor.wrap(data, rows.size()) : Tensor.wrap(data, rows.size(), cols);
    }
}
