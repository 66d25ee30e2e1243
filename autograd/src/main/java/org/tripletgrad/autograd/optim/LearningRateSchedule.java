package org.tripletgrad.autograd.optim;

/**
 * The learning rate as a function of the step: the index of the update about to be made, 0 for the first.
 *
 * <p>Schedules are pure functions of the step, so a resumed run needs only its step count to continue the schedule.
 * Use one by setting the rate before each update:
 * <pre>{@code
 * optimizer.setLearningRate(schedule.rate(step));
 * optimizer.step();
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {
    /** The learning rate for update number {@code step} (0 for the first). */
    double rate(long step);

    /** The same rate at every step. */
    static LearningRateSchedule constant(double lr) {
        return step -> lr;
    }
}
