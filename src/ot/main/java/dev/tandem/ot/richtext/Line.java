package dev.tandem.ot.richtext;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a document as the exports see it: its inline parts (text without newlines, and
 * embeds) and the block formats carried by the newline that ends it, as in Quill.
 */
record Line(List<DeltaOp> parts, Attributes block) {

    /** The lines of {@code document}; content after the last newline is a line without formats. */
    static List<Line> of(Delta document) {
        List<Line> lines = new ArrayList<>();
        List<DeltaOp> parts = new ArrayList<>();
        for (DeltaOp op : document.ops()) {
            if (!(op instanceof DeltaOp.TextInsert t)) {
                if (op.isInsert()) {
                    parts.add(op);
                }
                continue;
            }
            String text = t.text();
            int start = 0;
            for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
                if (nl > start) {
                    parts.add(new DeltaOp.TextInsert(text.substring(start, nl), t.attributes()));
                }
                lines.add(new Line(parts, t.attributes()));
                parts = new ArrayList<>();
                start = nl + 1;
            }
            if (start < text.length()) {
                parts.add(new DeltaOp.TextInsert(text.substring(start), t.attributes()));
            }
        }
        if (!parts.isEmpty()) {
            lines.add(new Line(parts, Attributes.NONE));
        }
        return lines;
    }

    boolean isEmpty() {
        return parts.isEmpty();
    }

    /** The list kind of this line, or null. */
    String list() {
        return block.has(AttributeKind.LIST) ? (String) block.get(AttributeKind.LIST) : null;
    }

    /** The code block's value (true or a language), or null. */
    Object codeBlock() {
        return block.has(AttributeKind.CODE_BLOCK) ? block.get(AttributeKind.CODE_BLOCK) : null;
    }

    int header() {
        return block.has(AttributeKind.HEADER) ? (Integer) block.get(AttributeKind.HEADER) : 0;
    }

    int indent() {
        return block.has(AttributeKind.INDENT) ? (Integer) block.get(AttributeKind.INDENT) : 0;
    }

    boolean blockquote() {
        return block.has(AttributeKind.BLOCKQUOTE);
    }

    /** The line's text with embeds left out, for code blocks. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (DeltaOp p : parts) {
            if (p instanceof DeltaOp.TextInsert t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
