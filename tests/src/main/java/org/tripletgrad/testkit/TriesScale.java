package org.tripletgrad.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * A jqwik lifecycle hook that multiplies every property's number of tries by the system property
 * {@value #SCALE_PROPERTY} (an integer, 1 when absent), so a whole suite can be run more thoroughly without editing
 * it: {@code mvn -B verify -Dtripletgrad.tries.scale=10}. Maven forwards {@code -D} options to the test JVM.
 * {@code @Example}s run once regardless.
 *
 * <p>The base of a property is its {@code @Property(tries = ...)} when given, else jqwik's configured default: the
 * system property or {@code junit-platform.properties} entry {@code jqwik.tries.default}, else jqwik's own 1000.
 *
 * <p>Register it for a whole test suite by listing {@code org.tripletgrad.testkit.TriesScale} in the test
 * resource {@code META-INF/services/net.jqwik.api.lifecycle.LifecycleHook}, or for one class with
 * {@code @AddLifecycleHook(TriesScale.class)}.
 */
public final class TriesScale implements AroundPropertyHook {
    /** The system property holding the factor. */
    public static final String SCALE_PROPERTY = "tripletgrad.tries.scale";

    private static final String DEFAULT_TRIES = "jqwik.tries.default";
    private static final int JQWIK_DEFAULT_TRIES = 1000;

    /** Creates the hook; jqwik does this when the hook is registered. */
    public TriesScale() {
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
        int scale = scale();
        if (scale != 1 && context.findAnnotation(Example.class).isEmpty()) {
            int base = context.attributes().tries().orElseGet(TriesScale::configuredDefault);
            context.attributes().setTries(Math.multiplyExact(base, scale));
        }
        return property.execute();
    }

    /** The factor from {@value #SCALE_PROPERTY}. */
    static int scale() {
        return parsePositive(SCALE_PROPERTY, System.getProperty(SCALE_PROPERTY), 1);
    }

    /** jqwik's default number of tries as configured for this JVM. */
    static int configuredDefault() {
        String fromSystem = System.getProperty(DEFAULT_TRIES);
        if (fromSystem != null) {
            return parsePositive(DEFAULT_TRIES, fromSystem, JQWIK_DEFAULT_TRIES);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = loader.getResourceAsStream("junit-platform.properties")) {
            if (in == null) {
                return JQWIK_DEFAULT_TRIES;
            }
            Properties p = new Properties();
            p.load(in);
            return parsePositive(DEFAULT_TRIES, p.getProperty(DEFAULT_TRIES), JQWIK_DEFAULT_TRIES);
        } catch (IOException e) {
            throw new UncheckedIOException("TriesScale: cannot read junit-platform.properties", e);
        }
    }

    private static int parsePositive(String name, String value, int absent) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": expected an integer >= 1, got '" + value + "'");
    }
}
