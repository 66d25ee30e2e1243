package org.tripletgrad.tensor.kernel;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * Chooses the kernel implementations once, when this class is first used, and owns the threads they share.
 *
 * <p>The Vector API implementations ({@code jdk.incubator.vector}) are used when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the system property {@value #VECTOR_PROPERTY} is not
 * {@code false}; otherwise the plain-Java ones are. The Vector API classes are loaded by reflection, so they are
 * never touched when the module is absent. The choice is logged once at INFO through {@link System.Logger}.
 *
 * <p>Both paths compute every output entry with the same sequence of correctly rounded operations, so results are
 * bit-for-bit identical between them and for any number of threads.
 */
public final class Kernels {
    /** The system property that turns the Vector API path off when set to {@code false}. */
    public static final String VECTOR_PROPERTY = "tripletgrad.vector";
    /** The incubator module that holds the Vector API. */
    public static final String VECTOR_MODULE = "jdk.incubator.vector";
    /** The largest thread count chosen by default, whatever the number of processors. */
    public static final int MAX_DEFAULT_THREADS = 8;
    /** The largest thread count {@link #setThreads(int)} accepts. */
    public static final int MAX_THREADS = 256;

    /** Products with fewer multiply-adds than this run on the calling thread alone. */
    static final long PARALLEL_MIN_FMAS = 1L << 21;

    private static final System.Logger LOG = System.getLogger(Kernels.class.getName());
    private static final KernelPool SERIAL = new KernelPool(1);
    private static final MatMulKernel SCALAR_MATMUL = new ScalarMatMul();
    private static final DistanceKernel SCALAR_DISTANCES = new ScalarDistanceKernel();
    private static final String VECTOR_ABSENT_REASON;
    private static final MatMulKernel VECTOR_MATMUL;
    private static final DistanceKernel VECTOR_DISTANCES;
    private static final boolean USE_VECTOR;

    private static volatile KernelPool pool = new KernelPool(defaultThreads());

    static {
        String reason = null;
        MatMulKernel vectorMatMul = null;
        DistanceKernel vectorDistances = null;
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            reason = VECTOR_MODULE + " is not in the boot layer (start the JVM with --add-modules " + VECTOR_MODULE
                    + ")";
        } else {
            try {
                vectorMatMul = (MatMulKernel) instantiate("VectorMatMul");
                vectorDistances = (DistanceKernel) instantiate("VectorDistanceKernel");
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                vectorMatMul = null;
                vectorDistances = null;
                reason = "the Vector API kernels could not be loaded: " + e;
            }
        }
        VECTOR_ABSENT_REASON = reason;
        VECTOR_MATMUL = vectorMatMul;
        VECTOR_DISTANCES = vectorDistances;
        boolean disabled = "false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY, "").trim());
        USE_VECTOR = vectorMatMul != null && !disabled;
        if (USE_VECTOR) {
            LOG.log(Level.INFO, "tripletgrad kernels: Vector API, " + vectorMatMul + ", " + pool.threads()
                    + " thread(s)");
        } else {
            LOG.log(Level.INFO, "tripletgrad kernels: plain Java, " + pool.threads() + " thread(s), because "
                    + (disabled ? "-D" + VECTOR_PROPERTY + "=false" : VECTOR_ABSENT_REASON)
                    + "; matmul is several times slower than with the Vector API");
        }
    }

    private Kernels() {
    }

    private static Object instantiate(String simpleName) throws ReflectiveOperationException {
        Class<?> type = Class.forName(Kernels.class.getPackageName() + "." + simpleName);
        return type.getDeclaredConstructor().newInstance();
    }

    /** The matrix-product kernel in use. */
    public static MatMulKernel matmul() {
        return USE_VECTOR ? VECTOR_MATMUL : SCALAR_MATMUL;
    }

    /** The plain-Java matrix-product kernel, available on every JVM; for benchmarks and tests. */
    public static MatMulKernel scalarMatMul() {
        return SCALAR_MATMUL;
    }

    /**
     * The Vector API matrix-product kernel, when the module is present (even if {@value #VECTOR_PROPERTY} is
     * {@code false}); for benchmarks and tests.
     */
    public static Optional<MatMulKernel> vectorMatMul() {
        return Optional.ofNullable(VECTOR_MATMUL);
    }

    /** Whether the Vector API path is in use. */
    public static boolean vectorInUse() {
        return USE_VECTOR;
    }

    /** The pairwise-distance kernel in use; {@link ArrayOps} is its public face. */
    static DistanceKernel distances() {
        return USE_VECTOR ? VECTOR_DISTANCES : SCALAR_DISTANCES;
    }

    /** The plain-Java pairwise-distance kernel. */
    static DistanceKernel scalarDistances() {
        return SCALAR_DISTANCES;
    }

    /** The Vector API pairwise-distance kernel, or null when the module is absent. */
    static DistanceKernel vectorDistances() {
        return VECTOR_DISTANCES;
    }

    /** The number of threads a large kernel call uses, the calling thread included. */
    public static int threads() {
        return pool.threads();
    }

    /**
     * Sets the number of threads large kernel calls use, the calling thread included. The default is the number of
     * available processors, at most {@value #MAX_DEFAULT_THREADS}. Results do not depend on it.
     *
     * @throws IllegalArgumentException when {@code threads} is not in [1, {@value #MAX_THREADS}]
     */
    public static synchronized void setThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException(
                    "setThreads: expected a thread count in [1, " + MAX_THREADS + "], got " + threads);
        }
        if (threads == pool.threads()) {
            return;
        }
        KernelPool old = pool;
        pool = new KernelPool(threads);
        old.shutdown();
    }

    /** The pool for a call of {@code fmas} multiply-adds: the shared one, or the caller alone for small work. */
    static KernelPool poolFor(long fmas) {
        return fmas < PARALLEL_MIN_FMAS ? SERIAL : pool;
    }

    /** The default thread count: the available processors, at most {@value #MAX_DEFAULT_THREADS}. */
    static int defaultThreads() {
        return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Runtime.getRuntime().availableProcessors()));
    }
}
