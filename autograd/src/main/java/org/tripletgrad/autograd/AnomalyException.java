package org.tripletgrad.autograd;

/** Thrown in anomaly mode by the first op whose forward value or backward gradient is NaN or infinite. */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final String op;
    private final transient StackTraceElement origin;

    /** An anomaly with the given message, which names the op and where it was created. */
    public AnomalyException(String message) {
        this(null, null, message);
    }

    /**
     * An anomaly in {@code op}, created at {@code origin}.
     *
     * @param op the op's name, or null when unknown
     * @param origin the line of code that created the op, or null when unknown
     * @param message the full message, naming both
     */
    public AnomalyException(String op, StackTraceElement origin, String message) {
        super(message);
        this.op = op;
        this.origin = origin;
    }

    /** The name of the op that produced the anomaly, or null when unknown. */
    public String op() {
        return op;
    }

    /** The line of code that created the op, or null when unknown. */
    public StackTraceElement origin() {
        return origin;
    }
}
