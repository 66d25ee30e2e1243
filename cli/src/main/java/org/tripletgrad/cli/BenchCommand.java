package org.tripletgrad.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tripletgrad bench}: timing commands whose figures can be set beside NumPy or PyTorch. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Time kernels and losses on this machine.",
        subcommands = {BenchMatmulCommand.class, BenchBatchHardCommand.class})
final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing benchmark: matmul or batch-hard");
    }
}
