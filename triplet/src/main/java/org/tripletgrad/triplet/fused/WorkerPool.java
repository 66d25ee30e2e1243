package org.tripletgrad.triplet.fused;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/** Daemon threads for the fused kernel, one fixed pool per thread count, kept for the life of the JVM. */
final class WorkerPool {
    private static final Map<Integer, ExecutorService> POOLS = new ConcurrentHashMap<>();

    private WorkerPool() {
    }

    /**
     * Runs {@code worker.accept(t)} for t = 0 .. threads - 1 at the same time, t = 0 on the calling thread, and
     * returns when all are done; an exception in any of them is rethrown.
     */
    static void run(int threads, IntConsumer worker) {
        if (threads == 1) {
            worker.accept(0);
            return;
        }
        ExecutorService pool = POOLS.computeIfAbsent(threads - 1, WorkerPool::newPool);
        List<Future<?>> others = new ArrayList<>();
        for (int t = 1; t < threads; t++) {
            int id = t;
            others.add(pool.submit(() -> worker.accept(id)));
        }
        worker.accept(0);
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("fused batch-hard: interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof RuntimeException ? (RuntimeException) c : new IllegalStateException(c);
            }
        }
    }

    private static ExecutorService newPool(int size) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "tripletgrad-fused");
            t.setDaemon(true);
            return t;
        });
    }
}
