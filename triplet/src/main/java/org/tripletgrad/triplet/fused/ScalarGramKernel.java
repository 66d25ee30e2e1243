package org.tripletgrad.triplet.fused;

import java.util.Arrays;

/** The plain-Java Gram tile: used when the Vector API module is not present. */
final class ScalarGramKernel implements GramKernel {
    private static final int WIDTH = 8;

    @Override
    public int width() {
        return WIDTH;
    }

    @Override
    public void multiply(double[] rows, int d, int i0, int i1, double[] panel, int s0, int strips, double[] out,
            int ldo) {
        double[] acc = new double[WIDTH];
        for (int s = 0; s < strips; s++) {
            int base = (s0 + s) * d * WIDTH;
            for (int i = i0; i < i1; i++) {
                Arrays.fill(acc, 0.0);
                for (int k = 0; k < d; k++) {
                    double a = rows[i * d + k];
                    int p = base + k * WIDTH;
                    for (int c = 0; c < WIDTH; c++) {
                        acc[c] = Math.fma(a, panel[p + c], acc[c]);
                    }
                }
                System.arraycopy(acc, 0, out, (i - i0) * ldo + s * WIDTH, WIDTH);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
