package org.tripletgrad.autograd;

/** Thrown in anomaly mode by the first op whose forward value or backward gradient is NaN or infinite. */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** An anomaly with the given message, which names the op and where it was created. */
    public AnomalyException(String message) {
        super(message);
    }
}
