package dev.tandem.ot.richtext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.Map;

/**
 * A non-text insert of length 1, such as {@code {"image":"https://..."}}: one kind from the
 * allow-list and its value.
 */
public record Embed(Kind kind, String value) {

    /** The allowed kinds of embed and what each accepts. */
    public enum Kind {
        /** A picture by its http(s) URL (no {@code data:} URLs: a snapshot is not an image store). */
        IMAGE("image"),
        /** A video player by its https URL. */
        VIDEO("video"),
        /** A TeX formula. */
        FORMULA("formula");

        /** Longest formula, in UTF-16 units. */
        public static final int MAX_FORMULA = 1000;

        private final String wireName;

        Kind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        static Kind byName(String name) {
            for (Kind k : values()) {
                if (k.wireName.equals(name)) {
                    return k;
                }
            }
            return null;
        }

        boolean allows(String value) {
            return switch (this) {
                case IMAGE -> Urls.allowed(value, Urls.WEB_SCHEMES, AttributeKind.MAX_URL);
                case VIDEO -> Urls.allowed(value, Urls.SECURE_SCHEMES, AttributeKind.MAX_URL);
                case FORMULA -> !value.isEmpty() && value.length() <= MAX_FORMULA;
            };
        }
    }

    public Embed {
        if (!kind.allows(value)) {
            throw new OtException(OtError.INVALID_EMBED, kind.wireName + " embed does not allow "
                    + (value.length() > 80 ? value.substring(0, 80) + "..." : value));
        }
        if (Strings.hasLoneSurrogate(value)) {
            throw new OtException(OtError.LONE_SURROGATE, kind.wireName + " embed holds a lone surrogate");
        }
    }

    public static Embed image(String url) {
        return new Embed(Kind.IMAGE, url);
    }

    public static Embed video(String url) {
        return new Embed(Kind.VIDEO, url);
    }

    public static Embed formula(String tex) {
        return new Embed(Kind.FORMULA, tex);
    }

    /** Reads {@code {"kind": "value"}}, checked against the allow-list. */
    static Embed read(JsonNode node) {
        if (node.size() != 1) {
            throw new OtException(OtError.MALFORMED_OPERATION, "an embed has exactly one key, not " + node.size());
        }
        Map.Entry<String, JsonNode> e = node.fields().next();
        Kind kind = Kind.byName(e.getKey());
        if (kind == null) {
            throw new OtException(OtError.UNKNOWN_EMBED, "unknown embed \"" + e.getKey() + "\"");
        }
        if (!e.getValue().isTextual()) {
            throw new OtException(OtError.INVALID_EMBED, kind.wireName + " embed must be a string");
        }
        return new Embed(kind, e.getValue().textValue());
    }
}
