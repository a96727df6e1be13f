package dev.tandem.protocol;

/**
 * How a participant is shown to the others: a display name and a CSS colour {@code #rrggbb}.
 * Either may be null, in which case the server picks one.
 */
public record User(String name, String color) {
    public static final User ANONYMOUS = new User(null, null);
}
