package org.tripletgrad.triplet.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.tripletgrad.tensor.Tensor;
import org.tripletgrad.tensor.io.AtomicFile;

/**
 * The two pictures of a training run, drawn with XChart and written as PNG files atomically ({@link AtomicFile}).
 *
 * <p>Rendering is headless: unless the JVM was told otherwise, loading this class sets {@code java.awt.headless} to
 * true, so no display is needed.
 */
public final class Plots {
    /** The class names of Fashion-MNIST, by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** The default picture size in pixels. */
    public static final int WIDTH = 1000;
    /** The default picture height in pixels. */
    public static final int HEIGHT = 700;

    /** Ten well-separated colours (the "tab10" palette), reused cyclically beyond ten classes. */
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c),
        new Color(0xd62728), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Plots() {
    }

    /**
     * Writes the training curve: the loss (left axis) and the fraction of active triplet terms (right axis, 0 to 1)
     * against the step.
     *
     * @param steps the step of each record (x axis)
     * @param loss the loss at each step
     * @param activeFraction the active fraction at each step
     * @throws IllegalArgumentException when the arrays differ in length or are empty
     */
    public static void lossCurve(Path file, double[] steps, double[] loss, double[] activeFraction, int width,
            int height) throws IOException {
        if (steps.length == 0 || loss.length != steps.length || activeFraction.length != steps.length) {
            throw new IllegalArgumentException("loss plot: expected equal, non-empty series, got " + steps.length
                    + " steps, " + loss.length + " losses, " + activeFraction.length + " active fractions");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title("Loss and active fraction by step")
                .xAxisTitle("step").yAxisTitle("loss").build();
        XYStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        styler.setYAxisMin(1, 0.0);
        styler.setYAxisMax(1, 1.0);
        styler.putYAxisGroupDecimalPatternMap(0, "0.###");
        styler.putYAxisGroupDecimalPatternMap(1, "0.0");
        chart.setYAxisGroupTitle(1, "active fraction");

        XYSeries l = chart.addSeries("loss", steps, loss);
        l.setMarker(SeriesMarkers.NONE).setLineColor(PALETTE[0]).setLineStyle(new BasicStroke(1f));
        XYSeries a = chart.addSeries("active fraction", steps, activeFraction);
        a.setMarker(SeriesMarkers.NONE).setLineColor(PALETTE[1]).setLineStyle(new BasicStroke(1f));
        a.setYAxisGroup(1);
        write(file, chart);
    }

    /**
     * Writes a scatter plot of 2-D points coloured by class, with a legend of class names.
     *
     * @param points [N, 2], for example the embedding projected by {@link Pca}
     * @param labels the class of each point, an index into {@code classNames}
     * @throws IllegalArgumentException when the shapes disagree or a label has no name
     */
    public static void embedding(Path file, Tensor points, int[] labels, List<String> classNames, String title,
            int width, int height) throws IOException {
        if (points.rank() != 2 || points.dim(1) != 2 || points.dim(0) != labels.length) {
            throw new IllegalArgumentException("embedding plot: expected [" + labels.length + ", 2] points for "
                    + labels.length + " labels, got " + points.shape());
        }
        double[] xy = points.data();
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("embedding plot: label " + labels[i] + " of point " + i
                        + " has no name; expected 0 to " + (classNames.size() - 1));
            }
            xs.get(labels[i]).add(xy[2 * i]);
            ys.get(labels[i]).add(xy[2 * i + 1]);
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle("first principal component").yAxisTitle("second principal component").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(3);
        for (int c = 0; c < classNames.size(); c++) {
            if (xs.get(c).isEmpty()) {
                continue;
            }
            XYSeries s = chart.addSeries(classNames.get(c), xs.get(c), ys.get(c));
            s.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(PALETTE[c % PALETTE.length]);
        }
        write(file, chart);
    }

    private static void write(Path file, XYChart chart) throws IOException {
        AtomicFile.write(file, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    }
}
