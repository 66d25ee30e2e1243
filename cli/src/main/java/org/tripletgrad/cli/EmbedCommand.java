package org.tripletgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.Npy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad embed}: writes a saved model's test-set embeddings (float64, N x D) and labels (int32, N) as
 * NumPy {@code .npy} files, for {@code numpy.load} or {@code torch.from_numpy}.
 */
@Command(name = "embed", mixinStandardHelpOptions = true,
        description = "Write a trained model's test embeddings and labels to .npy files.")
final class EmbedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|DIR",
            description = "A checkpoint, or a training run's folder holding it.")
    Path model;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--out", paramLabel = "PREFIX|DIR", description = "A folder (existing, or ending in / and then created) gets"
            + " embeddings.npy and labels.npy; otherwise PREFIX-embeddings.npy and PREFIX-labels.npy"
            + " (default: the model's folder).")
    String out;

    @Override
    public Integer call() throws IOException {
        EvalCommand.LoadedModel m = EvalCommand.LoadedModel.load(model, dataOptions);
        Path[] files = targets(out, m.file.toAbsolutePath().getParent());
        Tensor embeddings = m.model.embed(m.test.images());
        Path parent = files[0].toAbsolutePath().getParent();
        if (out != null && out.endsWith("/") && !Files.exists(parent)) {
            Files.createDirectories(parent);
        }
        if (!Files.isDirectory(parent)) {
            throw new InputException("--out " + out + ": no folder " + parent);
        }
        Npy.write(files[0], embeddings);
        Npy.writeInts(files[1], m.test.labels());
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %d x %d embeddings to %s and %d labels to %s%n", embeddings.dim(0), embeddings.dim(1),
                files[0], m.test.size(), files[1]);
        w.flush();
        return 0;
    }

    /** The embeddings and labels files for {@code --out} (or the model's folder when null). */
    static Path[] targets(String out, Path modelDir) {
        if (out == null || out.endsWith("/") || Files.isDirectory(Path.of(out))) {
            Path dir = out == null ? modelDir : Path.of(out);
            return new Path[] {dir.resolve("embeddings.npy"), dir.resolve("labels.npy")};
        }
        return new Path[] {Path.of(out + "-embeddings.npy"), Path.of(out + "-labels.npy")};
    }
}
