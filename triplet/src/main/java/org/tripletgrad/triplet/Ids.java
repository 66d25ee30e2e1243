package org.tripletgrad.triplet;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up an option by the name the command line uses for it. */
public final class Ids {
    private Ids() {
    }

    /**
     * The value among {@code values} whose id is {@code id}.
     *
     * @param what the option's name, for the error
     * @throws IllegalArgumentException naming the accepted ids and the given one
     */
    public static <E> E parse(E[] values, Function<E, String> idOf, String what, String id) {
        for (E v : values) {
            if (idOf.apply(v).equals(id)) {
                return v;
            }
        }
        String accepted = Arrays.stream(values).map(idOf).collect(Collectors.joining(", "));
        throw new IllegalArgumentException(what + ": expected one of " + accepted + ", got '" + id + "'");
    }
}
