package org.tripletgrad.autograd;

import java.security.CodeSource;
import java.util.Objects;

import org.tripletgrad.tensor.Tensor;

/**
 * Anomaly detection, off by default. When on, every op records the line of code that created it, and the first op
 * that produces NaN or an infinity, in its forward value or in a gradient it passes back, throws an
 * {@link AnomalyException} naming the op and that line. It costs a stack walk per op, so it is for debugging.
 *
 * <p>The recorded line is the first caller outside the autograd engine and outside the JDK: for an op called inside
 * a library layer (a loss, a model) it is that layer's line, since that is where the op was created. The backward
 * check names the line recorded at forward time, so anomaly mode must already be on when the graph is built.
 */
public final class Anomaly {
    private static final String ENGINE_PACKAGE = Anomaly.class.getPackageName() + ".";
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

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

    /** The first stack frame that is neither engine code nor JDK code: the code that called the op. */
    static StackTraceElement callerOutsideAutograd() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isEngineFrame(f.getDeclaringClass()) && !isJdkFrame(f.getDeclaringClass()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
    }

    /**
     * Whether {@code c} is part of the engine: in this package or below it, and loaded from the same place as this
     * class. The second condition keeps tests that live in the engine's package counted as callers.
     */
    private static boolean isEngineFrame(Class<?> c) {
        return c.getName().startsWith(ENGINE_PACKAGE) && Objects.equals(codeSource(c), codeSource(Anomaly.class));
    }

    private static boolean isJdkFrame(Class<?> c) {
        String module = c.getModule().getName();
        return module != null && (module.startsWith("java.") || module.startsWith("jdk."));
    }

    private static Object codeSource(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        return cs == null ? null : cs.getLocation();
    }

    static void checkForward(String op, Tensor value, StackTraceElement origin) {
        int bad = value.firstNonFinite();
        if (bad >= 0) {
            throw new AnomalyException(op, origin, op + ": forward produced " + where(value, bad) + " ("
                    + describe(origin) + ")");
        }
    }

    static void checkBackward(String op, int input, Tensor grad, StackTraceElement origin) {
        int bad = grad.firstNonFinite();
        if (bad >= 0) {
            throw new AnomalyException(op, origin, op + ": backward produced " + where(grad, bad)
                    + " in the gradient of input " + input + " (" + describe(origin) + ")");
        }
    }

    private static String describe(StackTraceElement origin) {
        return origin != null ? "op created at " + origin
                : "origin unknown: anomaly mode was off when the op was created";
    }

    private static String where(Tensor t, int flat) {
        return t.data()[flat] + " at flat index " + flat + " of " + t.shape();
    }
}
