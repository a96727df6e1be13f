package dev.tandem.ot.richtext;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The allow-list of rich-text attributes, Quill's formats by their wire names. Declared in the
 * order of their names, so that attributes are always written in one order and equal documents
 * have equal snapshots whatever their history. Block formats ride on the newline that ends their
 * line, as in Quill.
 */
public enum AttributeKind {
    ALIGN("align", true, new AttributeRule.Choice(Set.of("left", "center", "right", "justify"))),
    BACKGROUND("background", false, new AttributeRule.Color(AttributeKind.MAX_COLOR_NAME)),
    BLOCKQUOTE("blockquote", true, new AttributeRule.Flag()),
    BOLD("bold", false, new AttributeRule.Flag()),
    CODE("code", false, new AttributeRule.Flag()),
    CODE_BLOCK("code-block", true, new AttributeRule.CodeBlock(32)),
    COLOR("color", false, new AttributeRule.Color(AttributeKind.MAX_COLOR_NAME)),
    HEADER("header", true, new AttributeRule.Level(1, 6)),
    INDENT("indent", true, new AttributeRule.Level(1, 8)),
    ITALIC("italic", false, new AttributeRule.Flag()),
    LINK("link", false, new AttributeRule.Link(AttributeKind.MAX_URL)),
    LIST("list", true, new AttributeRule.Choice(Set.of("ordered", "bullet", "checked", "unchecked"))),
    SCRIPT("script", false, new AttributeRule.Choice(Set.of("sub", "super"))),
    SIZE("size", false, new AttributeRule.Choice(Set.of("small", "large", "huge"))),
    STRIKE("strike", false, new AttributeRule.Flag()),
    UNDERLINE("underline", false, new AttributeRule.Flag());

    /** Longest link, image or video URL, in UTF-16 units. */
    public static final int MAX_URL = 2048;
    /** Longest CSS colour name (the longest standard one, lightgoldenrodyellow, has 20 letters). */
    public static final int MAX_COLOR_NAME = 24;

    private static final AttributeKind[] ALL = values();
    private static final Map<String, AttributeKind> BY_NAME = new HashMap<>();

    static {
        for (AttributeKind k : ALL) {
            BY_NAME.put(k.wireName, k);
        }
    }

    private final String wireName;
    private final boolean block;
    private final AttributeRule rule;

    AttributeKind(String wireName, boolean block, AttributeRule rule) {
        this.wireName = wireName;
        this.block = block;
        this.rule = rule;
    }

    /** The kind called {@code name} on the wire, or null if it is not on the allow-list. */
    public static AttributeKind byName(String name) {
        return BY_NAME.get(name);
    }

    static AttributeKind at(int ordinal) {
        return ALL[ordinal];
    }

    static int count() {
        return ALL.length;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether this is a line format (it belongs on a newline) rather than an inline one. */
    public boolean isBlock() {
        return block;
    }

    public AttributeRule rule() {
        return rule;
    }
}
