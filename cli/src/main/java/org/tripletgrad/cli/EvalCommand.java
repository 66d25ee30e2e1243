package org.tripletgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletgrad.tensor.io.LabelledImages;
import org.tripletgrad.triplet.eval.RetrievalEvaluator;
import org.tripletgrad.triplet.eval.RetrievalMetrics;
import org.tripletgrad.triplet.train.Checkpoint;
import org.tripletgrad.triplet.train.EmbeddingModel;
import org.tripletgrad.triplet.train.Trainer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad eval}: the retrieval metrics (precision@1, recall@k, mAP) of a saved model on the test set,
 * with the raw pixels' figures beside them.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained model's test-set retrieval (precision@1, recall@k, mAP) beside raw pixels.")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "FILE|DIR",
            description = "A checkpoint, or a training run's folder holding " + Checkpoint.FILE_NAME + ".")
    Path model;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: the available processors).")
    Integer threads;

    @Option(names = "--json", description = "Print one JSON object: model, epoch, data, testImages, metrics,"
            + " rawPixels.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        LoadedModel m = LoadedModel.load(model, dataOptions);
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new InputException("--threads: expected at least 1, got " + t);
        }
        LabelledImages test = m.test;
        RetrievalMetrics metrics = RetrievalEvaluator.evaluate(m.model.embed(test.images()), test.labels(), t);
        RetrievalMetrics raw = RetrievalEvaluator.evaluate(test.images(), test.labels(), t);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", m.file.toString());
            o.put("epoch", m.epoch);
            o.put("data", m.folder.toString());
            o.put("testImages", test.size());
            o.put("metrics", RetrievalReport.json(metrics));
            o.put("rawPixels", RetrievalReport.json(raw));
            out.println(JsonText.value(o));
        } else {
            out.printf("model %s: epoch %d, %s%n", m.file, m.epoch, m.model.recipe().describe(m.model.inputs()));
            RetrievalReport.table(out, String.format(Locale.ROOT, "retrieval on %d test images", test.size()),
                    metrics, raw);
        }
        out.flush();
        return 0;
    }

    /** A model read from its checkpoint together with the test images it is to be applied to. */
    static final class LoadedModel {
        final Path file;
        final int epoch;
        final EmbeddingModel model;
        final Path folder;
        final LabelledImages test;

        private LoadedModel(Path file, int epoch, EmbeddingModel model, Path folder, LabelledImages test) {
            this.file = file;
            this.epoch = epoch;
            this.model = model;
            this.folder = folder;
            this.test = test;
        }

        /**
         * The model in {@code fileOrDir} and the test images of {@code --data} (default: the folder the run trained
         * on), all of them unless {@code --limit-test}.
         *
         * @throws InputException when the checkpoint cannot be used or the images do not fit the model
         */
        static LoadedModel load(Path fileOrDir, DataOptions data) throws IOException {
            Path file = ModelPath.checkpoint(fileOrDir, "--model");
            Checkpoint c = Checkpoint.read(file);
            EmbeddingModel model;
            try {
                model = EmbeddingModel.fromCheckpoint(c);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + ": " + e.getMessage(), e);
            }
            String trained = Trainer.settings(c).get("data");
            Path folder = data.folder(trained != null ? Path.of(trained) : null);
            LabelledImages test = DataOptions.test(folder, DataOptions.limit(data.limitTest, "--limit-test"));
            if (test.images().dim(1) != model.inputs()) {
                throw new InputException(folder + ": the test images have " + test.images().dim(1)
                        + " pixels, the model takes " + model.inputs());
            }
            if (test.size() < 2) {
                throw new InputException("--limit-test: retrieval needs at least 2 test images, got " + test.size());
            }
            return new LoadedModel(file, Trainer.completedEpochs(c), model, folder, test);
        }
    }
}
