package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void theDefaultThreadCountIsTheProcessorCountCapped() {
        int expected = Math.min(Kernels.MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors());
        int before = Kernels.threads();
        try {
            Kernels.setThreads(expected);
            assertEquals(expected, Kernels.threads());
            Kernels.setThreads(3);
            assertEquals(3, Kernels.threads());
        } finally {
            Kernels.setThreads(before);
        }
    }

    @Test
    void threadCountsOutsideTheRangeAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(0));
        assertEquals("setThreads: expected a thread count in [1, 256], got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Kernels.setThreads(Kernels.MAX_THREADS + 1));
    }

    @Test
    void theKernelInUseFollowsTheModuleAndTheProperty() {
        boolean module = ModuleLayer.boot().findModule(Kernels.VECTOR_MODULE).isPresent();
        boolean off = "false".equals(System.getProperty(Kernels.VECTOR_PROPERTY));
        assertEquals(module && !off ? "vector" : "scalar", Kernels.matmul().name());
        assertEquals(module, Kernels.vectorMatMul().isPresent());
        assertTrue(Kernels.vectorInUse() == (module && !off));
    }
}
