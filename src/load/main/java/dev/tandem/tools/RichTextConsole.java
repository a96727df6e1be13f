package dev.tandem.tools;

import dev.tandem.client.RichTextClientDocument;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.text.Selection;
import java.io.PrintStream;

/**
 * A rich-text document on the command line: shown as its plain text (formats and embeds are not
 * drawn; others' changes name their formats), typed lines appended as plain lines.
 */
final class RichTextConsole extends Console<Delta, Selection> {
    private final RichTextClientDocument rich;

    RichTextConsole(RichTextClientDocument doc, PrintStream out) {
        super(doc, out);
        this.rich = doc;
    }

    @Override
    void printContent(PrintStream out) {
        out.print(rich.text()); // Quill's text always ends with a newline
    }

    @Override
    String prompt() {
        return "type lines to append as plain text";
    }

    @Override
    void here() {
        int end = Math.max(0, rich.length() - 1);
        rich.setSelection(end, end, false);
    }

    @Override
    void typed(String line) {
        rich.edit(doc -> {
            // Quill's documents end with a newline: an empty one gets the line before it, others a new line after it.
            boolean empty = doc.length() <= 1;
            return Delta.builder().retain(empty ? 0 : doc.length()).insert(empty ? line : line + "\n").build();
        });
        here();
    }

    @Override
    String describe(Delta op) {
        return Describe.richText(op);
    }
}
