package org.tripletgrad.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder for the {@code embed} command, replaced by its implementation. */
@Command(name = "embed", description = "Not built yet.")
final class EmbedCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("embed is not built yet");
    }
}
