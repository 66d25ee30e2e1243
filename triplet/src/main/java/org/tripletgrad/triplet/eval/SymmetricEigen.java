package org.tripletgrad.triplet.eval;

/**
 * The cyclic Jacobi eigenvalue method for small symmetric matrices: repeated plane rotations that zero the
 * off-diagonal entries one at a time until they are negligible.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {
    }

    /**
     * Diagonalises the symmetric matrix {@code a} in place: afterwards a[i][i] are the eigenvalues (unsorted) and
     * column i of the returned matrix is a unit eigenvector for a[i][i].
     */
    static double[][] jacobi(double[][] a) {
        int n = a.length;
        double[][] v = new double[n][n];
        for (int i = 0; i < n; i++) {
            v[i][i] = 1.0;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(a) > 1e-30 * diagonal(a); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(a, v, p, q);
                }
            }
        }
        return v;
    }

    /** One rotation in the (p, q) plane that makes a[p][q] zero. */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double apq = a[p][q];
        if (apq == 0) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    s += a[i][j] * a[i][j];
                }
            }
        }
        return s;
    }

    private static double diagonal(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i][i] * a[i][i];
        }
        return Math.max(s, Double.MIN_NORMAL);
    }
}
