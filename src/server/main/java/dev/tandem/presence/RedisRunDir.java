package dev.tandem.presence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory an embedded redis-server runs from (its copy of the binary and its
 * configuration), owned by this JVM for as long as the server runs; and the reaping of those
 * that a killed JVM left behind.
 *
 * <p>A JVM killed with SIGKILL runs no shutdown hook: its redis-server keeps running and its
 * 9 MB copy of the binary stays in the temporary directory. So each directory {@code <id>/} has
 * a sibling {@code <id>.lock} on which its JVM holds an OS lock: a lock that can be taken proves
 * the owner is dead, and the redis-server still running from that directory is an orphan. It is
 * stopped and the directory deleted, as {@code OrphanPostmaster} does for PostgreSQL.
 *
 * <pre>
 *   ${java.io.tmpdir}/tandem-redis/
 *     run-123.lock        locked by the JVM running it
 *     run-123/            redis-server binary, redis.conf (also the server's working directory)
 *     run-456.starting    being created: locked, then renamed to .lock
 * </pre>
 */
final class RedisRunDir implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRunDir.class);
    private static final long STOP_WAIT_SECONDS = 10;
    /** A {@code .starting} file this old whose lock can be taken was left by a JVM killed while starting. */
    private static final Duration STARTING_GRACE = Duration.ofMinutes(10);
    /**
     * Lock files this JVM holds. The reaper never opens them: on Linux, closing any channel of a
     * file releases every lock this process holds on it.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path dir;
    private final Path lockFile;
    private final FileChannel channel;

    private RedisRunDir(Path dir, Path lockFile, FileChannel channel) {
        this.dir = dir;
        this.lockFile = lockFile;
        this.channel = channel;
    }

    /** Where the directories live: {@code tandem-redis} in the temporary directory. */
    static Path defaultParent() {
        return Path.of(System.getProperty("java.io.tmpdir"), "tandem-redis").toAbsolutePath();
    }

    /** Reaps what killed JVMs left under {@code parent}, then makes a locked directory of this JVM's own. */
    static RedisRunDir create(Path parent) throws IOException {
        Files.createDirectories(parent);
        reapOrphans(parent);
        // Locked before anyone can see it as a .lock file: a reaper never finds it unlocked.
        Path starting = Files.createTempFile(parent, "run-", ".starting");
        FileChannel channel = FileChannel.open(starting, StandardOpenOption.WRITE);
        try {
            channel.lock();
            String id = starting.getFileName().toString().replace(".starting", "");
            Path lockFile = parent.resolve(id + ".lock");
            HELD.add(lockFile);
            Files.move(starting, lockFile, StandardCopyOption.ATOMIC_MOVE); // the lock stays with the file
            return new RedisRunDir(Files.createDirectory(parent.resolve(id)), lockFile, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            Files.deleteIfExists(starting);
            throw e;
        }
    }

    Path dir() {
        return dir;
    }

    /** Deletes the directory and gives up the lock; the server must have stopped. */
    @Override
    public void close() {
        try {
            deleteTree(dir);
            Files.deleteIfExists(lockFile);
            channel.close();
        } catch (IOException e) {
            LOG.warn("removing {}: {}", dir, e.toString());
        } finally {
            HELD.remove(lockFile);
        }
    }

    private static void reapOrphans(Path parent) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, "run-*.{lock,starting}")) {
            for (Path file : entries) {
                if (!HELD.contains(file)) {
                    reapIfOrphaned(file);
                }
            }
        }
    }

    private static void reapIfOrphaned(Path lockFile) throws IOException {
        boolean starting = lockFile.toString().endsWith(".starting");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
             FileLock lock = ch.tryLock()) {
            if (lock == null) {
                return; // its JVM is alive
            }
            if (starting && Files.getLastModifiedTime(lockFile).toInstant().isAfter(Instant.now().minus(STARTING_GRACE))) {
                return; // maybe created a moment ago and not locked yet
            }
            Path dir = lockFile.resolveSibling(lockFile.getFileName().toString().replaceAll("\\.(lock|starting)$", ""));
            stopServersRunningFrom(dir);
            deleteTree(dir);
            Files.deleteIfExists(lockFile);
        } catch (NoSuchFileException | OverlappingFileLockException e) {
            // reaped by another node meanwhile, or this JVM's own
        }
    }

    /** Stops every process whose executable lies in {@code dir}: the killed JVM's redis-server. */
    private static void stopServersRunningFrom(Path dir) throws IOException {
        List<ProcessHandle> orphans;
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            orphans = all.filter(p -> p.info().command().map(c -> Path.of(c).startsWith(dir)).orElse(false)).toList();
        }
        for (ProcessHandle p : orphans) {
            LOG.warn("stopping redis-server pid {} left running from {} by a killed node", p.pid(), dir);
            p.destroy();
            if (!exited(p)) {
                p.destroyForcibly();
                if (!exited(p)) {
                    throw new IOException("redis-server pid " + p.pid() + " still runs from " + dir + "; stop it by hand");
                }
            }
        }
    }

    private static boolean exited(ProcessHandle p) throws IOException {
        try {
            p.onExit().get(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping redis-server pid " + p.pid(), e);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
