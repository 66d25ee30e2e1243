package org.tripletgrad.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KernelPoolTest {
    private final Thread callerThread = Thread.currentThread();
    private KernelPool pool;

    @BeforeEach
    void start() {
        pool = new KernelPool(3);
    }

    @AfterEach
    void stop() {
        pool.shutdown();
    }

    @Test
    void everyPartRunsExactlyOnce() {
        AtomicIntegerArray runs = new AtomicIntegerArray(50);
        pool.forEach(50, runs::incrementAndGet);
        for (int part = 0; part < 50; part++) {
            assertEquals(1, runs.get(part), "part " + part);
        }
    }

    @Test
    void workersAreDaemonThreadsMadeOnce() {
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        for (int call = 0; call < 20; call++) {
            pool.forEach(8, part -> {
                seen.add(Thread.currentThread());
                busyWait();
            });
        }
        seen.remove(Thread.currentThread());
        assertTrue(seen.size() <= 2, "at most threads - 1 workers, saw " + seen);
        for (Thread t : seen) {
            assertTrue(t.isDaemon(), t.getName());
        }
    }

    @Test
    void theFirstFailureOfAPartIsRethrownToTheCaller() {
        IllegalStateException boom = new IllegalStateException("part 3");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pool.forEach(10, part -> {
            if (part == 3) {
                throw boom;
            }
        }));
        assertSame(boom, thrown);
    }

    @Test
    @Timeout(10)
    void nestedCallsFromWorkersRunInlineInsteadOfWaiting() {
        AtomicIntegerArray runs = new AtomicIntegerArray(16);
        pool.forEach(4, outer -> pool.forEach(4, inner -> runs.incrementAndGet(outer * 4 + inner)));
        for (int i = 0; i < 16; i++) {
            assertEquals(1, runs.get(i), "part " + i);
        }
    }

    @Test
    void aSingleThreadPoolRunsPartsInOrderOnTheCaller() {
        KernelPool serial = new KernelPool(1);
        StringBuilder order = new StringBuilder();
        serial.forEach(4, part -> {
            assertSame(Thread.currentThread(), callerThread);
            order.append(part);
        });
        assertEquals("0123", order.toString());
    }

    private static void busyWait() {
        long end = System.nanoTime() + 200_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
