package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for {@code bench matmul}, replaced by its implementation. */
@Command(name = "matmul", description = "Not built yet.")
final class BenchMatmulCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("bench matmul is not built yet");
    }
}
