package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for the {@code explain} command, replaced by its implementation. */
@Command(name = "explain", description = "Not built yet.")
final class ExplainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("explain is not built yet");
    }
}
