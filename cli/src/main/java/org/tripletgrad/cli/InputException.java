package org.tripletgrad.cli;

/**
 * A problem with what the user gave the command: a missing or malformed file, an out-of-range option, data that
 * contradicts itself. The command exits with status 2 and prints the message as one line.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An input problem described by {@code message}, which names the file or option, the expected and the actual. */
    public InputException(String message) {
        super(message);
    }

    /** An input problem caused by {@code cause}, for example an I/O or format error while reading a file. */
    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
