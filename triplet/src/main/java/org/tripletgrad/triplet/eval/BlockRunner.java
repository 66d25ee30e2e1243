package org.tripletgrad.triplet.eval;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * Runs numbered blocks of work on a few threads, each with its own scratch state. Which thread runs a block is not
 * fixed, so a block's result must depend only on the block: then the outcome is the same for any thread count.
 */
final class BlockRunner {
    private BlockRunner() {
    }

    /**
     * Runs {@code work} for blocks 0 .. blocks - 1 on up to {@code threads} threads (the calling thread is one of
     * them), giving each thread a scratch state from {@code scratch}. Returns when every block is done; rethrows the
     * first failure.
     */
    static <W> void run(int blocks, int threads, Supplier<W> scratch, BiConsumer<W, Integer> work) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable loop = () -> {
            W w = scratch.get();
            for (int b = next.getAndIncrement(); b < blocks && failure.get() == null; b = next.getAndIncrement()) {
                try {
                    work.accept(w, b);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        int extra = Math.min(threads, blocks) - 1;
        Thread[] helpers = new Thread[Math.max(0, extra)];
        for (int t = 0; t < helpers.length; t++) {
            helpers[t] = new Thread(loop, "tripletgrad-eval-" + t);
            helpers[t].setDaemon(true);
            helpers[t].start();
        }
        loop.run();
        for (Thread t : helpers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for worker threads", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException) {
            throw (RuntimeException) f;
        }
        if (f instanceof Error) {
            throw (Error) f;
        }
    }
}
