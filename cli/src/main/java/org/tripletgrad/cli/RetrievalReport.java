package org.tripletgrad.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.tripletgrad.triplet.eval.RetrievalMetrics;

/** Retrieval metrics as the commands show them: a table of the model beside raw pixels, or JSON objects. */
final class RetrievalReport {
    private RetrievalReport() {
    }

    /** {@code precisionAt1}, {@code recallAtK} (keyed by k), {@code mAP} and {@code queries}. */
    static Map<String, Object> json(RetrievalMetrics m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("precisionAt1", m.precisionAt1());
        Map<String, Object> recall = new LinkedHashMap<>();
        m.recallAtK().forEach((k, v) -> recall.put(Integer.toString(k), v));
        o.put("recallAtK", recall);
        o.put("mAP", m.meanAveragePrecision());
        o.put("queries", m.queries());
        return o;
    }

    /** The metrics of the model and of the raw pixels side by side, one figure a line. */
    static void table(PrintWriter out, String title, RetrievalMetrics model, RetrievalMetrics raw) {
        out.printf(Locale.ROOT, "%-36s %8s %11s%n", title, "model", "raw pixels");
        row(out, "precision@1", model.precisionAt1(), raw.precisionAt1());
        model.recallAtK().forEach((k, v) -> row(out, "recall@" + k, v, raw.recallAt(k)));
        row(out, "mAP", model.meanAveragePrecision(), raw.meanAveragePrecision());
        out.flush();
    }

    private static void row(PrintWriter out, String name, double model, double raw) {
        out.printf(Locale.ROOT, "  %-34s %8.4f %11.4f%n", name, model, raw);
    }
}
