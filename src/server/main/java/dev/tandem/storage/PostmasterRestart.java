package dev.tandem.storage;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of starting an embedded PostgreSQL again after its postmaster died: clear away what
 * the dead one left behind, then {@code pg_ctl start} on the same directory. Blocking.
 *
 * <p>A killed postmaster was not this JVM's child (pg_ctl starts it as a daemon), so it is reaped
 * by the container's or the system's init, if at all: under an init that does not reap (a shell
 * as a container's PID 1), it stays a zombie. {@link #alive} counts a zombie as dead, and
 * {@link #removeStalePidFile} takes away a {@code postmaster.pid} that names one: PostgreSQL
 * would take the zombie for a live server holding the directory and refuse to start.
 */
final class PostmasterRestart {
    private static final Logger LOG = LoggerFactory.getLogger(PostmasterRestart.class);

    private PostmasterRestart() {
    }

    /**
     * Waits for the dead postmaster's processes to exit, and kills those still there after
     * {@code wait}. Backends and helpers exit once they notice their postmaster is gone; until
     * they have, they hold its shared memory and a new postmaster refuses to start.
     */
    static void stopLeftovers(Path dataDir, Duration wait) throws IOException {
        List<ProcessHandle> left = leftovers(dataDir);
        if (left.isEmpty() || exited(left, wait)) {
            return;
        }
        left = left.stream().filter(PostmasterRestart::alive).toList();
        LOG.warn("killing {} processes the dead PostgreSQL left running on {} (pids {})", left.size(), dataDir,
                left.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", ")));
        // What PostgreSQL itself does when a child crashes: the rest go too, and the next start replays the log.
        left.forEach(ProcessHandle::destroyForcibly);
        if (!exited(left, wait)) {
            throw new IOException("processes of the dead PostgreSQL still run on " + dataDir);
        }
    }

    /**
     * Deletes {@code postmaster.pid} if the process it names is a zombie. Call it only once no
     * process of the old server is left ({@link #stopLeftovers}): then the file protects nothing,
     * and PostgreSQL would remove it itself if the zombie were gone.
     */
    static void removeStalePidFile(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        List<String> lines;
        try {
            lines = Files.readAllLines(pidFile);
        } catch (java.nio.file.NoSuchFileException e) {
            return;
        }
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return; // PostgreSQL judges a file it cannot read itself
        }
        if (pid > 0 && zombie(pid)) {
            LOG.warn("removing {}: it names pid {}, a dead PostgreSQL nobody has reaped (a zombie)", pidFile, pid);
            Files.deleteIfExists(pidFile);
        }
    }

    /** Whether {@code p} runs: {@link ProcessHandle#isAlive()}, which takes a zombie for a live process, and not a zombie. */
    static boolean alive(ProcessHandle p) {
        return p.isAlive() && !zombie(p.pid());
    }

    /** Whether {@code /proc} shows {@code pid} as a zombie (exited, not yet reaped); false where there is no {@code /proc}. */
    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int end = stat.lastIndexOf(')'); // "pid (command) state ...": the command may hold anything
            if (end < 0 || end + 2 >= stat.length()) {
                return false;
            }
            char state = stat.charAt(end + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /**
     * {@code pg_ctl start} with {@code serverOptions} (its {@code -o}), waiting up to
     * {@code waitSeconds} for the server to accept connections, crash recovery included. The
     * server logs to {@code log}.
     */
    static void start(Path binaries, Path dataDir, Path log, String serverOptions, int waitSeconds) throws IOException {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U")); // as zonky starts it when the JVM runs as root
        }
        command.addAll(List.of(binaries.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log.toString(),
                "-o", serverOptions, "-w", "-t", Integer.toString(waitSeconds), "start"));
        Process pgCtl = new ProcessBuilder(command).redirectErrorStream(true).start();
        // With -l the postmaster writes to its log file, never to this pipe: the pipe ends when pg_ctl does.
        String output = new String(pgCtl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit;
        try {
            exit = pgCtl.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting PostgreSQL", e);
        }
        if (exit != 0) {
            throw new IOException("pg_ctl start failed (exit " + exit + "): " + output.replace('\n', ' ')
                    + "; the end of " + log + ": " + tail(log, 5));
        }
    }

    /**
     * PostgreSQL processes whose working directory is the data directory: a postmaster changes
     * into it, and its children inherit it. Empty where there is no {@code /proc}. (A zombie
     * shows neither its program nor its directory, so none is counted.)
     */
    private static List<ProcessHandle> leftovers(Path dataDir) {
        Path dir;
        try {
            dir = dataDir.toRealPath();
        } catch (IOException e) {
            return List.of();
        }
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> workingDirectory(p).map(dir::equals).orElse(false))
                .toList();
    }

    private static Optional<Path> workingDirectory(ProcessHandle p) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean exited(List<ProcessHandle> processes, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (processes.stream().anyMatch(PostmasterRestart::alive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for PostgreSQL's processes to exit", e);
            }
        }
        return true;
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file);
            return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
