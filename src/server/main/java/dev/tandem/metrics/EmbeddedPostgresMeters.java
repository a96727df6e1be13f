package dev.tandem.metrics;

import dev.tandem.storage.EmbeddedPostgresSupervisor;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The embedded PostgreSQL's supervision, read from its supervisor: up or down, restarts, failed attempts. */
final class EmbeddedPostgresMeters {
    private EmbeddedPostgresMeters() {
    }

    static void register(MeterRegistry registry, EmbeddedPostgresSupervisor supervisor) {
        Gauge.builder("tandem_embedded_postgres_up", supervisor, s -> s.up() ? 1 : 0)
                .description("1 while the node's embedded PostgreSQL runs, 0 from when the node notices it died "
                        + "until it has restarted it")
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder("tandem_embedded_postgres_restarts", supervisor, EmbeddedPostgresSupervisor::restarts)
                .description("Times the node restarted its embedded PostgreSQL after it died")
                .register(registry);
        FunctionCounter.builder("tandem_embedded_postgres_restart_failures", supervisor,
                        EmbeddedPostgresSupervisor::failedAttempts)
                .description("Restart attempts of the embedded PostgreSQL that failed (each is tried again later)")
                .register(registry);
    }
}
