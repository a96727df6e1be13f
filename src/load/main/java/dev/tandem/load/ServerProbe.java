package dev.tandem.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Samples the server's CPU and memory once a second: from {@code /proc/<pid>} of the server
 * process and its children (the embedded Redis), plus any further processes named with it (the
 * embedded PostgreSQL, which detaches from the JVM) and theirs, when the pids are known; and from
 * the node's Prometheus {@code /metrics} (Micrometer's {@code process_cpu_usage},
 * {@code jvm_memory_used_bytes}) when it has one. Either may be missing; missing figures are -1.
 */
final class ServerProbe {
    /** Linux reports process times in ticks of 1/100 s on every platform Tandem runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * One sample: CPU in cores (1.0 = one core busy), memory in bytes; {@code memoryPerActiveDocBytes}
     * is the node's own estimate ({@code memory_per_active_doc_bytes}), -1 when unknown.
     */
    record Sample(double jvmCpuCores, double treeCpuCores, long rssBytes, long heapUsedBytes, double cpuPressure,
            double ioPressure, long memoryPerActiveDocBytes) {
    }

    private final long pid;
    private final List<Long> roots;
    private final List<URI> metrics = new ArrayList<>();
    private final HttpClient http = BoundedHttp.client();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final Duration timeout;
    private boolean metricsMissing;
    private int failedScrapes;
    private String lastFailure = "";
    private long lastNanos;
    private long lastJvmTicks = -1;
    private long lastTreeTicks = -1;

    /** {@code pids}: the server JVM first, then other processes whose CPU counts as the server's (may be empty). */
    ServerProbe(List<String> urls, List<Long> pids) {
        this(urls, pids, Duration.ofSeconds(2));
    }

    /** As above, with {@code timeout} for each call to {@code /metrics}. */
    ServerProbe(List<String> urls, List<Long> pids, Duration timeout) {
        this.timeout = timeout;
        this.pid = pids.isEmpty() ? -1 : pids.get(0);
        this.roots = List.copyOf(pids);
        for (String u : urls) {
            metrics.add(URI.create(u.replaceAll("/+$", "") + "/metrics"));
        }
    }

    /** Samples now; CPU is the average since the previous call. Blocking (HTTP): not on an event loop. */
    Sample sample() {
        long now = System.nanoTime();
        double jvmCpu = -1;
        double treeCpu = -1;
        long rss = -1;
        if (pid > 0 && Files.isDirectory(Path.of("/proc", Long.toString(pid)))) {
            long jvm = ticks(pid);
            long tree = treeTicks(jvm);
            double seconds = (now - lastNanos) / 1e9;
            if (lastJvmTicks >= 0 && seconds > 0) {
                jvmCpu = (jvm - lastJvmTicks) / TICKS_PER_SECOND / seconds;
                treeCpu = (tree - lastTreeTicks) / TICKS_PER_SECOND / seconds;
            }
            lastJvmTicks = jvm;
            lastTreeTicks = tree;
            rss = rssBytes(pid);
        }
        lastNanos = now;
        long heap = -1;
        long perDoc = -1;
        Map<String, Double> m = scrape();
        if (m != null) {
            if (jvmCpu < 0 && m.containsKey("process_cpu_usage")) {
                jvmCpu = m.get("process_cpu_usage") * cores; // Micrometer gives a share of all cores
            }
            if (m.containsKey("heap")) {
                heap = m.get("heap").longValue();
            }
            Double d = m.get("memory_per_active_doc");
            if (d != null && !d.isNaN() && metrics.size() == 1) { // a per-node figure: one node only
                perDoc = d.longValue();
            }
        }
        return new Sample(jvmCpu, treeCpu, rss, heap, pressure("cpu"), pressure("io"), perDoc);
    }

    /**
     * The share of the last 10 s in which some task of this machine waited for a CPU, or for I/O
     * (Linux PSI, {@code /proc/pressure/<resource>} "some avg10", percent), or -1: on a shared
     * machine, other people's work competing with the server and the generator shows here.
     */
    static double pressure(String resource) {
        try {
            String some = Files.readAllLines(Path.of("/proc/pressure", resource)).get(0);
            int at = some.indexOf("avg10=");
            return Double.parseDouble(some.substring(at + 6, some.indexOf(' ', at)));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The server's own metrics: every node's summed, or null without any {@code /metrics}. */
    private Map<String, Double> scrape() {
        if (metricsMissing) {
            return null;
        }
        Map<String, Double> sum = new HashMap<>();
        for (URI u : metrics) {
            try {
                HttpResponse<String> r = BoundedHttp.send(http, HttpRequest.newBuilder(u).timeout(timeout).build(), timeout);
                if (r.statusCode() != 200) {
                    metricsMissing = true; // no /metrics on this server: stop asking
                    return null;
                }
                r.body().lines().forEach(line -> parse(line, sum));
            } catch (IOException e) {
                // Reported and skipped: this sample lacks the server's figures, the run goes on.
                failedScrapes++;
                lastFailure = u + ": " + e;
                System.err.println("server probe: " + lastFailure + " (sample skipped)");
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return sum;
    }

    /** Calls to {@code /metrics} that failed (each was skipped). */
    int failedScrapes() {
        return failedScrapes;
    }

    /** What the last failed call was, for the report. */
    String lastFailure() {
        return lastFailure;
    }

    private static void parse(String line, Map<String, Double> sum) {
        if (line.startsWith("#") || line.isBlank()) {
            return;
        }
        int space = line.lastIndexOf(' ');
        if (space < 0) {
            return;
        }
        String name = line.substring(0, space);
        double value;
        try {
            value = Double.parseDouble(line.substring(space + 1));
        } catch (NumberFormatException e) {
            return;
        }
        if (name.startsWith("process_cpu_usage")) {
            sum.merge("process_cpu_usage", value, Double::sum);
        } else if (name.startsWith("jvm_memory_used_bytes") && name.contains("area=\"heap\"")) {
            sum.merge("heap", value, Double::sum);
        } else if (name.startsWith("memory_per_active_doc_bytes")) {
            sum.merge("memory_per_active_doc", value, Double::sum);
        }
    }

    /** utime + stime of {@code p}, in ticks; 0 if it is gone. */
    private static long ticks(long p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Ticks of the server processes and every process below them (PostgreSQL backends come and go:
     * approximate); the JVM's own are {@code jvmTicks}, read once, so the tree never counts less than the JVM.
     */
    private long treeTicks(long jvmTicks) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.forEach(dir -> {
                String n = dir.getFileName().toString();
                if (!n.chars().allMatch(Character::isDigit)) {
                    return;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    children.computeIfAbsent(Long.parseLong(f[1]), k -> new ArrayList<>()).add(Long.parseLong(n));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return jvmTicks;
        }
        long total = 0;
        List<Long> todo = new ArrayList<>(roots);
        while (!todo.isEmpty()) {
            long p = todo.remove(todo.size() - 1);
            total += p == pid ? jvmTicks : ticks(p);
            todo.addAll(children.getOrDefault(p, List.of()));
        }
        return total;
    }

    static long rssBytes(long p) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
