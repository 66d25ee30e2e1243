package org.tripletgrad.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

import org.tripletgrad.triplet.train.EpochStats;
import org.tripletgrad.triplet.train.StepStats;
import org.tripletgrad.triplet.train.TrainingListener;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows a training run's progress: on a terminal a progress bar per epoch (batches, running loss and active
 * fraction, time left), otherwise a plain log line every tenth of an epoch; after each epoch one line with the
 * epoch's loss, valid anchors, active fraction, precision@1, mAP and seconds. Warnings go to the error stream.
 */
final class TrainProgress implements TrainingListener {
    private static final int LOG_LINES_PER_EPOCH = 10;

    private final PrintWriter log;
    private final PrintWriter err;
    private final PrintStream terminal;
    private int lastEpoch;
    private int batches;
    private ProgressBar bar;
    private long epochStart;
    private double lossSum;
    private double activeSum;
    private int done;

    /**
     * Progress written to {@code log}, warnings to {@code err}; with a non-null {@code terminal} the batches of an
     * epoch are shown as a progress bar on it instead of log lines.
     */
    TrainProgress(PrintWriter log, PrintWriter err, PrintStream terminal) {
        this.log = log;
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void runStarting(int firstEpoch, int lastEpoch, int batchesPerEpoch) {
        this.lastEpoch = lastEpoch;
        this.batches = batchesPerEpoch;
        if (firstEpoch > lastEpoch) {
            log.printf("nothing to train: the run has completed its %d epochs%n", lastEpoch);
        }
        log.flush();
    }

    @Override
    public void epochStarting(int epoch) {
        epochStart = System.nanoTime();
        lossSum = 0;
        activeSum = 0;
        done = 0;
        if (terminal != null) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, lastEpoch))
                    .setInitialMax(batches).setUpdateIntervalMillis(250).clearDisplayOnFinish()
                    .setConsumer(new ConsoleProgressBarConsumer(terminal)).build();
        }
    }

    @Override
    public void stepDone(StepStats s) {
        lossSum += s.loss();
        activeSum += s.activeFraction();
        done++;
        String running = String.format(Locale.ROOT, "loss %.4f active %.3f", lossSum / done, activeSum / done);
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(running);
        } else if (done % Math.max(1, batches / LOG_LINES_PER_EPOCH) == 0 && done < batches) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            log.printf(Locale.ROOT, "epoch %d/%d  batch %d/%d  %s  %.1f s, about %.0f s left in the epoch%n",
                    s.epoch(), lastEpoch, done, batches, running, seconds, seconds / done * (batches - done));
            log.flush();
        }
    }

    @Override
    public void evaluating(int epoch) {
        if (bar != null) {
            bar.setExtraMessage("evaluating on the test set");
            bar.refresh();
        }
    }

    @Override
    public void epochDone(EpochStats e) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
        log.printf(Locale.ROOT, "epoch %2d/%d  loss %.4f  valid anchors %.1f  active %.3f  p@1 %.4f  mAP %.4f"
                + "  %.1f s (+ %.1f s evaluation)%n", e.epoch(), lastEpoch, e.loss(), e.validAnchors(),
                e.activeFraction(), e.metrics().precisionAt1(), e.metrics().meanAveragePrecision(), e.seconds(),
                e.evalSeconds());
        log.flush();
    }

    @Override
    public void warning(String message) {
        err.println("tripletgrad train: warning: " + message);
        err.flush();
    }

    /** Closes a progress bar left open by a run that stopped in the middle of an epoch. */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
