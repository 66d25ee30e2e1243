package org.tripletgrad.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.AtomicFile;
import org.tripletgrad.tensor.io.LabelledImages;
import org.tripletgrad.tensor.io.MnistFolder;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.eval.Pca;
import org.tripletgrad.triplet.eval.Plots;
import org.tripletgrad.triplet.eval.RetrievalEvaluator;
import org.tripletgrad.triplet.eval.RetrievalMetrics;
import org.tripletgrad.triplet.train.Checkpoint;
import org.tripletgrad.triplet.train.EpochStats;
import org.tripletgrad.triplet.train.Recipe;
import org.tripletgrad.triplet.train.Standardization;
import org.tripletgrad.triplet.train.Trainer;
import org.tripletgrad.triplet.train.TrainingDivergedException;
import org.tripletgrad.triplet.train.TrainingResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad train}: trains an embedding MLP with the triplet loss on an MNIST-style folder (Fashion-MNIST
 * by default), evaluates retrieval on the test set after every epoch, and leaves in the run folder the checkpoint,
 * {@code metrics.json}, {@code loss.png} and {@code embedding.png}. Exit status 1 when training diverges.
 */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = RecipeDefaults.class,
        description = "Train an embedding network with the triplet loss on Fashion-MNIST (or any MNIST-style folder)"
                + " and evaluate retrieval after every epoch.")
final class TrainCommand implements Callable<Integer> {
    private static final List<String> RECIPE_OPTIONS = List.of("--mining", "--curriculum-epochs", "--margin",
            "--soft", "--normalize", "--standardize", "--lr", "--decay-from", "--decay-to", "--p", "--k", "--dim",
            "--hidden", "--init", "--seed");

    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions dataOptions;

    @Option(names = "--limit-train", paramLabel = "N", description = "Use only the first N training images.")
    Integer limitTrain;

    @Option(names = "--mining", paramLabel = "M", description = "batch-hard or batch-all (default: ${DEFAULT-VALUE}).")
    String mining;

    @Option(names = "--curriculum-epochs", paramLabel = "R", description = "Batch-hard only: over the first R epochs"
            + " the loss moves linearly from batch-all to batch-hard, (1 - w) all + w hard; 0 for plain batch-hard"
            + " (default: ${DEFAULT-VALUE}; 0 with --mining batch-all).")
    int curriculumEpochs;

    @Option(names = "--margin", paramLabel = "M", description = "Hinge margin >= 0 (default: ${DEFAULT-VALUE}).")
    double margin;

    @Option(names = "--soft", description = "Soft margin ln(1 + e^(d(a,p) - d(a,n))) instead of the hinge.")
    boolean soft;

    @Option(names = "--normalize", negatable = true, description = "Scale embeddings to unit length, or not"
            + " (default: on).")
    Boolean normalize;

    @Option(names = "--standardize", paramLabel = "S", description = "Input standardisation from the training set:"
            + " none, global or per-pixel (default: ${DEFAULT-VALUE}).")
    String standardize;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--decay-from", paramLabel = "E", description = "Exponential decay (Hermans et al. 2017) starts"
            + " after epoch E (default: ${DEFAULT-VALUE}).")
    int decayFrom;

    @Option(names = "--decay-to", paramLabel = "E", description = "... and reaches 0.001 times the rate at the end"
            + " of epoch E; --decay-from 0 --decay-to 0 for a constant rate (default: ${DEFAULT-VALUE}).")
    int decayTo;

    @Option(names = "--p", paramLabel = "P", description = "Classes per batch (default: ${DEFAULT-VALUE}).")
    int p;

    @Option(names = "--k", paramLabel = "K", description = "Images per class in a batch (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--dim", paramLabel = "D", description = "Embedding dimension (default: ${DEFAULT-VALUE}).")
    int dim;

    @Option(names = "--hidden", paramLabel = "W", split = ",", description = "Hidden layer widths, comma-separated"
            + " (default: ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--init", paramLabel = "I", description = "Weight initialisation: fan-in-uniform, he-uniform,"
            + " he-normal or xavier-uniform (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--epochs", paramLabel = "E", description = "Epochs in all; with --resume, the epoch to continue"
            + " to (default: ${DEFAULT-VALUE}, or the run's).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the weights and batches"
            + " (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Threads (default: the available processors)."
            + " Results do not depend on it.")
    Integer threads;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder for the checkpoint, metrics.json,"
            + " loss.png and embedding.png (default: runs/<timestamp>, or the --resume folder).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR (its folder or"
            + " checkpoint) up to --epochs epochs, with its recipe and data.")
    Path resume;

    @Option(names = "--json", description = "Print one JSON object at the end (settings, epochs, final) and no"
            + " progress on standard output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        ParseResult parsed = spec.commandLine().getParseResult();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        PrintWriter log = json ? stderr : stdout;
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new InputException("--threads: expected at least 1, got " + t);
        }

        Checkpoint resumed = null;
        Map<String, String> saved = Map.of();
        if (resume != null) {
            for (String o : RECIPE_OPTIONS) {
                if (parsed.hasMatchedOption(o)) {
                    throw new InputException(o + " cannot change on --resume: the run's recipe is in its checkpoint");
                }
            }
            resumed = Checkpoint.read(ModelPath.checkpoint(resume, "--resume"));
            saved = Trainer.settings(resumed);
        }
        Path folder = dataOptions.folder(saved.containsKey("data") ? Path.of(saved.get("data")) : null);
        int trainLimit = limitTrain != null ? DataOptions.limit(limitTrain, "--limit-train")
                : DataOptions.parseLimit(saved.get("limitTrain"));
        int testLimit = dataOptions.limitTest != null ? DataOptions.limit(dataOptions.limitTest, "--limit-test")
                : DataOptions.parseLimit(saved.get("limitTest"));
        Path runDir = out != null ? out : resume != null ? ModelPath.checkpoint(resume, "--resume").getParent()
                : defaultRunDir();
        Recipe recipe = resume == null ? recipe(parsed) : null;
        if (resume == null && Files.exists(runDir.resolve(Checkpoint.FILE_NAME))) {
            throw new InputException("--out " + runDir + " already holds a run's " + Checkpoint.FILE_NAME
                    + "; continue it with --resume " + runDir + " or choose another folder");
        }

        MnistFolder data = MnistFolder.open(folder);
        LabelledImages train = DataOptions.requireLabels(data.train(trainLimit), "training", folder);
        LabelledImages test = DataOptions.requireLabels(data.test(testLimit), "test", folder);
        Trainer trainer;
        try {
            trainer = resumed == null ? Trainer.start(recipe, train, test, t)
                    : Trainer.resume(resumed, train, test, parsed.hasMatchedOption("--epochs") ? epochs
                            : Recipe.fromMetadata(resumed::meta).epochs(), t);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        Files.createDirectories(runDir);
        if (!Files.isWritable(runDir)) {
            throw new InputException("--out " + runDir + ": the folder is not writable, so no checkpoint could be"
                    + " saved");
        }

        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("data", folder.toString());
        settings.put("limitTrain", DataOptions.limitText(trainLimit));
        settings.put("limitTest", DataOptions.limitText(testLimit));
        log.printf("%s: %d training and %d test images of %d x %d pixels from %s%n", resumed == null ? "training"
                : "resuming after epoch " + trainer.completedEpochs(), train.size(), test.size(), train.rows(),
                train.cols(), folder);
        log.printf("recipe: %s%n", trainer.recipe().describe(trainer.model().inputs()));
        log.printf("%d batches of %d an epoch, %d threads, run folder %s%n", trainer.batchesPerEpoch(),
                trainer.recipe().p() * trainer.recipe().k(), t, runDir);
        log.flush();

        Path checkpointFile = runDir.resolve(Checkpoint.FILE_NAME);
        TrainProgress progress = new TrainProgress(log, stderr, !json && System.console() != null ? System.out
                : null);
        TrainingResult result;
        try {
            result = trainer.run(checkpointFile, settings, progress);
        } catch (TrainingDivergedException e) {
            progress.close();
            stderr.println("tripletgrad train: " + e.getMessage());
            stderr.flush();
            return Main.EXIT_FAILURE;
        }

        log.printf("evaluating raw pixels on the %d test images%n", test.size());
        log.flush();
        RetrievalMetrics raw = RetrievalEvaluator.evaluate(test.images(), test.labels(), t);
        Map<String, Object> report = report(trainer, settings, t, runDir, result, raw);
        String text = JsonText.value(report);
        AtomicFile.write(runDir.resolve("metrics.json"), (text + "\n").getBytes(StandardCharsets.UTF_8));
        writePictures(runDir, result, test, folder);
        if (json) {
            stdout.println(text);
        } else {
            RetrievalReport.table(stdout, String.format(Locale.ROOT, "retrieval on %d test images", test.size()),
                    result.finalMetrics(), raw);
            stdout.printf("wrote %s: %s, metrics.json, loss.png, embedding.png%n", runDir, Checkpoint.FILE_NAME);
        }
        stdout.flush();
        return 0;
    }

    private static Path defaultRunDir() {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path dir = Path.of("runs", stamp);
        for (int i = 2; Files.exists(dir); i++) {
            dir = Path.of("runs", stamp + "-" + i);
        }
        return dir;
    }

    /** The default recipe with the options given on the command line. */
    private Recipe recipe(ParseResult parsed) {
        if (soft && parsed.hasMatchedOption("--margin")) {
            throw new InputException("--soft and --margin exclude each other: choose the soft margin or a margin");
        }
        try {
            Mining m = Mining.parse(mining);
            int r = m == Mining.BATCH_ALL && !parsed.hasMatchedOption("--curriculum-epochs") ? 0 : curriculumEpochs;
            return Recipe.DEFAULT.toBuilder().mining(m).curriculumEpochs(r).soft(soft).margin(margin)
                    .normalize(normalize != null ? normalize : Recipe.DEFAULT.normalize())
                    .standardization(Standardization.parse(standardize)).learningRate(lr)
                    .decay(decayFrom, decayTo).p(p).k(k).dim(dim).hidden(hidden).init(RecipeDefaults.parseInit(init))
                    .epochs(epochs).seed(seed).build();
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
    }

    private static Map<String, Object> report(Trainer trainer, Map<String, String> settings, int threads,
            Path runDir, TrainingResult result, RetrievalMetrics raw) {
        Recipe r = trainer.recipe();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("mining", r.mining().id());
        s.put("curriculumEpochs", r.curriculumEpochs());
        s.put("soft", r.soft());
        s.put("margin", r.margin());
        s.put("normalize", r.normalize());
        s.put("standardize", r.standardization().id());
        s.put("lr", r.learningRate());
        s.put("decayFrom", r.decayFromEpoch());
        s.put("decayTo", r.decayToEpoch());
        s.put("p", r.p());
        s.put("k", r.k());
        s.put("dim", r.dim());
        s.put("hidden", r.hidden());
        s.put("init", RecipeDefaults.initId(r.init()));
        s.put("epochs", r.epochs());
        s.put("seed", r.seed());
        s.put("threads", threads);
        s.put("data", settings.get("data"));
        s.put("limitTrain", settings.get("limitTrain"));
        s.put("limitTest", settings.get("limitTest"));
        s.put("batchesPerEpoch", trainer.batchesPerEpoch());
        s.put("out", runDir.toString());

        List<Object> epochs = new ArrayList<>();
        for (EpochStats e : result.epochs()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("epoch", e.epoch());
            o.put("loss", e.loss());
            o.put("validAnchors", e.validAnchors());
            o.put("activeFraction", e.activeFraction());
            o.put("spread", e.spread());
            o.put("precisionAt1", e.metrics().precisionAt1());
            o.put("mAP", e.metrics().meanAveragePrecision());
            o.put("seconds", e.seconds());
            o.put("evalSeconds", e.evalSeconds());
            epochs.add(o);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("settings", s);
        report.put("epochs", epochs);
        report.put("final", RetrievalReport.json(result.finalMetrics()));
        report.put("rawPixels", RetrievalReport.json(raw));
        return report;
    }

    private static void writePictures(Path runDir, TrainingResult result, LabelledImages test, Path folder)
            throws IOException {
        int n = result.stepLoss().length;
        double[] steps = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i + 1;
        }
        Plots.lossCurve(runDir.resolve("loss.png"), steps, result.stepLoss(), result.stepActiveFraction(),
                Plots.WIDTH, Plots.HEIGHT);
        Tensor embeddings = result.model().embed(test.images());
        Tensor points = embeddings.dim(1) >= 2 ? Pca.fit(embeddings, 2).transform(embeddings)
                : Tensor.zeros(embeddings.dim(0), 2).add(embeddings);
        int classes = 1 + Arrays.stream(test.labels()).max().orElse(0);
        RetrievalMetrics m = result.finalMetrics();
        Plots.embedding(runDir.resolve("embedding.png"), points, test.labels(), DataOptions.classNames(folder,
                classes), String.format(Locale.ROOT, "Test embeddings, first two principal components (p@1 %.3f,"
                + " mAP %.3f)", m.precisionAt1(), m.meanAveragePrecision()), Plots.WIDTH, Plots.HEIGHT);
    }
}
