package dev.tandem.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/** The archive rewrite that lets PostgreSQL start when the JVM runs as root. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RootSafeBinaryResolverTest {

    /** Stand-ins for the tools: they print the uid they run as and their arguments. */
    private static final String TOOL = "#!/bin/sh\nid -u\nprintf '%s|' \"$@\"\necho\n";

    @Test
    void initdbAndPgCtlAreWrappedAndEverythingElseIsCopied() throws IOException {
        byte[] rewritten = rewrite(fakeArchive());
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, String> contents = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(rewritten)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), e);
                contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(Set.of("bin/", "bin/initdb", "bin/initdb.real", "bin/pg_ctl", "bin/pg_ctl.real", "bin/postgres",
                "lib/", "lib/libpq.so.5.14", "lib/libpq.so.5"), entries.keySet());
        assertEquals(TOOL + "# initdb", contents.get("bin/initdb.real"), "the original, renamed");
        assertEquals(TOOL + "# pg_ctl", contents.get("bin/pg_ctl.real"));
        assertEquals(RootSafeBinaryResolver.wrapper("initdb"), contents.get("bin/initdb"));
        assertEquals(RootSafeBinaryResolver.wrapper("pg_ctl"), contents.get("bin/pg_ctl"));
        assertEquals(TOOL + "# postgres", contents.get("bin/postgres"), "postgres itself is untouched");
        assertEquals(0755, entries.get("bin/initdb").getMode() & 0777);
        assertEquals(0755, entries.get("bin/initdb.real").getMode() & 0777);
        assertTrue(entries.get("lib/libpq.so.5").isSymbolicLink());
        assertEquals("libpq.so.5.14", entries.get("lib/libpq.so.5").getLinkName());
    }

    @Test
    void anArchiveWithoutTheToolsIsRefused() throws IOException {
        byte[] archive = archive(Map.of("bin/postgres", TOOL));
        assertThrows(IOException.class, () -> rewrite(archive));
    }

    @Test
    void theWrapperRunsTheRealToolAsANonRootUserAndPassesItsArguments(@TempDir Path dir) throws Exception {
        extract(rewrite(fakeArchive()), dir);
        Process p = new ProcessBuilder(dir.resolve("bin/initdb").toString(), "two words", "", "-D").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> lines = out.lines().toList();
        String expectedUid = RootSafeBinaryResolver.isRoot() ? "65534" : uid();
        assertEquals(expectedUid, lines.get(0), "never uid 0");
        assertEquals("two words||-D|", lines.get(1), "arguments arrive intact");
    }

    @Test
    void theRewrittenArchiveIsBuiltOnceAndThenServedFromTheCache(@TempDir Path cache) throws IOException {
        byte[] original = fakeArchive();
        AtomicInteger asked = new AtomicInteger();
        PgBinaryResolver source = (system, arch) -> {
            asked.incrementAndGet();
            return new ByteArrayInputStream(original);
        };
        RootSafeBinaryResolver resolver = new RootSafeBinaryResolver(source, cache);
        byte[] first = readAll(resolver.getPgBinary("Linux", "x86_64"));
        Path cached = onlyFile(cache);
        FileTime builtAt = Files.getLastModifiedTime(cached);
        Files.setLastModifiedTime(cached, FileTime.fromMillis(builtAt.toMillis() - 60_000));

        byte[] second = readAll(new RootSafeBinaryResolver(source, cache).getPgBinary("Linux", "x86_64"));
        assertArrayEquals(first, second);
        assertEquals(cached, onlyFile(cache), "one file, no leftovers");
        assertEquals(builtAt.toMillis() - 60_000, Files.getLastModifiedTime(cached).toMillis(), "not rebuilt");
        assertEquals(2, asked.get());
    }

    @Test
    void realPostgresInitialisesAsRootThroughTheWrapper(@TempDir Path dir) throws Exception {
        assumeTrue(RootSafeBinaryResolver.isRoot(), "only root needs the wrapper");
        PgBinaryResolver resolver = RootSafeBinaryResolver.forCurrentUser();
        try (InputStream in = resolver.getPgBinary("Linux", "x86_64")) {
            extract(in.readAllBytes(), dir.resolve("pg"));
        }
        // Called directly, not through zonky (which may unshare by itself): the wrapper alone must do.
        Process p = new ProcessBuilder(dir.resolve("pg/bin/initdb").toString(), "-A", "trust", "-U", "postgres",
                "-E", "UTF-8", "--locale=C", "-D", dir.resolve("data").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.isRegularFile(dir.resolve("data/PG_VERSION")));
        assertEquals(0, Files.getAttribute(dir.resolve("data/PG_VERSION"), "unix:uid"), "files stay root's outside");
    }

    private static byte[] fakeArchive() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bin/", null);
        files.put("bin/initdb", TOOL + "# initdb");
        files.put("bin/pg_ctl", TOOL + "# pg_ctl");
        files.put("bin/postgres", TOOL + "# postgres");
        files.put("lib/", null);
        files.put("lib/libpq.so.5.14", "not really a library");
        files.put("lib/libpq.so.5", "-> libpq.so.5.14");
        return archive(files);
    }

    /** A tar.xz: a null content makes a directory, content "-> target" a symbolic link. */
    private static byte[] archive(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options(0)))) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                TarArchiveEntry e;
                if (f.getValue() == null) {
                    e = new TarArchiveEntry(f.getKey());
                    tar.putArchiveEntry(e);
                } else if (f.getValue().startsWith("-> ")) {
                    e = new TarArchiveEntry(f.getKey(), TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName(f.getValue().substring(3));
                    tar.putArchiveEntry(e);
                } else {
                    byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                    e = new TarArchiveEntry(f.getKey());
                    e.setMode(0100755);
                    e.setSize(content.length);
                    tar.putArchiveEntry(e);
                    tar.write(content);
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] rewrite(byte[] archive) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootSafeBinaryResolver.rewrite(new ByteArrayInputStream(archive), out);
        return out.toByteArray();
    }

    /** Unpacks a tar.xz the way zonky does: files with their execute bits, directories, symbolic links. */
    private static void extract(byte[] txz, Path into) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new XZInputStream(new ByteArrayInputStream(txz)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else if (e.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(e.getLinkName()));
                } else if (e.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                    Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                    if ((e.getMode() & 0100) != 0) {
                        perms.add(PosixFilePermission.OWNER_EXECUTE);
                    }
                    Files.setPosixFilePermissions(target, perms);
                }
            }
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private static String uid() throws IOException {
        return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
    }
}
