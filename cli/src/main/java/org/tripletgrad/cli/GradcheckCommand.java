package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.tripletgrad.autograd.check.GradCheck;
import org.tripletgrad.autograd.check.GradCheckReport;
import org.tripletgrad.autograd.check.GradcheckCase;
import org.tripletgrad.autograd.check.OpCases;
import org.tripletgrad.tensor.Shape;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tripletgrad gradcheck}: checks the backward rule of every op and the gradient of every triplet loss (or of
 * one of them) against central finite differences on random inputs kept away from kinks, with PyTorch's default
 * tolerances, and prints one row per case. Exit status 1 when any case fails, 2 for an unknown one.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check the gradient of every op and triplet loss against central finite differences (eps 1e-6,"
                + " atol 1e-5, rtol 1e-3) on random inputs away from kinks.")
final class GradcheckCommand implements Callable<Integer> {
    @Option(names = "--op", paramLabel = "NAME", description = "Check only this op or loss.")
    String op;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the random inputs and weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print a JSON list of {op, shapes, maxAbsError, maxRelError, passed}.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Supplier<List<GradcheckCase>> registry;

    /** The command over {@link #cases()}. */
    GradcheckCommand() {
        this(GradcheckCommand::cases);
    }

    /** The command over other cases; for tests. */
    GradcheckCommand(Supplier<List<GradcheckCase>> registry) {
        this.registry = registry;
    }

    /**
     * Every case the command knows: the autograd ops, then the triplet losses. Add an entry here to have it checked
     * and listed by {@code --op}.
     */
    static List<GradcheckCase> cases() {
        List<GradcheckCase> all = new ArrayList<>(OpCases.all());
        all.addAll(TripletCases.all());
        return List.copyOf(all);
    }

    @Override
    public Integer call() {
        List<GradcheckCase> all = registry.get();
        List<GradcheckCase> selected = select(all);
        GradCheck check = GradCheck.defaults().withSeed(seed);
        List<Row> rows = new ArrayList<>();
        for (GradcheckCase c : selected) {
            rows.add(new Row(c.name(), c.run(check, new SplittableRandom(caseSeed(c.name())))));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            printJson(out, rows);
        } else {
            // The width of every name, so that --op X prints X's row of the full table.
            printTable(out, rows, check, all.stream().mapToInt(c -> c.name().length()).max().orElse(0));
        }
        out.flush();
        return rows.stream().allMatch(r -> r.report.passed()) ? 0 : Main.EXIT_FAILURE;
    }

    private List<GradcheckCase> select(List<GradcheckCase> all) {
        if (op == null) {
            return all;
        }
        for (GradcheckCase c : all) {
            if (c.name().equals(op)) {
                return List.of(c);
            }
        }
        throw new InputException("--op: unknown op or loss '" + op + "'; valid names: "
                + all.stream().map(GradcheckCase::name).collect(Collectors.joining(", ")));
    }

    /** A case's inputs depend on the seed and its name only, so {@code --op X} repeats X's row of the full run. */
    private long caseSeed(String name) {
        return seed * 0x9E3779B97F4A7C15L + name.hashCode();
    }

    private static void printTable(PrintWriter out, List<Row> rows, GradCheck check, int width) {
        String format = "%-" + Math.max(width, 14) + "s %-22s %14s %14s  %s%n";
        out.printf(Locale.ROOT, format, "op", "inputs", "max abs error", "max rel error", "result");
        for (Row r : rows) {
            out.printf(Locale.ROOT, format, r.name, shapes(r.report.inputShapes()), sci(r.report.maxAbsError()),
                    sci(r.report.maxRelError()), r.report.passed() ? "pass" : "FAIL");
        }
        long failed = rows.stream().filter(r -> !r.report.passed()).count();
        out.printf(Locale.ROOT, "%d checked, %d passed, %d failed (every element, eps %.0e, |a - n| <= %.0e + %.0e"
                + " |n|)%n", rows.size(), rows.size() - failed, failed, check.eps(), check.atol(), check.rtol());
        for (Row r : rows) {
            if (!r.report.passed()) {
                out.println(r.name + ": " + r.report);
            }
        }
    }

    private static void printJson(PrintWriter out, List<Row> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            sb.append(i == 0 ? "\n  " : ",\n  ").append("{\"op\": \"").append(r.name).append("\", \"shapes\": [")
                    .append(r.report.inputShapes().stream().map(Shape::toString).collect(Collectors.joining(", ")))
                    .append("], \"maxAbsError\": ").append(JsonText.number(r.report.maxAbsError()))
                    .append(", \"maxRelError\": ").append(JsonText.number(r.report.maxRelError()))
                    .append(", \"passed\": ").append(r.report.passed()).append('}');
        }
        out.println(sb.append(rows.isEmpty() ? "]" : "\n]"));
    }

    private static String shapes(List<Shape> shapes) {
        return shapes.stream().map(Shape::toString).collect(Collectors.joining(", "));
    }

    private static String sci(double v) {
        return String.format(Locale.ROOT, "%.2e", v);
    }

    private record Row(String name, GradCheckReport report) {
    }
}
