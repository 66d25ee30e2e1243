package org.tripletgrad.tensor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tripletgrad.tensor.Shape;
import org.tripletgrad.tensor.Tensor;

/**
 * Interoperability with the real NumPy: files NumPy writes (every dtype, byte order, layout and format version) read
 * back exactly, and files {@link Npy} writes load in NumPy with the same values. Skipped when {@code /usr/bin/python3}
 * cannot import numpy (install python3-numpy to run it).
 */
class NpyNumpyInteropTest {
    private static final String PYTHON = "/usr/bin/python3";

    /** Writes arrays with numpy.lib.format.write_array and prints one manifest line per file. */
    private static final String NUMPY_WRITES = String.join("\n",
            "import sys, os, numpy as np",
            "from numpy.lib import format as fmt",
            "out = sys.argv[1]",
            "rng = np.random.default_rng(20240517)",
            "def values(code, n):",
            "    if code[0] == 'f':",
            "        v = (rng.standard_normal(n) * 1000).astype(code)",
            "        info = np.finfo(code)",
            "        special = [np.nan, np.inf, -np.inf, -0.0, info.smallest_subnormal, info.max, info.tiny]",
            "        k = min(n, len(special))",
            "        v[:k] = np.array(special[:k], dtype=code)",
            "        return v",
            "    if code == 'b1':",
            "        return rng.integers(0, 2, n).astype(bool)",
            "    info = np.iinfo(code)",
            "    v = rng.integers(info.min, info.max, n, endpoint=True, dtype=code)",
            "    v[:2] = [info.min, info.max][:n]",
            "    return v",
            "def show(x):",
            "    if isinstance(x, float):",
            "        return 'NaN' if x != x else 'Infinity' if x == float('inf') else '-Infinity' "
                    + "if x == float('-inf') else repr(x)",
            "    return str(int(x))",
            "for code in ['f8', 'f4', 'i8', 'i4', 'i2', 'i1', 'u1', 'b1']:",
            "    orders = ['<', '>'] if code not in ('i1', 'u1', 'b1') else ['|']",
            "    for order in orders:",
            "        for shape in [(3, 4, 5), (2, 3), (), (0, 3), (7,)]:",
            "            n = int(np.prod(shape))",
            "            c = values(code, n).reshape(shape).astype(order + code)",
            "            for fortran in (False, True):",
            "                if fortran and len(shape) < 2:",
            "                    continue",
            "                a = c.copy(order='F' if fortran else 'C')",
            "                for version in [(1, 0), (2, 0), (3, 0)]:",
            "                    name = '%s%s_%s_%s_v%d.npy' % ({'<': 'le', '>': 'be', '|': 'na'}[order], code,",
            "                        'x'.join(map(str, shape)) or 'scalar', 'F' if fortran else 'C', version[0])",
            "                    with open(os.path.join(out, name), 'wb') as f:",
            "                        fmt.write_array(f, a, version=version)",
            "                    vals = ' '.join(show(x) for x in c.ravel(order='C').tolist())",
            "                    print(name, a.dtype.str, ','.join(map(str, shape)), vals)");

    /** Loads each file given and prints its format version, dtype, shape and values (floats as IEEE bits). */
    private static final String NUMPY_READS = String.join("\n",
            "import sys, numpy as np",
            "from numpy.lib import format as fmt",
            "for path in sys.argv[1:]:",
            "    with open(path, 'rb') as f:",
            "        version = fmt.read_magic(f)",
            "    a = np.load(path, allow_pickle=False)",
            "    flat = a.astype('<f8').ravel().view('<u8') if a.dtype.kind == 'f' else a.ravel()",
            "    print(path.rsplit('/', 1)[1], '%d.%d' % version, a.dtype.str, ','.join(map(str, a.shape)),",
            "          ' '.join(str(int(x)) for x in flat.tolist()))");

    @TempDir
    Path dir;

    @BeforeAll
    static void requireNumpy() throws InterruptedException {
        boolean available;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            available = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            available = false;
        }
        assumeTrue(available, PYTHON + " with numpy is not available (install python3-numpy)");
    }

    @Test
    void filesNumpyWritesReadBackExactly() throws Exception {
        List<String> manifest = python(NUMPY_WRITES, dir.toString());

        for (String line : manifest) {
            String[] f = line.split(" ", 4);
            NdArray a = Npy.read(dir.resolve(f[0]));
            String[] values = f.length > 3 && !f[3].isEmpty() ? f[3].split(" ") : new String[0];

            assertEquals(f[1].substring(1), a.dtype().code(), f[0]);
            assertEquals(Shape.of(dims(f[2])), a.shape(), f[0]);
            assertEquals(values.length, a.numel(), f[0]);
            for (int i = 0; i < values.length; i++) {
                if (a.dtype().isFloat()) {
                    double expected = Double.parseDouble(values[i]);
                    assertEquals(0, Double.compare(expected, a.getDouble(i)), f[0] + " element " + i);
                } else {
                    assertEquals(Long.parseLong(values[i]), a.getLong(i), f[0] + " element " + i);
                }
            }
        }
        // 5 multi-byte dtypes x 2 byte orders + 3 one-byte dtypes; 5 shapes in C order and the 3 of rank >= 2 in
        // Fortran order; 3 versions.
        assertEquals(13 * 8 * 3, manifest.size());
    }

    @Test
    void filesWeWriteLoadInNumpyWithTheSameValues() throws Exception {
        SplittableRandom rng = new SplittableRandom(11);
        double[] values = Tensor.randn(rng, 60).mul(1e3).toArray();
        System.arraycopy(new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE}, 0, values, 0, 6);
        Tensor cube = Tensor.of(values, 3, 4, 5);
        int[] labels = rng.ints(50, -5, 1000).toArray();
        long[] longs = {Long.MIN_VALUE, -1, 0, 1, Long.MAX_VALUE, 1L << 53};
        List<Expected> expected = List.of(
                new Expected("cube.npy", "<f8", cube.shape(), bits(cube)),
                new Expected("view.npy", "<f8", Shape.of(5, 4, 3), bits(cube.permute(2, 1, 0))),
                new Expected("scalar.npy", "<f8", Shape.scalar(), bits(Tensor.scalar(-2.5))),
                new Expected("empty.npy", "<f8", Shape.of(0, 3), new long[0]),
                new Expected("labels.npy", "<i4", Shape.of(50), Arrays.stream(labels).asLongStream().toArray()),
                new Expected("grid.npy", "<i4", Shape.of(2, 3), new long[] {1, 2, 3, 4, 5, -6}),
                new Expected("longs.npy", "<i8", Shape.of(6), longs));
        Npy.write(dir.resolve("cube.npy"), cube);
        Npy.write(dir.resolve("view.npy"), cube.permute(2, 1, 0));
        Npy.write(dir.resolve("scalar.npy"), Tensor.scalar(-2.5));
        Npy.write(dir.resolve("empty.npy"), Tensor.zeros(0, 3));
        Npy.writeInts(dir.resolve("labels.npy"), labels);
        Npy.writeInts(dir.resolve("grid.npy"), new int[] {1, 2, 3, 4, 5, -6}, Shape.of(2, 3));
        Npy.writeInts(dir.resolve("longs.npy"), longs);

        List<String> args = new ArrayList<>();
        for (Expected e : expected) {
            args.add(dir.resolve(e.name).toString());
        }
        List<String> lines = python(NUMPY_READS, args.toArray(new String[0]));

        assertEquals(expected.size(), lines.size());
        for (int k = 0; k < lines.size(); k++) {
            Expected e = expected.get(k);
            String[] f = lines.get(k).split(" ", 5);
            String[] printed = f.length > 4 && !f[4].isEmpty() ? f[4].split(" ") : new String[0];
            // Float bits are printed as unsigned 64-bit integers, integers as themselves.
            long[] got = Arrays.stream(printed)
                    .mapToLong(e.descr.startsWith("<f") ? Long::parseUnsignedLong : Long::parseLong).toArray();

            assertEquals(e.name + " 1.0 " + e.descr + " " + shapeCsv(e.shape), String.join(" ",
                    Arrays.copyOf(f, 4)));
            assertTrue(Arrays.equals(e.values, got), e.name + ": NumPy read " + Arrays.toString(got));
        }
    }

    // ---------------------------------------------------------------- helpers

    private record Expected(String name, String descr, Shape shape, long[] values) {
    }

    private static long[] bits(Tensor t) {
        return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    private static int[] dims(String csv) {
        return csv.isEmpty() ? new int[0] : Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    private static String shapeCsv(Shape s) {
        return Arrays.stream(s.dims()).mapToObj(Integer::toString).reduce((a, b) -> a + "," + b).orElse("");
    }

    private List<String> python(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Path err = dir.resolve("python.err");
        Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python did not finish");
        assertEquals(0, p.exitValue(), () -> "python failed: " + readQuietly(err));
        Files.delete(err);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
