package dev.tandem.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a PostgreSQL that a previous, killed JVM left running on a data directory.
 *
 * <p>pg_ctl starts the postmaster as a daemon, so it outlives a JVM killed with SIGKILL; it would
 * then hold the data directory and make every later start fail. zonky holds an OS lock on
 * {@code epg-lock} for as long as its JVM runs a server there, so taking that lock proves no live
 * JVM owns the directory, and a postmaster still running there is an orphan.
 */
final class OrphanPostmaster {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanPostmaster.class);
    private static final long STOP_WAIT_SECONDS = 60;

    private OrphanPostmaster() {
    }

    static void stopIfAny(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IOException("the PostgreSQL data directory " + dataDir + " is in use by another process");
            }
            Optional<ProcessHandle> orphan = postmaster(pidFile, dataDir);
            if (orphan.isPresent()) {
                stop(orphan.get(), dataDir);
            }
        } catch (OverlappingFileLockException e) {
            throw new IOException("the PostgreSQL data directory " + dataDir + " is already in use in this JVM", e);
        }
    }

    /** The live postgres process that {@code postmaster.pid} names, if it serves {@code dataDir}. */
    static Optional<ProcessHandle> postmaster(Path pidFile, Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 2 || !Path.of(lines.get(1).trim()).toAbsolutePath().normalize().equals(dataDir)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        // A stale file may name a pid that now belongs to something else: only stop a postgres.
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static void stop(ProcessHandle postmaster, Path dataDir) throws IOException {
        LOG.warn("stopping PostgreSQL pid {} left running on {} by a previous run", postmaster.pid(), dataDir);
        // SIGTERM is PostgreSQL's smart shutdown: the dead JVM's sessions are gone, so it stops at once, cleanly.
        postmaster.destroy();
        try {
            postmaster.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL pid " + postmaster.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("PostgreSQL pid " + postmaster.pid() + " still runs on " + dataDir
                    + " after " + STOP_WAIT_SECONDS + " s; stop it by hand", e);
        }
    }
}
