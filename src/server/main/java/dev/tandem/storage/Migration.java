package dev.tandem.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One versioned schema change: the script {@code V<version>__<description>.sql}. */
public record Migration(int version, String description, String sql) {

    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]{0,8})__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1, got " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(sql, "sql");
    }

    /** Whether {@code fileName} looks like a migration script. */
    public static boolean isScriptName(String fileName) {
        return NAME.matcher(fileName).matches();
    }

    /** Parses the version and description out of a script's file name. */
    public static Migration of(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a migration script name (V<n>__<description>.sql): " + fileName);
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql);
    }

    /**
     * A fingerprint of the script, recorded when it is applied so that a script edited after
     * it ran can be noticed. Line endings are normalised so a checkout with CRLF agrees.
     */
    public String checksum() {
        try {
            byte[] bytes = sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
