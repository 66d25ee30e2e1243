package org.tripletgrad.tensor.io;

import java.io.IOException;

/**
 * A data file that cannot be read as what it claims to be: bad magic, a malformed or unsupported header, a shape that
 * needs more bytes than the file holds, truncated or trailing data, or values that do not fit what was asked of them.
 *
 * <p>It is an {@link IOException} on purpose: a broken input file is an input error, like a missing one, and callers
 * that already handle I/O failures (the command line maps them to exit status 2) handle this one too. The message
 * always starts with the file, then says what was expected and what was found, for example
 * {@code embeddings.npy: shape (100000, 100000) of <f8 needs 80000000000 bytes of data, the file holds 4096}.
 */
public class FileFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message, which should start with the file's name. */
    public FileFormatException(String message) {
        super(message);
    }

    /** An exception with the given message and the lower-level failure that revealed the problem. */
    public FileFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
