package org.tripletgrad.triplet;

/**
 * Straight-from-the-definition loops used as the independent route in tests: distances by their formulas, mining by
 * scanning, terms and reductions by hand. No autograd, no masks, no blocks.
 */
public final class NaiveTriplet {
    private NaiveTriplet() {
    }

    static double distance(double[][] x, int a, int b, Metric m) {
        double s = 0;
        double na = 0;
        double nb = 0;
        double dot = 0;
        for (int k = 0; k < x[a].length; k++) {
            double diff = x[a][k] - x[b][k];
            s += diff * diff;
            na += x[a][k] * x[a][k];
            nb += x[b][k] * x[b][k];
            dot += x[a][k] * x[b][k];
        }
        switch (m) {
            case EUCLIDEAN:
                return Math.sqrt(s);
            case SQEUCLIDEAN:
                return s;
            default:
                return 1.0 - dot / (Math.max(Math.sqrt(na), 1e-12) * Math.max(Math.sqrt(nb), 1e-12));
        }
    }

    /** {hardest positive, hardest negative} of anchor a, -1 where none; ties to the lowest index. */
    static int[] hardest(double[][] dist, int[] labels, int a) {
        int p = -1;
        int q = -1;
        for (int j = 0; j < labels.length; j++) {
            if (j != a && labels[j] == labels[a] && (p < 0 || dist[a][j] > dist[a][p])) {
                p = j;
            }
            if (labels[j] != labels[a] && (q < 0 || dist[a][j] < dist[a][q])) {
                q = j;
            }
        }
        return new int[] {p, q};
    }

    static double[][] distances(double[][] x, Metric m) {
        double[][] d = new double[x.length][x.length];
        for (int a = 0; a < x.length; a++) {
            for (int b = 0; b < x.length; b++) {
                d[a][b] = distance(x, a, b, m);
            }
        }
        return d;
    }

    static double term(double gap, double margin, boolean soft) {
        return soft ? Math.log1p(Math.exp(-Math.abs(gap))) + Math.max(gap, 0) : Math.max(0, margin + gap);
    }

    /** The batch-hard loss by loops. */
    static double batchHard(double[][] x, int[] labels, Metric m, double margin, boolean soft, Reduction r) {
        double[][] d = distances(x, m);
        double sum = 0;
        int count = 0;
        int positive = 0;
        for (int a = 0; a < x.length; a++) {
            int[] pq = hardest(d, labels, a);
            if (pq[0] < 0 || pq[1] < 0) {
                continue;
            }
            double t = term(d[a][pq[0]] - d[a][pq[1]], margin, soft);
            sum += t;
            count++;
            positive += t > 0 ? 1 : 0;
        }
        return reduce(sum, count, positive, r);
    }

    /** The batch-all loss by loops. */
    /** The batch-all loss by three nested loops over (a, p, n). */
    public static double batchAll(double[][] x, int[] labels, Metric m, double margin, boolean soft, Reduction r) {
        double[][] d = distances(x, m);
        double sum = 0;
        int count = 0;
        int positive = 0;
        for (int a = 0; a < x.length; a++) {
            for (int p = 0; p < x.length; p++) {
                for (int q = 0; q < x.length; q++) {
                    if (p != a && labels[p] == labels[a] && labels[q] != labels[a]) {
                        double t = term(d[a][p] - d[a][q], margin, soft);
                        sum += t;
                        count++;
                        positive += t > 0 ? 1 : 0;
                    }
                }
            }
        }
        return reduce(sum, count, positive, r);
    }

    private static double reduce(double sum, int count, int positive, Reduction r) {
        if (r == Reduction.SUM) {
            return sum;
        }
        int div = r == Reduction.MEAN ? count : positive;
        return div == 0 ? 0.0 : sum / div;
    }
}
