package org.tripletgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.tripletgrad.tensor.kernel.Kernels;

class BenchMatmulCommandTest {
    private static final String NUMBER = "(\\d+(?:\\.\\d+)?)";
    private static final Pattern ITEM = Pattern.compile(
            "\\{\"size\": (\\d+), \"threads\": (\\d+), \"impl\": \"(vector|scalar)\", \"gflops\": " + NUMBER + "}");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void jsonListsOneEntryPerSizeWithAPositiveRate() {
        int status = run("bench", "matmul", "--size", "5,33", "--threads", "2", "--impl", "scalar", "--seconds",
                "0.05", "--json");

        assertEquals(0, status, err.toString());
        String json = out.toString().trim();
        assertTrue(json.startsWith("[") && json.endsWith("]"), json);
        String[] items = json.substring(1, json.length() - 1).split(", (?=\\{)");
        assertEquals(2, items.length, json);
        int[] sizes = {5, 33};
        for (int i = 0; i < items.length; i++) {
            Matcher m = ITEM.matcher(items[i]);
            assertTrue(m.matches(), items[i]);
            assertEquals(sizes[i], Integer.parseInt(m.group(1)));
            assertEquals(2, Integer.parseInt(m.group(2)));
            assertEquals("scalar", m.group(3));
            assertTrue(Double.parseDouble(m.group(4)) > 0, items[i]);
        }
    }

    @Test
    void theTableNamesTheKernelTheLibraryChose() {
        int status = run("bench", "matmul", "--size", "16", "--seconds", "0.05");

        assertEquals(0, status, err.toString());
        String[] lines = out.toString().trim().split("\\R");
        assertEquals(2, lines.length, out.toString());
        String[] cells = lines[1].trim().split("\\s+");
        assertEquals("16", cells[0]);
        assertEquals(String.valueOf(Kernels.threads()), cells[1]);
        assertEquals(Kernels.matmul().name(), cells[2]);
    }

    @Test
    void aSizeOfZeroIsAnInputError() {
        assertEquals(Main.EXIT_USAGE, run("bench", "matmul", "--size", "256,0"));
        assertEquals("tripletgrad matmul: --size expects sizes in [1, 46340], got 0",
                err.toString().trim());
        assertEquals("", out.toString());
    }

    @Test
    void aThreadCountOfZeroIsAnInputError() {
        assertEquals(Main.EXIT_USAGE, run("bench", "matmul", "--size", "8", "--threads", "0"));
        assertTrue(err.toString().contains("--threads expects a count in [1, 256], got 0"), err.toString());
    }

    @Test
    void anUnknownKernelIsAUsageError() {
        assertEquals(Main.EXIT_USAGE, run("bench", "matmul", "--impl", "blas"));
        assertEquals(1, err.toString().trim().split("\\R").length, err.toString());
    }
}
