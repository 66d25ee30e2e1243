package org.tripletgrad.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tripletgrad.autograd.Var;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.Npy;
import org.tripletgrad.triplet.Implementation;
import org.tripletgrad.triplet.Labels;
import org.tripletgrad.triplet.LossResult;
import org.tripletgrad.triplet.Metric;
import org.tripletgrad.triplet.Mining;
import org.tripletgrad.triplet.Reduction;
import org.tripletgrad.triplet.Triplet;
import org.tripletgrad.triplet.TripletLoss;

/**
 * The triplet loss against PyTorch: cases written by tests/golden/make_golden.py (PyTorch autograd, float64, a
 * reference written from the paper's definitions). Loss to a relative 1e-9, gradient to 1e-8 (1 + max |g|),
 * batch-hard triplets identical; every case is checked with both the composed and the fused implementation.
 */
class GoldenTest {
    @TestFactory
    Stream<DynamicTest> everyGoldenCaseAgreesWithPyTorch() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenTest.class.getResource("/golden/index.txt").toURI()).getParent();
        List<String> names = Files.readAllLines(root.resolve("index.txt"));
        assertTrue(names.size() >= 30, "expected the full set of golden cases, found " + names.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names) {
            Path dir = root.resolve(name);
            for (Implementation impl : Implementation.values()) {
                tests.add(DynamicTest.dynamicTest(name + " " + impl, () -> check(dir, impl)));
            }
        }
        return tests.stream();
    }

    @SuppressWarnings("unchecked")
    private static void check(Path dir, Implementation impl) throws IOException {
        Map<String, Object> want = (Map<String, Object>) Json.parse(
                Files.readString(dir.resolve("expected.json"), StandardCharsets.UTF_8));
        Tensor x = Npy.readTensor(dir.resolve("embeddings.npy"));
        int[] labels = Npy.readLabels(dir.resolve("labels.npy"));
        Mining mining = Mining.parse((String) want.get("mining"));
        TripletLoss.Builder b = TripletLoss.builder().metric(Metric.parse((String) want.get("metric")))
                .mining(mining).reduction(Reduction.parse((String) want.get("reduction")))
                .implementation(impl).threads(2);
        if ((Boolean) want.get("soft")) {
            b.soft();
        } else {
            b.margin((Double) want.get("margin"));
        }
        Var v = Var.param(x);
        LossResult r = b.build().apply(v, Labels.of(labels));
        r.loss().backward();

        double loss = (Double) want.get("loss");
        assertTrue(Math.abs(r.value() - loss) <= 1e-9 * Math.abs(loss),
                dir.getFileName() + ": loss " + r.value() + ", PyTorch " + loss);
        double[][] g = matrix((List<Object>) want.get("gradient"));
        double maxG = 0;
        for (double[] row : g) {
            for (double e : row) {
                maxG = Math.max(maxG, Math.abs(e));
            }
        }
        Tensor got = v.grad();
        for (int i = 0; i < g.length; i++) {
            for (int k = 0; k < g[i].length; k++) {
                double tol = 1e-8 * (1 + maxG);
                assertTrue(Math.abs(got.get(i, k) - g[i][k]) <= tol,
                        dir.getFileName() + ": gradient [" + i + "][" + k + "] " + got.get(i, k) + ", PyTorch "
                                + g[i][k]);
            }
        }
        if (want.containsKey("triplets")) {
            List<Triplet> expected = new ArrayList<>();
            for (Object t : (List<Object>) want.get("triplets")) {
                List<Object> abc = (List<Object>) t;
                expected.add(new Triplet(((Double) abc.get(0)).intValue(), ((Double) abc.get(1)).intValue(),
                        ((Double) abc.get(2)).intValue()));
            }
            assertEquals(expected, r.triplets(), dir.getFileName() + ": triplets");
        }
    }

    @SuppressWarnings("unchecked")
    private static double[][] matrix(List<Object> rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            List<Object> row = (List<Object>) rows.get(i);
            m[i] = new double[row.size()];
            for (int k = 0; k < m[i].length; k++) {
                m[i][k] = (Double) row.get(k);
            }
        }
        return m;
    }
}
