package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for the {@code gradcheck} command, replaced by its implementation. */
@Command(name = "gradcheck", description = "Not built yet.")
final class GradcheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("gradcheck is not built yet");
    }
}
