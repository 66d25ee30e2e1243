package org.tripletgrad.tensor.io;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header of a {@code .npy} file: a Python dictionary literal with exactly the keys {@code descr} (the dtype
 * string, for example {@code '<f8'}), {@code fortran_order} ({@code True} or {@code False}) and {@code shape} (a
 * tuple of non-negative integers), as in {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * <p>The parser accepts the subset of Python literals that such a header can hold: strings in single or double
 * quotes, integers (with Python 2's {@code L} suffix), {@code True}, {@code False}, {@code None}, tuples and lists,
 * with any whitespace and trailing commas. It never evaluates anything.
 */
final class NpyHeader {
    /** A tuple or list literal. */
    private record Seq(boolean tuple, List<Object> items) {
    }

    final String descr;
    final DType dtype;
    final ByteOrder order;
    final boolean fortranOrder;
    final long[] shape;

    private NpyHeader(String descr, DType dtype, ByteOrder order, boolean fortranOrder, long[] shape) {
        this.descr = descr;
        this.dtype = dtype;
        this.order = order;
        this.fortranOrder = fortranOrder;
        this.shape = shape;
    }

    /**
     * Parses and checks a header.
     *
     * @throws FileFormatException naming {@code source} when the text is not such a dictionary or its dtype is not
     *     one tripletgrad reads
     */
    static NpyHeader parse(String text, String source) throws FileFormatException {
        Map<String, Object> dict = new Parser(text, source).dictionary();
        if (dict.size() != 3 || !dict.containsKey("descr") || !dict.containsKey("fortran_order")
                || !dict.containsKey("shape")) {
            throw new FileFormatException(source + ": header keys are " + dict.keySet()
                    + ", expected exactly [descr, fortran_order, shape]");
        }
        Object descr = dict.get("descr");
        if (descr instanceof Seq) {
            throw new FileFormatException(source + ": structured dtype " + show(descr)
                    + " (a list of fields) is not supported; save a plain numeric array");
        }
        if (!(descr instanceof String)) {
            throw new FileFormatException(source + ": 'descr' is " + show(descr) + ", expected a dtype string");
        }
        Object fortran = dict.get("fortran_order");
        if (!(fortran instanceof Boolean)) {
            throw new FileFormatException(source + ": 'fortran_order' is " + show(fortran)
                    + ", expected True or False");
        }
        String d = (String) descr;
        return new NpyHeader(d, dtypeOf(d, source), orderOf(d), (Boolean) fortran, shapeOf(dict.get("shape"), source));
    }

    /** The dictionary NumPy would write for a C-order array, without padding or newline. */
    static String format(String descr, int[] shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + formatShape(shape) + ", }";
    }

    /** A shape as a Python tuple: {@code ()}, {@code (5,)}, {@code (2, 3)}. */
    static String formatShape(long[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String formatShape(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return formatShape(s);
    }

    private static DType dtypeOf(String descr, String source) throws FileFormatException {
        boolean hasOrder = !descr.isEmpty() && "<>|=".indexOf(descr.charAt(0)) >= 0;
        String code = hasOrder ? descr.substring(1) : descr;
        DType t = DType.ofCode(code);
        if (t != null) {
            return t;
        }
        if (code.equals("O")) {
            throw new FileFormatException(source + ": dtype " + descr + " holds Python objects (a pickle), which"
                    + " is never read; save a numeric array");
        }
        throw new FileFormatException(source + ": dtype " + descr + " is not supported (supported: b1, u1, i1, i2,"
                + " i4, i8, f4, f8, in either byte order)");
    }

    /** {@code <} little-endian, {@code >} big-endian; {@code |}, {@code =} or none mean native, as in NumPy. */
    private static ByteOrder orderOf(String descr) {
        return switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }

    private static long[] shapeOf(Object value, String source) throws FileFormatException {
        if (!(value instanceof Seq) || !((Seq) value).tuple()) {
            throw new FileFormatException(source + ": 'shape' is " + show(value) + ", expected a tuple of integers");
        }
        List<Object> items = ((Seq) value).items();
        long[] shape = new long[items.size()];
        for (int i = 0; i < shape.length; i++) {
            Object item = items.get(i);
            if (!(item instanceof BigInteger)) {
                throw new FileFormatException(source + ": 'shape' is " + show(value) + ", expected integers");
            }
            BigInteger n = (BigInteger) item;
            if (n.signum() < 0) {
                throw new FileFormatException(source + ": 'shape' " + show(value) + " has a negative dimension");
            }
            if (n.bitLength() > 63) {
                throw new FileFormatException(source + ": 'shape' " + show(value) + " has a dimension that overflows"
                        + " a 64-bit integer");
            }
            shape[i] = n.longValue();
        }
        return shape;
    }

    private static String show(Object value) {
        if (value instanceof String) {
            return "'" + value + "'";
        }
        if (value instanceof Seq) {
            Seq s = (Seq) value;
            StringBuilder sb = new StringBuilder(s.tuple() ? "(" : "[");
            for (int i = 0; i < s.items().size(); i++) {
                sb.append(i == 0 ? "" : ", ").append(show(s.items().get(i)));
            }
            if (s.tuple() && s.items().size() == 1) {
                sb.append(',');
            }
            return sb.append(s.tuple() ? ")" : "]").toString();
        }
        return value == null ? "None" : value.toString().replace("true", "True").replace("false", "False");
    }

    /** Recursive descent over the literal; {@code at} is the next character. */
    private static final class Parser {
        private static final int MAX_DEPTH = 32;
        private final String text;
        private final String source;
        private int at;
        /** Nesting of tuples and lists; bounded so that a hostile header cannot exhaust the stack. */
        private int depth;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        Map<String, Object> dictionary() throws FileFormatException {
            Map<String, Object> dict = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                Object key = value();
                if (!(key instanceof String)) {
                    throw error("a string key");
                }
                expect(':');
                if (dict.put((String) key, value()) != null) {
                    throw error("no repeated key '" + key + "'");
                }
                if (peek() != '}') {
                    expect(',');
                }
            }
            expect('}');
            if (peek() != 0) {
                throw error("the end of the header after the dictionary");
            }
            return dict;
        }

        private Object value() throws FileFormatException {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string(c);
            }
            if (c == '(' || c == '[') {
                return sequence(c);
            }
            if (c == '-' || Character.isDigit(c)) {
                return integer();
            }
            if (Character.isLetter(c)) {
                return name();
            }
            throw error("a value");
        }

        private String string(char quote) throws FileFormatException {
            StringBuilder sb = new StringBuilder();
            at++;
            while (at < text.length() && text.charAt(at) != quote) {
                char c = text.charAt(at++);
                if (c == '\\' && at < text.length()) {
                    c = text.charAt(at++);
                }
                sb.append(c);
            }
            if (at >= text.length()) {
                throw error("a closing " + quote);
            }
            at++;
            return sb.toString();
        }

        private Seq sequence(char open) throws FileFormatException {
            char close = open == '(' ? ')' : ']';
            List<Object> items = new ArrayList<>();
            if (++depth > MAX_DEPTH) {
                throw error("at most " + MAX_DEPTH + " nested tuples or lists");
            }
            expect(open);
            while (peek() != close) {
                items.add(value());
                if (peek() != close) {
                    expect(',');
                }
            }
            expect(close);
            depth--;
            return new Seq(open == '(', items);
        }

        private BigInteger integer() throws FileFormatException {
            int start = at;
            if (text.charAt(at) == '-') {
                at++;
            }
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (at == start || text.charAt(at - 1) == '-') {
                throw error("digits");
            }
            BigInteger n = new BigInteger(text.substring(start, at));
            if (at < text.length() && (text.charAt(at) == 'L' || text.charAt(at) == 'l')) {
                at++;
            }
            return n;
        }

        private Object name() throws FileFormatException {
            int start = at;
            while (at < text.length() && Character.isLetterOrDigit(text.charAt(at))) {
                at++;
            }
            String word = text.substring(start, at);
            switch (word) {
                case "True":
                    return Boolean.TRUE;
                case "False":
                    return Boolean.FALSE;
                case "None":
                    return null;
                default:
                    at = start;
                    throw error("a value, not " + word);
            }
        }

        /** The next character after whitespace, or 0 at the end. */
        private char peek() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at < text.length() ? text.charAt(at) : 0;
        }

        private void expect(char c) throws FileFormatException {
            if (peek() != c) {
                throw error("'" + c + "'");
            }
            at++;
        }

        private FileFormatException error(String expected) {
            String found = at < text.length() ? "'" + text.charAt(at) + "'" : "the end";
            String shown = text.strip();
            if (shown.length() > 160) {
                shown = shown.substring(0, 160) + "...";
            }
            return new FileFormatException(source + ": header is not a valid .npy dictionary: expected " + expected
                    + " at character " + at + ", found " + found + ", in " + shown);
        }
    }
}
