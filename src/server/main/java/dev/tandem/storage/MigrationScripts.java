package dev.tandem.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the migration scripts on the class path, in a folder of {@code target/classes} or in
 * the application jar alike, and checks that their versions run 1, 2, 3... without gaps.
 */
public final class MigrationScripts {

    /** Where the scripts live on the class path. */
    public static final String LOCATION = "db/migration";

    private MigrationScripts() {
    }

    /** The scripts under {@link #LOCATION}, in version order. Blocking: reads the class path. */
    /** The schema version the class path's scripts bring a database to. */
    public static int latest() {
        List<Migration> all = load();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).version();
    }

    public static List<Migration> load() {
        return load(LOCATION, MigrationScripts.class.getClassLoader());
    }

    /** The scripts under {@code location}, in version order. Blocking: reads the class path. */
    public static List<Migration> load(String location, ClassLoader loader) {
        try {
            TreeSet<String> names = new TreeSet<>();
            Enumeration<URL> roots = loader.getResources(location);
            while (roots.hasMoreElements()) {
                names.addAll(scriptNames(roots.nextElement(), location));
            }
            List<Migration> scripts = new ArrayList<>();
            for (String name : names) {
                try (InputStream in = loader.getResourceAsStream(location + "/" + name)) {
                    if (in == null) {
                        throw new IOException("cannot read " + location + "/" + name);
                    }
                    scripts.add(Migration.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return checkSequence(scripts, location);
        } catch (IOException e) {
            throw new UncheckedIOException("reading migration scripts from " + location, e);
        }
    }

    /** Sorts by version and refuses duplicates and gaps: a missing script must stop start-up. */
    static List<Migration> checkSequence(List<Migration> scripts, String location) {
        List<Migration> sorted = new ArrayList<>(scripts);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            int version = sorted.get(i).version();
            if (version != i + 1) {
                throw new IllegalStateException("migration scripts in " + location + " must be numbered 1, 2, 3... "
                        + "without gaps or duplicates; found version " + version + " at position " + (i + 1));
            }
        }
        return Collections.unmodifiableList(sorted);
    }

    private static List<String> scriptNames(URL root, String location) throws IOException {
        List<String> names = new ArrayList<>();
        if ("file".equals(root.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                files.map(p -> p.getFileName().toString()).filter(Migration::isScriptName).forEach(names::add);
            } catch (URISyntaxException e) {
                throw new IOException("bad class path URL " + root, e);
            }
        } else if ("jar".equals(root.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) root.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                String prefix = location + "/";
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String entry = e.nextElement().getName();
                    if (entry.startsWith(prefix) && entry.indexOf('/', prefix.length()) < 0) {
                        String name = entry.substring(prefix.length());
                        if (Migration.isScriptName(name)) {
                            names.add(name);
                        }
                    }
                }
            }
        } else {
            throw new IOException("cannot list migration scripts at " + root);
        }
        return names;
    }
}
