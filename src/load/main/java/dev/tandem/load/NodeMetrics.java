package dev.tandem.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads figures from the nodes' Prometheus {@code /metrics} (docs/OPERATIONS.md): every sample
 * of a metric summed over its labels and over the nodes. For the figures the node measures itself,
 * such as {@code document_load_time_seconds} and {@code tandem_active_documents}.
 */
final class NodeMetrics {
    private final List<URI> uris;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    NodeMetrics(List<String> urls) {
        this.uris = urls.stream().map(u -> URI.create(u.replaceAll("/+$", "") + "/metrics")).toList();
    }

    /** Every metric's samples summed by name (labels dropped); null if some node has no {@code /metrics}. */
    Map<String, Double> scrape() throws InterruptedException {
        Map<String, Double> sum = new HashMap<>();
        for (URI u : uris) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    return null;
                }
                for (String line : r.body().split("\n")) {
                    add(line, sum);
                }
            } catch (IOException e) {
                return null;
            }
        }
        return sum;
    }

    /** One metric's value summed over labels and nodes, or -1 if it cannot be read. */
    double value(String name) throws InterruptedException {
        Map<String, Double> m = scrape();
        return m == null ? -1 : m.getOrDefault(name, -1.0);
    }

    static void add(String line, Map<String, Double> sum) {
        if (line.startsWith("#") || line.isBlank()) {
            return;
        }
        int space = line.lastIndexOf(' ');
        int brace = line.indexOf('{');
        String name = line.substring(0, brace > 0 && brace < space ? brace : space).trim();
        try {
            double v = Double.parseDouble(line.substring(space + 1));
            if (!Double.isNaN(v)) {
                sum.merge(name, v, Double::sum);
            }
        } catch (NumberFormatException e) {
            // not a sample line
        }
    }
}
