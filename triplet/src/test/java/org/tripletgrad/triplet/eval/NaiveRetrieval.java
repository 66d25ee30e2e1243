package org.tripletgrad.triplet.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The retrieval metrics by their definitions, for comparison: direct squared distances, a full sort of every row by
 * (distance, index), and precision counted along the ranking.
 */
final class NaiveRetrieval {
    final double precisionAt1;
    final double[] recall;
    final double map;
    final int queries;

    NaiveRetrieval(double[][] x, int[] labels, int[] ks) {
        int n = x.length;
        int hits1 = 0;
        int[] hits = new int[ks.length];
        double apSum = 0;
        int q = 0;
        for (int i = 0; i < n; i++) {
            List<double[]> others = new ArrayList<>();
            int m = 0;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                double d = 0;
                for (int k = 0; k < x[i].length; k++) {
                    d += (x[i][k] - x[j][k]) * (x[i][k] - x[j][k]);
                }
                others.add(new double[] {d, j});
                m += labels[j] == labels[i] ? 1 : 0;
            }
            if (m == 0) {
                continue;
            }
            q++;
            others.sort(Comparator.<double[]>comparingDouble(a -> a[0]).thenComparingDouble(a -> a[1]));
            int found = 0;
            double ap = 0;
            int first = -1;
            for (int r = 0; r < others.size(); r++) {
                if (labels[(int) others.get(r)[1]] == labels[i]) {
                    found++;
                    ap += (double) found / (r + 1);
                    first = first < 0 ? r + 1 : first;
                }
            }
            apSum += ap / m;
            hits1 += first == 1 ? 1 : 0;
            for (int k = 0; k < ks.length; k++) {
                hits[k] += first <= ks[k] ? 1 : 0;
            }
        }
        precisionAt1 = (double) hits1 / q;
        recall = new double[ks.length];
        for (int k = 0; k < ks.length; k++) {
            recall[k] = (double) hits[k] / q;
        }
        map = apSum / q;
        queries = q;
    }
}
