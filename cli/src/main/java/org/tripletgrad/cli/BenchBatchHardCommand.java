package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for {@code bench batch-hard}, replaced by its implementation. */
@Command(name = "batch-hard", description = "Not built yet.")
final class BenchBatchHardCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("bench batch-hard is not built yet");
    }
}
