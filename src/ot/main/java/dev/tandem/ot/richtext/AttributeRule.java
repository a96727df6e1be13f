package dev.tandem.ot.richtext;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What values one kind of rich-text attribute allows, one record per kind of rule. {@link #read}
 * turns an allowed JSON value into the value the type keeps ({@code Boolean.TRUE}, a
 * {@code String} or an {@code Integer}) and answers null for anything else; a JSON
 * {@code null} (remove the attribute) is handled by the caller, since every attribute allows it.
 */
public sealed interface AttributeRule {

    /** The kept value of {@code value}, or null if this rule does not allow it. */
    Object read(JsonNode value);

    /** Whether {@code value}, as kept, is allowed (for values built in Java rather than parsed). */
    boolean allows(Object value);

    /** Only {@code true}: bold, italic, underline, strike, code, blockquote. */
    record Flag() implements AttributeRule {
        @Override
        public Object read(JsonNode value) {
            return value.isBoolean() && value.booleanValue() ? Boolean.TRUE : null;
        }

        @Override
        public boolean allows(Object value) {
            return Boolean.TRUE.equals(value);
        }
    }

    /** One of a fixed set of words: list, align, script, size. */
    record Choice(Set<String> words) implements AttributeRule {
        @Override
        public Object read(JsonNode value) {
            return value.isTextual() && words.contains(value.textValue()) ? value.textValue() : null;
        }

        @Override
        public boolean allows(Object value) {
            return value instanceof String s && words.contains(s);
        }
    }

    /** A whole number in {@code [min, max]}: header, indent. */
    record Level(int min, int max) implements AttributeRule {
        @Override
        public Object read(JsonNode value) {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                return null;
            }
            int n = value.intValue();
            return n >= min && n <= max ? n : null;
        }

        @Override
        public boolean allows(Object value) {
            return value instanceof Integer n && n >= min && n <= max;
        }
    }

    /** A link target: an http, https or mailto URL of at most {@code maxLength} chars. */
    record Link(int maxLength) implements AttributeRule {
        @Override
        public Object read(JsonNode value) {
            return value.isTextual() && allows(value.textValue()) ? value.textValue() : null;
        }

        @Override
        public boolean allows(Object value) {
            return value instanceof String s && Urls.allowed(s, Urls.LINK_SCHEMES, maxLength);
        }
    }

    /** A colour: {@code #rgb}, {@code #rrggbb} or a CSS colour name of letters only. */
    record Color(int maxNameLength) implements AttributeRule {
        private static final Pattern HEX = Pattern.compile("#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})");
        private static final Pattern NAME = Pattern.compile("[a-zA-Z]+");

        @Override
        public Object read(JsonNode value) {
            return value.isTextual() && allows(value.textValue()) ? value.textValue() : null;
        }

        @Override
        public boolean allows(Object value) {
            return value instanceof String s && (HEX.matcher(s).matches()
                    || (s.length() <= maxNameLength && NAME.matcher(s).matches()));
        }
    }

    /** A code block: {@code true}, or the name of its language (letters, digits, {@code +#._-}). */
    record CodeBlock(int maxLanguageLength) implements AttributeRule {
        private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9+#._-]*");

        @Override
        public Object read(JsonNode value) {
            if (value.isBoolean()) {
                return value.booleanValue() ? Boolean.TRUE : null;
            }
            return value.isTextual() && allows(value.textValue()) ? value.textValue() : null;
        }

        @Override
        public boolean allows(Object value) {
            if (Boolean.TRUE.equals(value)) {
                return true;
            }
            return value instanceof String s && s.length() <= maxLanguageLength && LANGUAGE.matcher(s).matches();
        }
    }
}
