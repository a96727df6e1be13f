package dev.tandem.load;

import java.util.List;
import java.util.Locale;

/**
 * Plain SVG charts (line charts and a histogram) with axes, ticks and a legend: no script, no
 * external file, so a chart works inline in the HTML report and as a standalone .svg in docs/.
 */
final class SvgChart {
    static final int WIDTH = 760;
    static final int HEIGHT = 320;
    private static final int LEFT = 64;
    private static final int RIGHT = 150;
    private static final int TOP = 34;
    private static final int BOTTOM = 44;

    /** One line: its name in the legend, its colour, and its points (negative y = unknown, skipped). */
    record Series(String name, String color, double[] xs, double[] ys) {
    }

    private SvgChart() {
    }

    static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        double xMax = 1;
        double yMax = 0;
        for (Series s : series) {
            for (int i = 0; i < s.xs.length; i++) {
                xMax = Math.max(xMax, s.xs[i]);
                yMax = Math.max(yMax, s.ys[i]);
            }
        }
        double yStep = niceStep(yMax <= 0 ? 1 : yMax);
        double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
        double xStep = niceStep(xMax);
        StringBuilder svg = open(title);
        axes(svg, xLabel, yLabel, xMax, xStep, yTop, yStep);
        int legend = 0;
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < s.xs.length; i++) {
                if (s.ys[i] < 0 || Double.isNaN(s.ys[i])) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : " M").append(f(x(s.xs[i], xMax))).append(',').append(f(y(s.ys[i], yTop)));
                pen = true;
            }
            if (path.length() > 0) {
                svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.color)
                        .append("\" stroke-width=\"1.6\"/>\n");
            }
            legend(svg, legend++, s.name, s.color);
        }
        return svg.append("</svg>\n").toString();
    }

    /** Bars: {@code counts[i]} between {@code edges[i]} and {@code edges[i + 1]}. */
    static String bars(String title, String xLabel, String yLabel, double[] edges, long[] counts, String color) {
        double xMax = edges[edges.length - 1];
        long cMax = 1;
        for (long c : counts) {
            cMax = Math.max(cMax, c);
        }
        double yStep = niceStep(cMax);
        double yTop = Math.ceil(cMax / yStep) * yStep;
        StringBuilder svg = open(title);
        axes(svg, xLabel, yLabel, xMax, niceStep(xMax), yTop, yStep);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double x0 = x(edges[i], xMax);
            double x1 = x(edges[i + 1], xMax);
            double y0 = y(counts[i], yTop);
            svg.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(f(y0)).append("\" width=\"")
                    .append(f(Math.max(0.5, x1 - x0 - 0.5))).append("\" height=\"").append(f(HEIGHT - BOTTOM - y0))
                    .append("\" fill=\"").append(color).append("\"/>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
                .append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
                .append("<text x=\"").append(LEFT).append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(escape(title)).append("</text>\n");
        return svg;
    }

    private static void axes(StringBuilder svg, String xLabel, String yLabel, double xMax, double xStep, double yTop,
            double yStep) {
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        for (double v = 0; v <= yTop + yStep / 1000; v += yStep) {
            double yy = y(v, yTop);
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(plotRight).append("\" y1=\"").append(f(yy))
                    .append("\" y2=\"").append(f(yy)).append("\" stroke=\"#e3e3e3\"/>\n")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(f(yy + 4))
                    .append("\" text-anchor=\"end\">").append(label(v)).append("</text>\n");
        }
        for (double v = 0; v <= xMax + xStep / 1000; v += xStep) {
            double xx = x(v, xMax);
            svg.append("<line x1=\"").append(f(xx)).append("\" x2=\"").append(f(xx)).append("\" y1=\"").append(plotBottom)
                    .append("\" y2=\"").append(plotBottom + 4).append("\" stroke=\"#555\"/>\n")
                    .append("<text x=\"").append(f(xx)).append("\" y=\"").append(plotBottom + 16)
                    .append("\" text-anchor=\"middle\">").append(label(v)).append("</text>\n");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(plotRight).append("\" y1=\"").append(plotBottom)
                .append("\" y2=\"").append(plotBottom).append("\" stroke=\"#555\"/>\n")
                .append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(plotBottom).append("\" stroke=\"#555\"/>\n")
                .append("<text x=\"").append((LEFT + plotRight) / 2).append("\" y=\"").append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\">").append(escape(xLabel)).append("</text>\n")
                .append("<text transform=\"translate(14,").append((TOP + plotBottom) / 2).append(") rotate(-90)\"")
                .append(" text-anchor=\"middle\">").append(escape(yLabel)).append("</text>\n");
    }

    private static void legend(StringBuilder svg, int i, String name, String color) {
        int lx = WIDTH - RIGHT + 12;
        int ly = TOP + 8 + i * 18;
        svg.append("<line x1=\"").append(lx).append("\" x2=\"").append(lx + 18).append("\" y1=\"").append(ly)
                .append("\" y2=\"").append(ly).append("\" stroke=\"").append(color).append("\" stroke-width=\"3\"/>\n")
                .append("<text x=\"").append(lx + 24).append("\" y=\"").append(ly + 4).append("\">").append(escape(name))
                .append("</text>\n");
    }

    private static double x(double v, double xMax) {
        return LEFT + v / xMax * (WIDTH - RIGHT - LEFT);
    }

    private static double y(double v, double yTop) {
        return HEIGHT - BOTTOM - v / yTop * (HEIGHT - BOTTOM - TOP);
    }

    /** 1, 2 or 5 times a power of ten, giving four to ten ticks. */
    static double niceStep(double max) {
        double raw = max / 5;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
    }

    private static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
