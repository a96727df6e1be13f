package dev.tandem.gateway;

import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** Reads and validates the fields of a client message; anything wrong is {@code MALFORMED_MESSAGE}. */
final class Fields {
    static final Pattern DOC_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");
    static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    private Fields() {
    }

    static String docId(JsonObject m) {
        Object v = m.getValue("doc");
        if (!(v instanceof String s)) {
            throw malformed("field \"doc\" must be a string");
        }
        return checkDocId(s);
    }

    static String checkDocId(String s) {
        if (!DOC_ID.matcher(s).matches()) {
            throw new TandemException(ErrorCode.INVALID_DOCUMENT_ID,
                    "document ids are 1 to 128 characters of A-Z a-z 0-9 . _ -");
        }
        return s;
    }

    static long requiredLong(JsonObject m, String field, long min) {
        Object v = m.getValue(field);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw malformed("field \"" + field + "\" must be an integer");
        }
        long n = ((Number) v).longValue();
        if (n < min) {
            throw malformed("field \"" + field + "\" must be at least " + min);
        }
        return n;
    }

    static long optionalLong(JsonObject m, String field, long min, long absent) {
        return m.getValue(field) == null ? absent : requiredLong(m, field, min);
    }

    static boolean optionalBoolean(JsonObject m, String field) {
        Object v = m.getValue(field);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw malformed("field \"" + field + "\" must be true or false");
        }
        return b;
    }

    static TandemException malformed(String text) {
        return new TandemException(ErrorCode.MALFORMED_MESSAGE, text);
    }
}
