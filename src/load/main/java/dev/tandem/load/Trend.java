package dev.tandem.load;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The least-squares slope of a memory series: how the soak tells a flat line from a slow leak.
 * One sample is noisy (whatever is in flight when it is taken); the slope over many is not.
 */
final class Trend {
    private Trend() {
    }

    /**
     * The slope of {@code y} over {@code x} of the points of {@code samples} whose {@code x} is at
     * least {@code from}, ignoring unknown (negative) values; NaN with fewer than three points.
     */
    static <T> double slope(List<T> samples, ToDoubleFunction<T> x, ToDoubleFunction<T> y, double from) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        for (T s : samples) {
            if (x.applyAsDouble(s) >= from && y.applyAsDouble(s) >= 0) {
                n++;
                sx += x.applyAsDouble(s);
                sy += y.applyAsDouble(s);
            }
        }
        if (n < 3) {
            return Double.NaN;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (T s : samples) {
            if (x.applyAsDouble(s) >= from && y.applyAsDouble(s) >= 0) {
                double dx = x.applyAsDouble(s) - mx;
                sxy += dx * (y.applyAsDouble(s) - my);
                sxx += dx * dx;
            }
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
