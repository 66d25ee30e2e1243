package org.tripletgrad.triplet.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.tripletgrad.autograd.Var;
import org.tripletgrad.autograd.nn.Sequential;
import org.tripletgrad.autograd.optim.Adam;
import org.tripletgrad.autograd.optim.ExponentialDecay;
import org.tripletgrad.autograd.optim.LearningRateSchedule;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.LabelledImages;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.eval.RetrievalEvaluator;
import org.tripletgrad.triplet.eval.RetrievalMetrics;

/**
 * Trains an {@link EmbeddingModel} with the triplet loss as a {@link Recipe} says, evaluating retrieval on the test
 * set after every epoch and keeping an atomic checkpoint of each completed epoch.
 *
 * <p>A step: draw batch b of epoch e from the {@link PkSampler} (P classes, K images each), standardise, forward
 * the network, compute the {@link TrainingLoss} at the step's curriculum weight, set Adam's learning rate from the
 * schedule, backward, update. An epoch is {@code trainImages / (P K)} steps. After each epoch the test images are
 * embedded and ranked ({@link RetrievalEvaluator}: precision@1, recall@k, mAP), and, when a checkpoint file is given,
 * the model, Adam's state, the counters, the history and the run's settings are written to it atomically.
 *
 * <p>Reproducibility: batches are a function of (seed, epoch, batch), the schedules of the step, the initial weights
 * of the seed; the fused loss and the evaluator give the same results whatever their thread count. So the same
 * recipe on the same data ends with the same weights and metrics bit for bit for any {@code threads}, and a run
 * resumed from the checkpoint of epoch e ends as the uninterrupted run does. Only the collapse detector's memory
 * starts afresh on a resume; it does not touch the weights.
 *
 * <p>A step whose loss or embeddings are NaN or infinite stops the run with a {@link TrainingDivergedException}
 * before the update, leaving the last checkpoint as it was. Collapse ({@link CollapseDetector}) is reported to the
 * listener as a warning; training continues. The trainer never prints.
 */
public final class Trainer {
    private static final String EPOCH = "epoch";
    private static final String STEP = "step";
    private static final String BATCHES = "batchesPerEpoch";
    private static final String TRAIN_SIZE = "data.trainImages";
    private static final String TRAIN_HASH = "data.trainHash";
    private static final String SETTINGS = "settings.";
    private static final String STEP_HISTORY = "history.steps";
    private static final String EPOCH_HISTORY = "history.epochs";
    private static final int STEP_COLUMNS = 4;

    private final Recipe recipe;
    private final EmbeddingModel model;
    private final Adam optimizer;
    private final LabelledImages train;
    private final LabelledImages test;
    private final PkSampler sampler;
    private final TrainingLoss loss;
    private final LearningRateSchedule schedule;
    private final int threads;
    private final List<EpochStats> epochs = new ArrayList<>();
    private final double[] steps;
    private int completed;

    private Trainer(Recipe recipe, EmbeddingModel model, LabelledImages train, LabelledImages test, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("trainer: expected at least 1 thread, got " + threads);
        }
        this.recipe = recipe;
        this.model = model;
        this.train = train;
        this.test = test;
        this.threads = threads;
        this.optimizer = new Adam(model.network().parameters(), recipe.learningRate());
        this.sampler = new PkSampler(train.labels(), recipe.p(), recipe.k(), recipe.seed());
        int b = sampler.batchesPerEpoch();
        this.loss = new TrainingLoss(recipe, b, threads);
        this.schedule = recipe.decays() ? new ExponentialDecay(recipe.learningRate(),
                (long) recipe.decayFromEpoch() * b, (long) recipe.decayToEpoch() * b)
                : LearningRateSchedule.constant(recipe.learningRate());
        this.steps = new double[(int) Math.min(Integer.MAX_VALUE, (long) recipe.epochs() * b * STEP_COLUMNS)];
    }

    /**
     * A new run: the standardiser is fitted on the training images and the model initialised from the seed.
     *
     * @throws IllegalArgumentException when the training set has fewer classes than P, fewer images than a batch,
     *     images of another width than the test set's, or non-finite pixels; or threads &lt; 1
     */
    public static Trainer start(Recipe recipe, LabelledImages train, LabelledImages test, int threads) {
        checkData(recipe, train, test);
        Standardizer s = Standardizer.fit(recipe.standardization(), train.images());
        return new Trainer(recipe, EmbeddingModel.create(recipe, train.images().dim(1), s), train, test, threads);
    }

    /**
     * A run continued from its checkpoint, to train up to {@code epochs} epochs in all with the checkpoint's recipe.
     *
     * @throws IllegalArgumentException naming the problem when the checkpoint cannot be resumed: epochs is below
     *     the epochs it has completed, the training data differ from the run's, or an entry is missing or does not
     *     fit
     */
    public static Trainer resume(Checkpoint checkpoint, LabelledImages train, LabelledImages test, int epochs,
            int threads) {
        EmbeddingModel saved = EmbeddingModel.fromCheckpoint(checkpoint);
        int done = (int) checkpoint.metaLong(EPOCH);
        if (epochs < done) {
            throw new IllegalArgumentException("resume: the run has completed " + done + " epochs, so it cannot end"
                    + " at " + epochs);
        }
        Recipe recipe = saved.recipe().withEpochs(epochs);
        checkData(recipe, train, test);
        long size = checkpoint.metaLong(TRAIN_SIZE);
        String hash = checkpoint.meta(TRAIN_HASH);
        if (size != train.size() || !hash.equals(dataHash(train))) {
            throw new IllegalArgumentException("resume: the training data differ from the run's: it trained on "
                    + size + " images (hash " + hash + "), these are " + train.size() + " (hash "
                    + dataHash(train) + ")");
        }
        EmbeddingModel model = EmbeddingModel.create(recipe, saved.inputs(), saved.standardizer());
        Trainer t = new Trainer(recipe, model, train, test, threads);
        if (checkpoint.metaLong(BATCHES) != t.sampler.batchesPerEpoch()) {
            throw new IllegalArgumentException("resume: the run had " + checkpoint.metaLong(BATCHES)
                    + " batches an epoch, this data gives " + t.sampler.batchesPerEpoch());
        }
        checkpoint.restore(model.network(), t.optimizer);
        t.restoreHistory(checkpoint.extras(), done);
        return t;
    }

    private static void checkData(Recipe recipe, LabelledImages train, LabelledImages test) {
        if (train.images().dim(1) != test.images().dim(1)) {
            throw new IllegalArgumentException("trainer: training images have " + train.images().dim(1)
                    + " pixels, test images " + test.images().dim(1));
        }
        if (train.size() < recipe.p() * recipe.k()) {
            throw new IllegalArgumentException("trainer: a batch of P K = " + recipe.p() * recipe.k()
                    + " images needs at least as many training images, got " + train.size());
        }
        if (test.size() < 2) {
            throw new IllegalArgumentException("trainer: evaluation needs at least 2 test images, got "
                    + test.size());
        }
    }

    /** A fingerprint of the training images and labels, to refuse resuming on other data. */
    private static String dataHash(LabelledImages data) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        ByteBuffer buf = ByteBuffer.allocate(8 * 1024);
        for (double v : data.images().data()) {
            if (buf.remaining() < Double.BYTES) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putDouble(v);
        }
        for (int label : data.labels()) {
            if (buf.remaining() < Integer.BYTES) {
                sha.update(buf.flip());
                buf.clear();
            }
            buf.putInt(label);
        }
        sha.update(buf.flip());
        return HexFormat.of().formatHex(sha.digest());
    }

    private void restoreHistory(Map<String, Tensor> extras, int done) {
        Tensor s = extras.get(STEP_HISTORY);
        Tensor e = extras.get(EPOCH_HISTORY);
        int stepCount = done * sampler.batchesPerEpoch();
        if (s == null || e == null || s.numel() != stepCount * STEP_COLUMNS || e.numel() != done
                * EpochStats.ROW_LENGTH) {
            throw new IllegalArgumentException("resume: the checkpoint's history does not cover its " + done
                    + " epochs of " + sampler.batchesPerEpoch() + " steps");
        }
        System.arraycopy(s.data(), 0, steps, 0, s.numel());
        double[] rows = e.data();
        for (int i = 0; i < done; i++) {
            epochs.add(EpochStats.fromRow(rows, i * EpochStats.ROW_LENGTH));
        }
        completed = done;
    }

    /** The recipe (with the epochs to reach). */
    public Recipe recipe() {
        return recipe;
    }

    /** The model being trained. */
    public EmbeddingModel model() {
        return model;
    }

    /** The number of epochs completed so far. */
    public int completedEpochs() {
        return completed;
    }

    /** The number of steps in an epoch. */
    public int batchesPerEpoch() {
        return sampler.batchesPerEpoch();
    }

    /**
     * Trains the remaining epochs up to the recipe's.
     *
     * @param checkpointFile where to write the checkpoint after each epoch, or null for none
     * @param settings text the caller wants kept in the checkpoint, as {@code settings.<key>} (for example where
     *     the data came from); may be empty
     * @param listener receives the progress
     * @throws TrainingDivergedException when a step's loss or embeddings are not finite
     * @throws IOException when a checkpoint cannot be written; the previous one is then left as it was
     */
    public TrainingResult run(Path checkpointFile, Map<String, String> settings, TrainingListener listener)
            throws IOException {
        int b = sampler.batchesPerEpoch();
        listener.runStarting(completed + 1, recipe.epochs(), b);
        CollapseDetector detector = recipe.soft() ? CollapseDetector.softMargin()
                : CollapseDetector.hinge(recipe.margin());
        while (completed < recipe.epochs()) {
            int epoch = completed + 1;
            listener.epochStarting(epoch);
            long start = System.nanoTime();
            for (int batch = 0; batch < b; batch++) {
                StepStats s = step(epoch, batch, checkpointFile);
                listener.stepDone(s);
                Optional<String> warning = detector.observe(s.step(), s.loss(), s.activeFraction(), s.spread());
                warning.ifPresent(listener::warning);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            listener.evaluating(epoch);
            long evalStart = System.nanoTime();
            RetrievalMetrics metrics = evaluate();
            EpochStats stats = summarise(epoch, metrics, seconds, (System.nanoTime() - evalStart) / 1e9);
            epochs.add(stats);
            completed = epoch;
            if (checkpointFile != null) {
                checkpoint(settings).write(checkpointFile);
            }
            listener.epochDone(stats);
            if (checkpointFile != null) {
                listener.checkpointWritten(epoch, checkpointFile);
            }
        }
        return result();
    }

    private StepStats step(int epoch, int batch, Path checkpointFile) {
        long step = (long) (epoch - 1) * sampler.batchesPerEpoch() + batch;
        int[] rows = sampler.batch(epoch - 1, batch);
        Labels labels = Labels.of(PkSampler.labelsOf(train.labels(), rows));
        Sequential net = model.network();
        net.zeroGrad();
        Tensor inputs = model.standardizer().apply(train.images().indexSelect(0, rows));
        Var embeddings = net.forward(Var.constant(inputs));
        StepLoss l = loss.apply(embeddings, labels, step);
        double value = l.value();
        String bad = !Double.isFinite(value) ? "the loss is " + value
                : embeddings.value().firstNonFinite() >= 0 ? "the embeddings hold NaN or infinite values" : null;
        if (bad != null) {
            throw diverged(step, epoch, batch, bad, checkpointFile);
        }
        double lr = schedule.rate(step);
        optimizer.setLearningRate(lr);
        l.loss().backward();
        optimizer.step();
        double spread = CollapseDetector.spread(embeddings.value());
        StepStats s = new StepStats(step, epoch, batch, value, l.metrics().activeFraction(),
                l.metrics().validAnchors(), spread, lr, l.hardWeight());
        int at = (int) step * STEP_COLUMNS;
        steps[at] = s.loss();
        steps[at + 1] = s.activeFraction();
        steps[at + 2] = s.validAnchors();
        steps[at + 3] = s.spread();
        return s;
    }

    private TrainingDivergedException diverged(long step, int epoch, int batch, String what, Path checkpointFile) {
        String kept = checkpointFile == null ? "no checkpoint is kept"
                : completed == 0 ? "no epoch was completed, so there is no checkpoint"
                : "the checkpoint of epoch " + completed + " in " + checkpointFile + " is kept";
        return new TrainingDivergedException(step, epoch, batch, String.format(Locale.ROOT,
                "training stopped at step %d (epoch %d, batch %d of %d): %s; %s", step + 1, epoch, batch + 1,
                sampler.batchesPerEpoch(), what, kept));
    }

    /** The retrieval metrics of the test set under the current model. */
    public RetrievalMetrics evaluate() {
        return RetrievalEvaluator.evaluate(model.embed(test.images()), test.labels(), threads);
    }

    private EpochStats summarise(int epoch, RetrievalMetrics metrics, double seconds, double evalSeconds) {
        int b = sampler.batchesPerEpoch();
        double[] sums = new double[STEP_COLUMNS];
        for (int i = 0; i < b; i++) {
            int at = ((epoch - 1) * b + i) * STEP_COLUMNS;
            for (int c = 0; c < STEP_COLUMNS; c++) {
                sums[c] += steps[at + c];
            }
        }
        return new EpochStats(epoch, sums[0] / b, sums[1] / b, sums[2] / b, sums[3] / b, metrics, seconds,
                evalSeconds);
    }

    /** A checkpoint of the current state: model, optimiser, counters, data fingerprint, history, settings. */
    public Checkpoint checkpoint(Map<String, String> settings) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(EPOCH, Integer.toString(completed));
        meta.put(STEP, Long.toString((long) completed * sampler.batchesPerEpoch()));
        meta.put(BATCHES, Integer.toString(sampler.batchesPerEpoch()));
        meta.put(TRAIN_SIZE, Integer.toString(train.size()));
        meta.put(TRAIN_HASH, dataHash(train));
        meta.putAll(model.metadata());
        settings.forEach((k, v) -> meta.put(SETTINGS + k, v));
        Map<String, Tensor> extras = new LinkedHashMap<>(model.extras());
        int stepCount = completed * sampler.batchesPerEpoch();
        extras.put(STEP_HISTORY, Tensor.of(Arrays.copyOf(steps, stepCount * STEP_COLUMNS), stepCount,
                STEP_COLUMNS));
        double[] rows = new double[completed * EpochStats.ROW_LENGTH];
        for (int i = 0; i < completed; i++) {
            System.arraycopy(epochs.get(i).toRow(), 0, rows, i * EpochStats.ROW_LENGTH, EpochStats.ROW_LENGTH);
        }
        extras.put(EPOCH_HISTORY, Tensor.of(rows, completed, EpochStats.ROW_LENGTH));
        return Checkpoint.capture(model.network(), optimizer, meta, extras);
    }

    /** The settings a checkpoint was written with ({@code settings.<key>} entries, prefix removed). */
    public static Map<String, String> settings(Checkpoint checkpoint) {
        Map<String, String> out = new LinkedHashMap<>();
        checkpoint.metadata().forEach((k, v) -> {
            if (k.startsWith(SETTINGS)) {
                out.put(k.substring(SETTINGS.length()), v);
            }
        });
        return out;
    }

    /** The epochs completed in the run a checkpoint belongs to. */
    public static int completedEpochs(Checkpoint checkpoint) {
        return (int) checkpoint.metaLong(EPOCH);
    }

    private TrainingResult result() {
        int stepCount = completed * sampler.batchesPerEpoch();
        double[] l = new double[stepCount];
        double[] a = new double[stepCount];
        for (int i = 0; i < stepCount; i++) {
            l[i] = steps[i * STEP_COLUMNS];
            a[i] = steps[i * STEP_COLUMNS + 1];
        }
        return new TrainingResult(model, epochs, l, a);
    }
}
