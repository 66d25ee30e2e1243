package org.tripletgrad.cli;

import java.util.List;
import java.util.StringJoiner;

import org.tripletgrad.triplet.BatchMetrics;
import org.tripletgrad.triplet.Triplet;

/** Writes the few JSON values the commands print: numbers that round-trip, matrices, triplets, metrics. */
final class JsonText {
    private JsonText() {
    }

    /** The shortest decimal that reads back as {@code v}; null for NaN and infinities, which JSON lacks. */
    static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    /** A matrix of {@code rows} x {@code cols} values stored row-major, as a list of lists. */
    static String matrix(double[] data, int rows, int cols) {
        StringJoiner outer = new StringJoiner(", ", "[", "]");
        for (int i = 0; i < rows; i++) {
            StringJoiner inner = new StringJoiner(", ", "[", "]");
            for (int j = 0; j < cols; j++) {
                inner.add(number(data[i * cols + j]));
            }
            outer.add(inner.toString());
        }
        return outer.toString();
    }

    /** Triplets as a list of [a, p, n]. */
    static String triplets(List<Triplet> triplets) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (Triplet t : triplets) {
            j.add("[" + t.anchor() + ", " + t.positive() + ", " + t.negative() + "]");
        }
        return j.toString();
    }

    /** The batch metrics as an object. */
    static String metrics(BatchMetrics m) {
        return "{\"anchors\": " + m.anchors() + ", \"validAnchors\": " + m.validAnchors() + ", \"terms\": " + m.terms()
                + ", \"activeFraction\": " + number(m.activeFraction())
                + ", \"meanHardestPositive\": " + number(m.meanHardestPositive())
                + ", \"meanHardestNegative\": " + number(m.meanHardestNegative())
                + ", \"meanEmbeddingNorm\": " + number(m.meanEmbeddingNorm()) + "}";
    }
}
