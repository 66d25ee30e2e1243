package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for the {@code loss} command, replaced by its implementation. */
@Command(name = "loss", description = "Not built yet.")
final class LossCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("loss is not built yet");
    }
}
