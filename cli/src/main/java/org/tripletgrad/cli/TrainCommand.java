package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for the {@code train} command, replaced by its implementation. */
@Command(name = "train", description = "Not built yet.")
final class TrainCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("train is not built yet");
    }
}
