package org.tripletgrad.tests.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The tries jqwik really runs: the configured default (junit-platform.properties, or -Djqwik.tries.default) or a
 * property's own count, times -Dtripletgrad.tries.scale. Counted by the properties themselves and checked after
 * the class has run, so a switch that does not reach jqwik fails the build.
 */
class TriesScaleProperties {
    private static final AtomicInteger DEFAULT_RUNS = new AtomicInteger();
    private static final AtomicInteger FIXED_RUNS = new AtomicInteger();

    @Property
    void countsTriesAtTheDefault(@ForAll long ignored) {
        DEFAULT_RUNS.incrementAndGet();
    }

    @Property(tries = 7)
    void countsTriesOfAFixedCount(@ForAll long ignored) {
        FIXED_RUNS.incrementAndGet();
    }

    @AfterContainer
    static void everyPropertyRanItsScaledTries() throws IOException {
        int scale = Integer.parseInt(System.getProperty("tripletgrad.tries.scale", "1"));
        String configured = System.getProperty("jqwik.tries.default");
        if (configured == null) {
            Properties p = new Properties();
            try (InputStream in = TriesScaleProperties.class.getResourceAsStream("/junit-platform.properties")) {
                p.load(in);
            }
            configured = p.getProperty("jqwik.tries.default");
        }

        assertEquals(Integer.parseInt(configured.trim()) * scale, DEFAULT_RUNS.get(), "tries at the default");
        assertEquals(7 * scale, FIXED_RUNS.get(), "tries of @Property(tries = 7)");
    }
}
