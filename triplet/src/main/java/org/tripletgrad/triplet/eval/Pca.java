package org.tripletgrad.triplet.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.kernel.Kernels;

/**
 * Principal component analysis: the directions of largest variance of a set of points, for projecting embeddings to
 * two dimensions for a picture.
 *
 * <p>The covariance C = (X - mean)^T (X - mean) / (N - 1) is formed once (D x D). Its leading eigenvectors are found
 * by subspace iteration: a block of b = min(D, count + 6) orthonormal vectors Q, started from a fixed-seed random
 * block, is multiplied by C and re-orthonormalised (modified Gram-Schmidt). Every round a Rayleigh-Ritz step
 * (Jacobi rotations on the small b x b matrix Q^T C Q) gives the best approximate eigenpairs within the block; the
 * iteration stops when each of the leading {@code count} has a residual |C y - theta y| of at most 1e-10 times the
 * largest (at most 3000 rounds). The extra vectors make the convergence depend on the gap between eigenvalue
 * {@code count} and eigenvalue b + 1 rather than between neighbours. Each component's sign is fixed so that its
 * entry of largest magnitude (lowest index on ties) is positive. Everything runs on one thread
 * in a fixed order, so the result is the same bit for bit on every run.
 */
public final class Pca {
    private static final int EXTRA = 6;
    private static final int MAX_ROUNDS = 3000;
    private static final double TOLERANCE = 1e-10;

    private final double[] mean;
    private final double[][] components;
    private final double[] variances;

    private Pca(double[] mean, double[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * The first {@code count} principal components of the rows of {@code x} (N x D).
     *
     * @throws IllegalArgumentException when x is not 2-D with at least 2 rows, or count is outside [1, D]
     */
    public static Pca fit(Tensor x, int count) {
        if (x.rank() != 2 || x.dim(0) < 2) {
            throw new IllegalArgumentException("pca: expected an N x D matrix with N >= 2, got shape " + x.shape());
        }
        int n = x.dim(0);
        int d = x.dim(1);
        if (count < 1 || count > d) {
            throw new IllegalArgumentException("pca: expected 1 to " + d + " components for shape " + x.shape()
                    + ", got " + count);
        }
        double[] data = x.data();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                mean[k] += data[i * d + k];
            }
        }
        for (int k = 0; k < d; k++) {
            mean[k] /= n;
        }
        double[] cov = covariance(data, mean, n, d);
        return leadingEigenvectors(cov, d, Math.min(d, count + EXTRA), count, mean);
    }

    /** The mean of the fitted rows, [D]. */
    public Tensor mean() {
        return Tensor.vector(mean);
    }

    /** The components as rows of unit length, [count, D], by decreasing variance. */
    public Tensor components() {
        return Tensor.matrix(components);
    }

    /** The variance of the fitted rows along each component (the eigenvalues of the covariance), decreasing. */
    public double[] variances() {
        return variances.clone();
    }

    /** The coordinates of the rows of {@code x} (M x D) along the components: (x - mean) V^T, [M, count]. */
    public Tensor transform(Tensor x) {
        int d = mean.length;
        if (x.rank() != 2 || x.dim(1) != d) {
            throw new IllegalArgumentException("pca transform: expected an M x " + d + " matrix, got shape "
                    + x.shape());
        }
        int m = x.dim(0);
        double[] data = x.data();
        double[] out = new double[m * components.length];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < components.length; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (data[i * d + k] - mean[k]) * components[c][k];
                }
                out[i * components.length + c] = s;
            }
        }
        return Tensor.wrap(out, m, components.length);
    }

    private static double[] covariance(double[] data, double[] mean, int n, int d) {
        double[] centred = new double[n * d];
        double[] centredT = new double[d * n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                double v = data[i * d + k] - mean[k];
                centred[i * d + k] = v;
                centredT[k * n + i] = v;
            }
        }
        double[] cov = new double[d * d];
        Kernels.matmul().multiply(centredT, centred, cov, d, n, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                // Symmetrise exactly, so rounding in the product cannot make C slightly asymmetric.
                double s = cov[i * d + j] / (n - 1);
                cov[i * d + j] = s;
                cov[j * d + i] = s;
            }
        }
        return cov;
    }

    /**
     * Subspace iteration with a Rayleigh-Ritz step every round: stops when each of the leading {@code count} Ritz
     * pairs (theta, y) has a residual |C y - theta y| at most {@value #TOLERANCE} times the largest Ritz value.
     */
    private static Pca leadingEigenvectors(double[] cov, int d, int b, int count, double[] mean) {
        SplittableRandom rng = new SplittableRandom(0x5eed);
        double[][] q = new double[b][d];
        for (double[] v : q) {
            for (int k = 0; k < d; k++) {
                v[k] = Tensor.gaussian(rng);
            }
        }
        orthonormalise(q);
        for (int round = 1; ; round++) {
            double[][] z = new double[b][];
            for (int v = 0; v < b; v++) {
                z[v] = times(cov, d, q[v]);
            }
            Ritz ritz = new Ritz(q, z);
            if (round == MAX_ROUNDS || ritz.converged(count)) {
                return ritz.result(count, mean);
            }
            q = z;
            orthonormalise(q);
        }
    }

    /** The Ritz pairs of C on the span of an orthonormal block Q, given Z = C Q. */
    private static final class Ritz {
        final double[][] vectors;
        final double[][] images;
        final double[] values;

        Ritz(double[][] q, double[][] z) {
            int b = q.length;
            double[][] small = new double[b][b];
            for (int u = 0; u < b; u++) {
                for (int v = u; v < b; v++) {
                    small[u][v] = dot(q[u], z[v]);
                    small[v][u] = small[u][v];
                }
            }
            double[][] w = SymmetricEigen.jacobi(small);
            Integer[] order = new Integer[b];
            for (int u = 0; u < b; u++) {
                order[u] = u;
            }
            Arrays.sort(order, (x, y) -> small[x][x] != small[y][y] ? Double.compare(small[y][y], small[x][x]) : x - y);
            int d = q[0].length;
            vectors = new double[b][d];
            images = new double[b][d];
            values = new double[b];
            for (int c = 0; c < b; c++) {
                int col = order[c];
                values[c] = small[col][col];
                for (int u = 0; u < b; u++) {
                    double wu = w[u][col];
                    for (int k = 0; k < d; k++) {
                        vectors[c][k] += wu * q[u][k];
                        images[c][k] += wu * z[u][k];
                    }
                }
            }
        }

        boolean converged(int count) {
            double scale = Math.max(Math.abs(values[0]), Double.MIN_NORMAL);
            for (int c = 0; c < count; c++) {
                double r = 0;
                for (int k = 0; k < vectors[c].length; k++) {
                    double e = images[c][k] - values[c] * vectors[c][k];
                    r += e * e;
                }
                if (Math.sqrt(r) > TOLERANCE * scale) {
                    return false;
                }
            }
            return true;
        }

        Pca result(int count, double[] mean) {
            double[][] components = new double[count][];
            double[] variances = new double[count];
            for (int c = 0; c < count; c++) {
                components[c] = vectors[c].clone();
                normalise(components[c]);
                fixSign(components[c]);
                variances[c] = Math.max(0.0, values[c]);
            }
            return new Pca(mean, components, variances);
        }
    }

    private static double[] times(double[] m, int d, double[] v) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += m[i * d + k] * v[k];
            }
            out[i] = s;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /** Modified Gram-Schmidt; a vector that vanishes (rank deficiency) is replaced by a fixed basis vector. */
    private static void orthonormalise(double[][] q) {
        for (int v = 0; v < q.length; v++) {
            for (int u = 0; u < v; u++) {
                double p = dot(q[u], q[v]);
                for (int k = 0; k < q[v].length; k++) {
                    q[v][k] -= p * q[u][k];
                }
            }
            if (!normalise(q[v])) {
                replaceByFreshDirection(q, v);
            }
        }
    }

    private static void replaceByFreshDirection(double[][] q, int v) {
        for (int e = 0; e < q[v].length; e++) {
            Arrays.fill(q[v], 0.0);
            q[v][e] = 1.0;
            for (int u = 0; u < v; u++) {
                double p = dot(q[u], q[v]);
                for (int k = 0; k < q[v].length; k++) {
                    q[v][k] -= p * q[u][k];
                }
            }
            if (normalise(q[v])) {
                return;
            }
        }
    }

    /** Scales v to unit length; false when it is (numerically) zero. */
    private static boolean normalise(double[] v) {
        double norm = Math.sqrt(dot(v, v));
        if (!(norm > 1e-300)) {
            return false;
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= norm;
        }
        return true;
    }

    private static void fixSign(double[] v) {
        int at = 0;
        for (int k = 1; k < v.length; k++) {
            if (Math.abs(v[k]) > Math.abs(v[at])) {
                at = k;
            }
        }
        if (v[at] < 0) {
            for (int k = 0; k < v.length; k++) {
                v[k] = -v[k];
            }
        }
    }
}
