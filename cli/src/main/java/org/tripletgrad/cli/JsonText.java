package org.tripletgrad.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /**
     * A value built from maps (objects, in their iteration order, keys as strings), lists (arrays), strings,
     * booleans, null and numbers (doubles in full precision as {@link #number}, integers as they are).
     *
     * @throws IllegalArgumentException for any other kind of value
     */
    static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof String) {
            return string((String) v);
        }
        if (v instanceof Map) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            ((Map<?, ?>) v).forEach((k, x) -> j.add(string(String.valueOf(k)) + ": " + value(x)));
            return j.toString();
        }
        if (v instanceof List) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            ((List<?>) v).forEach(x -> j.add(value(x)));
            return j.toString();
        }
        throw new IllegalArgumentException("json: cannot write a " + v.getClass().getSimpleName());
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
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
