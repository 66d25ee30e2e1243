package org.tripletgrad.autograd;

import org.tripletgrad.tensor.Tensor;

/**
 * Anomaly detection, off by default. When on, every op records the line of code that created it, and the first op
 * that produces NaN or an infinity, in its forward value or in a gradient it passes back, throws an
 * {@link AnomalyException} naming the op and that line. It costs a stack walk per op, so it is for debugging.
 */
public final class Anomaly {
    private static volatile boolean enabled;

    private Anomaly() {
    }

    /** Turns anomaly detection on or off for all threads. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether anomaly detection is on. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** The first stack frame outside this package: the user code that called the op. */
    static StackTraceElement callerOutsideAutograd() {
        String pkg = Anomaly.class.getPackageName() + ".";
        return StackWalker.getInstance()
                .walk(frames -> frames
                        .filter(f -> !f.getClassName().startsWith(pkg) || f.getClassName().contains("Test"))
                        .findFirst()
                        .map(StackWalker.StackFrame::toStackTraceElement)
                        .orElse(null));
    }

    static void checkForward(String op, Tensor value, StackTraceElement origin) {
        if (!isFinite(value)) {
            throw new AnomalyException(op + ": forward produced " + firstBad(value) + " (op created at "
                    + origin + ")");
        }
    }

    static void checkBackward(String op, int input, Tensor grad, StackTraceElement origin) {
        if (grad != null && !isFinite(grad)) {
            throw new AnomalyException(op + ": backward produced " + firstBad(grad) + " in the gradient of input "
                    + input + " (op created at " + origin + ")");
        }
    }

    private static boolean isFinite(Tensor t) {
        for (double v : t.data()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static String firstBad(Tensor t) {
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            if (!Double.isFinite(d[i])) {
                return d[i] + " at flat index " + i + " of " + t.shape();
            }
        }
        return "no anomaly";
    }
}
