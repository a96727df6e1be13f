package dev.tandem.storage;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * Lets the embedded PostgreSQL run when the JVM runs as root (CI containers do): serves zonky a
 * copy of its binary archive in which {@code initdb} and {@code pg_ctl} re-execute themselves
 * under {@code unshare -U}.
 *
 * <p>PostgreSQL refuses to run as uid 0. In a new user namespace a root process sees itself as
 * uid 65534 ("nobody") yet keeps its access to root's files, so PostgreSQL starts and everything
 * it writes stays owned by root outside. zonky starts both tools by absolute path and
 * {@code pg_ctl} starts {@code postgres} from its own folder, so wrapping those two covers every
 * process. A wrapper that already sees a non-zero uid execs the real tool directly, which makes
 * it harmless when zonky itself already uses {@code unshare} (2.2.x does when it detects root).
 *
 * <pre>
 *   bin/initdb       sh wrapper: uid 0 ? exec unshare -U bin/initdb.real "$@" : exec bin/initdb.real "$@"
 *   bin/initdb.real  the original
 *   bin/pg_ctl       sh wrapper, the same way
 *   bin/pg_ctl.real  the original
 * </pre>
 *
 * The rewritten archive is cached in the temp folder under the original's digest, so it is built
 * once per machine (a few seconds), not on every start.
 */
public final class RootSafeBinaryResolver implements PgBinaryResolver {

    /** Bumped whenever the wrappers change, so an old cached archive is not reused. */
    private static final int WRAPPER_VERSION = 1;
    private static final Set<String> WRAPPED = Set.of("initdb", "pg_ctl");
    /** A low preset: the archive is unpacked once on this machine, size matters less than time. */
    private static final int XZ_PRESET = 1;

    private static final Logger LOG = LoggerFactory.getLogger(RootSafeBinaryResolver.class);
    private static final RootSafeBinaryResolver INSTANCE = new RootSafeBinaryResolver(DefaultPostgresBinaryResolver.INSTANCE,
            Path.of(System.getProperty("java.io.tmpdir")));

    private final PgBinaryResolver original;
    private final Path cacheDir;

    RootSafeBinaryResolver(PgBinaryResolver original, Path cacheDir) {
        this.original = original;
        this.cacheDir = cacheDir;
    }

    /**
     * The resolver to give zonky: this one when the JVM runs as root, zonky's default otherwise.
     * One shared instance, because zonky caches the unpacked binaries per resolver instance.
     */
    public static PgBinaryResolver forCurrentUser() {
        return isRoot() ? INSTANCE : DefaultPostgresBinaryResolver.INSTANCE;
    }

    /** Whether this JVM runs as uid 0 (the owner of {@code /proc/self} is the process's user). */
    public static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        byte[] archive;
        try (InputStream in = original.getPgBinary(system, machineHardware)) {
            if (in == null) {
                return null;
            }
            archive = in.readAllBytes();
        }
        Path cached = cacheDir.resolve("tandem-pg-rootsafe-v" + WRAPPER_VERSION + "-" + sha256(archive) + ".txz");
        if (!Files.isRegularFile(cached)) {
            long start = System.nanoTime();
            Path tmp = Files.createTempFile(cacheDir, "tandem-pg-rootsafe-", ".partial");
            try {
                try (InputStream in = new ByteArrayInputStream(archive);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                    rewrite(in, out);
                }
                move(tmp, cached);
            } finally {
                Files.deleteIfExists(tmp);
            }
            LOG.info("built root-safe PostgreSQL binaries {} in {} ms", cached, (System.nanoTime() - start) / 1_000_000);
        }
        return Files.newInputStream(cached);
    }

    /** Copies a tar.xz, renaming each wrapped tool to {@code *.real} and adding its wrapper. */
    static void rewrite(InputStream txz, OutputStream out) throws IOException {
        try (TarArchiveInputStream tarIn = new TarArchiveInputStream(new XZInputStream(txz));
             TarArchiveOutputStream tarOut = new TarArchiveOutputStream(new XZOutputStream(out, new LZMA2Options(XZ_PRESET)))) {
            tarOut.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tarOut.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            int wrapped = 0;
            TarArchiveEntry entry;
            while ((entry = tarIn.getNextEntry()) != null) {
                String tool = wrappedTool(entry);
                if (tool == null) {
                    tarOut.putArchiveEntry(entry);
                    tarIn.transferTo(tarOut);
                    tarOut.closeArchiveEntry();
                    continue;
                }
                TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
                real.setMode(entry.getMode());
                real.setSize(entry.getSize());
                real.setModTime(entry.getModTime());
                tarOut.putArchiveEntry(real);
                tarIn.transferTo(tarOut);
                tarOut.closeArchiveEntry();

                byte[] script = wrapper(tool).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry sh = new TarArchiveEntry(entry.getName());
                sh.setMode(0100755);
                sh.setSize(script.length);
                sh.setModTime(entry.getModTime());
                tarOut.putArchiveEntry(sh);
                tarOut.write(script);
                tarOut.closeArchiveEntry();
                wrapped++;
            }
            if (wrapped != WRAPPED.size()) {
                throw new IOException("PostgreSQL archive has " + wrapped + " of the tools " + WRAPPED + " in bin/");
            }
            tarOut.finish();
        }
    }

    /** The wrapper script for {@code tool}; {@code $0} is the absolute path zonky calls. */
    static String wrapper(String tool) {
        return "#!/bin/sh\n"
                + "# Written by Tandem: PostgreSQL refuses to run as root, so as root run the real\n"
                + "# " + tool + " in a new user namespace, where it is uid 65534 but keeps root's file access.\n"
                + "dir=$(dirname \"$0\")\n"
                + "if [ \"$(id -u)\" = 0 ]; then\n"
                + "  exec unshare -U \"$dir/" + tool + ".real\" \"$@\"\n"
                + "fi\n"
                + "exec \"$dir/" + tool + ".real\" \"$@\"\n";
    }

    private static String wrappedTool(TarArchiveEntry entry) {
        if (!entry.isFile()) {
            return null;
        }
        String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        if (!name.startsWith("bin/")) {
            return null;
        }
        String file = name.substring(4);
        return WRAPPED.contains(file) ? file : null;
    }

    private static void move(Path from, Path to) throws IOException {
        // Another JVM may be building the same archive: both produce a valid file, either wins.
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
