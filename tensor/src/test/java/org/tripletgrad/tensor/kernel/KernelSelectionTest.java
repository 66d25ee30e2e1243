package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The choice of path as fresh JVMs make it, with and without the Vector API module. */
class KernelSelectionTest {
    private static final String EXPECTED_SUM = "sum=" + expectedSum();

    @Test
    void withoutTheModuleThePlainJavaPathIsUsedAndSaysWhy() throws Exception {
        ChildJvm p = ChildJvm.run(KernelSelectionProbe.class, List.of());
        assertEquals("path=scalar " + EXPECTED_SUM, p.stdout);
        assertTrue(p.stderr.contains("plain Java") && p.stderr.contains("not in the boot layer"), p.stderr);
    }

    @Test
    void withTheModuleTheVectorPathIsUsedAndLoggedOnce() throws Exception {
        ChildJvm p = ChildJvm.run(KernelSelectionProbe.class, List.of("--add-modules", Kernels.VECTOR_MODULE));
        assertEquals("path=vector " + EXPECTED_SUM, p.stdout);
        assertEquals(1, p.stderr.split("tripletgrad kernels:", -1).length - 1, p.stderr);
        assertTrue(p.stderr.contains("Vector API"), p.stderr);
    }

    @Test
    void thePropertyTurnsTheVectorPathOff() throws Exception {
        ChildJvm p = ChildJvm.run(KernelSelectionProbe.class,
                List.of("--add-modules", Kernels.VECTOR_MODULE, "-D" + Kernels.VECTOR_PROPERTY + "=false"));
        assertEquals("path=scalar " + EXPECTED_SUM, p.stdout);
        assertTrue(p.stderr.contains("-D" + Kernels.VECTOR_PROPERTY + "=false"), p.stderr);
    }

    /** The probe's checksum, from the naive loops: every entry is an integer, so the sum is exact on any path. */
    private static double expectedSum() {
        int n = 40;
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i % 7) - 3;
        }
        double[] c = NaiveLoops.matmul(a, a, n, n, n, NaiveLoops.PLAIN);
        double[] d = NaiveLoops.squaredDistances(a, a, n, n, n, NaiveLoops.PLAIN);
        double sum = 0.0;
        for (int i = 0; i < c.length; i++) {
            sum += c[i] + d[i];
        }
        return sum;
    }
}
