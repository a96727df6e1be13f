package dev.tandem.gateway;

/** The node's metrics as text for {@code GET /metrics}, so the gateway serves them without knowing how they are kept. */
public interface MetricsEndpoint {
    /** Metrics are off: {@code /metrics} answers 404. */
    MetricsEndpoint NONE = new MetricsEndpoint() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public String contentType() {
            return "text/plain; charset=utf-8";
        }

        @Override
        public String scrape() {
            return "";
        }
    };

    boolean enabled();

    /** The HTTP content type of {@link #scrape()}. */
    String contentType();

    /** Every metric, now. May take a few milliseconds: called on a worker thread. */
    String scrape();
}
