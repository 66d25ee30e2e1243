package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.logging.Level;
import java.util.logging.Logger;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code tripletgrad} command.
 *
 * <p>Exit status: 0 on success, 1 when the work itself fails (a gradcheck that does not pass, a training run that
 * diverges, an internal error), 2 for usage and input errors. Errors are one line on stderr; {@code --verbose} adds
 * the stack trace.
 */
@Command(name = "tripletgrad", mixinStandardHelpOptions = true, version = "tripletgrad 0.1.0",
        description = "Float64 tensors, reverse-mode autodiff and the batch-hard triplet loss, in pure Java.",
        subcommands = {
            GradcheckCommand.class,
            LossCommand.class,
            ExplainCommand.class,
            TrainCommand.class,
            EvalCommand.class,
            EmbedCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Exit status for usage and input errors. */
    public static final int EXIT_USAGE = 2;
    /** Exit status for failures of the work itself. */
    public static final int EXIT_FAILURE = 1;

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger LIBRARY_LOG = Logger.getLogger("org.tripletgrad");

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces and extra detail.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (try 'tripletgrad --help')");
    }

    /** Runs the command line and exits the JVM with its status. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit status; used by the tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        quietLibraryLogs(verbose);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("tripletgrad: " + oneLine(ex.getMessage()) + " (see 'tripletgrad "
                    + commandPath(ex.getCommandLine()) + "--help')");
            if (verbose) {
                ex.printStackTrace(err);
            }
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            int status = isInputError(ex) ? EXIT_USAGE : EXIT_FAILURE;
            String what = c.getCommandName();
            err.println("tripletgrad " + what + ": " + describe(ex));
            if (verbose) {
                ex.printStackTrace(err);
            }
            return status;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("tripletgrad: out of memory (" + oneLine(e.getMessage()) + "); use smaller sizes, or give"
                    + " the JVM more heap, e.g. TRIPLETGRAD_JAVA_OPTS=-Xmx8g");
            if (verbose) {
                e.printStackTrace(err);
            }
            return EXIT_FAILURE;
        }
    }

    /**
     * The library logs through System.Logger, which the JDK routes to java.util.logging on stderr. The command keeps
     * stderr for its own one-line messages, so library INFO lines (such as the kernel choice) show only with
     * --verbose; warnings always show.
     */
    private static void quietLibraryLogs(boolean verbose) {
        LIBRARY_LOG.setLevel(verbose ? Level.ALL : Level.WARNING);
    }

    private static String commandPath(CommandLine c) {
        StringBuilder sb = new StringBuilder();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            sb.insert(0, p.getCommandName() + " ");
        }
        return sb.toString();
    }

    private static boolean isInputError(Throwable ex) {
        return ex instanceof InputException
                || ex instanceof UncheckedIOException
                || ex instanceof NoSuchFileException
                || ex instanceof java.io.IOException;
    }

    private static String describe(Throwable ex) {
        String msg = ex.getMessage();
        if (ex instanceof NoSuchFileException) {
            return "no such file: " + msg;
        }
        if (ex instanceof AccessDeniedException) {
            return "permission denied: " + ((FileSystemException) ex).getFile();
        }
        if (ex instanceof NotDirectoryException) {
            return "not a folder: " + ((FileSystemException) ex).getFile();
        }
        if (ex instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) ex;
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : ex.getClass().getSimpleName());
        }
        if (ex instanceof CharacterCodingException) {
            return "a text file is not valid UTF-8 (" + ex.getClass().getSimpleName() + ")";
        }
        if (msg == null || msg.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return oneLine(msg);
    }

    /** The message folded onto one line. */
    static String oneLine(String msg) {
        return msg == null ? "" : msg.replaceAll("\\s*\\R\\s*", "; ").trim();
    }
}
