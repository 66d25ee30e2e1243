package org.tripletgrad.tensor.kernel;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * A fixed set of daemon threads that run the independent parts of one kernel call, the calling thread included.
 *
 * <p>A pool of {@code t} threads starts {@code t - 1} workers once; no call creates a thread. Parts are handed out
 * in index order to whichever thread is free, so a kernel must make every part's result independent of the thread
 * that computes it (the kernels here split rows and columns, never a sum). A call made from inside a worker runs
 * its parts on that worker, one after another, so nested calls cannot wait on one another.
 */
final class KernelPool {
    private static final ThreadLocal<Boolean> IN_WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final AtomicInteger POOL_NUMBER = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;

    /** A pool of {@code threads} threads in all: the caller and {@code threads - 1} workers. */
    KernelPool(int threads) {
        this.threads = threads;
        if (threads == 1) {
            this.workers = null;
            return;
        }
        int pool = POOL_NUMBER.incrementAndGet();
        AtomicInteger worker = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads - 1, task -> {
            Thread t = new Thread(() -> {
                IN_WORKER.set(Boolean.TRUE);
                task.run();
            }, "tripletgrad-kernel-" + pool + "-" + worker.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The number of threads a call may use, the caller included. */
    int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(part)} once for every part in [0, parts) and returns when all have finished.
     * The first exception thrown by a part is rethrown here, after the other parts have finished.
     */
    void forEach(int parts, IntConsumer body) {
        if (parts <= 1 || workers == null || IN_WORKER.get()) {
            for (int part = 0; part < parts; part++) {
                body.accept(part);
            }
            return;
        }
        Job job = new Job(parts, body);
        int helpers = Math.min(threads - 1, parts - 1);
        try {
            for (int h = 0; h < helpers; h++) {
                workers.execute(job::work);
            }
        } catch (RejectedExecutionException e) {
            // The pool was replaced by Kernels.setThreads while this call started; the caller does the rest.
        }
        job.work();
        job.await();
    }

    /** Lets the workers end once they are idle; calls already running finish normally. */
    void shutdown() {
        if (workers != null) {
            workers.shutdown();
        }
    }

    /** The parts of one call: a counter that hands them out and a latch that counts them done. */
    private static final class Job {
        private final int parts;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Job(int parts, IntConsumer body) {
            this.parts = parts;
            this.body = body;
            this.done = new CountDownLatch(parts);
        }

        void work() {
            for (int part = next.getAndIncrement(); part < parts; part = next.getAndIncrement()) {
                try {
                    body.accept(part);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    done.countDown();
                }
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            if (t != null) {
                throw new IllegalStateException("kernel: a part failed", t);
            }
        }
    }
}
