package dev.tandem.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A node's {@code /metrics} answer, parsed (Prometheus text format 0.0.4), for assertions. */
public final class Scrape {
    /** One line: a series and its value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final String text;
    private final List<Sample> samples;

    private Scrape(String text, List<Sample> samples) {
        this.text = text;
        this.samples = samples;
    }

    /** GET /metrics, which must answer 200. */
    public static Scrape of(Vertx vertx, int port) throws Exception {
        Http.Response r = Http.get(vertx, port, "/metrics");
        assertEquals(200, r.status(), r.text());
        return parse(r.text());
    }

    /** Scrapes until {@code condition} holds; fails after 15 s with the last answer. */
    public static Scrape until(Vertx vertx, int port, Predicate<Scrape> condition, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Scrape s = of(vertx, port);
        while (!condition.test(s)) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what + "; last scrape:\n" + s.text);
            }
            Thread.sleep(50);
            s = of(vertx, port);
        }
        return s;
    }

    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            Map<String, String> labels = new HashMap<>();
            String name;
            if (brace >= 0 && brace < space) {
                name = line.substring(0, brace);
                parseLabels(line.substring(brace + 1, line.lastIndexOf('}')), labels);
            } else {
                name = line.substring(0, space);
            }
            samples.add(new Sample(name, labels, value(line.substring(space + 1))));
        }
        return new Scrape(text, samples);
    }

    /** Sum of the values of series {@code name} whose labels include {@code labelPairs} (key, value, ...); 0 if none. */
    public double sum(String name, String... labelPairs) {
        double total = 0;
        for (Sample s : matching(name, labelPairs)) {
            total += s.value();
        }
        return total;
    }

    /** Whether at least one series {@code name} with these labels exists. */
    public boolean has(String name, String... labelPairs) {
        return !matching(name, labelPairs).isEmpty();
    }

    public List<Sample> matching(String name, String... labelPairs) {
        List<Sample> out = new ArrayList<>();
        outer:
        for (Sample s : samples) {
            if (!s.name().equals(name)) {
                continue;
            }
            for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels().get(labelPairs[i]))) {
                    continue outer;
                }
            }
            out.add(s);
        }
        return out;
    }

    /** The text as served. */
    public String text() {
        return text;
    }

    private static double value(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(v);
        };
    }

    private static void parseLabels(String s, Map<String, String> labels) {
        int i = 0;
        while (i < s.length()) {
            int eq = s.indexOf('=', i);
            String key = s.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            while (s.charAt(j) != '"') {
                char c = s.charAt(j++);
                if (c == '\\') {
                    char e = s.charAt(j++);
                    value.append(e == 'n' ? '\n' : e);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (i < s.length() && s.charAt(i) == ',') {
                i++;
            }
        }
    }
}
