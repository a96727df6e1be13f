package dev.tandem.tools;

import dev.tandem.client.ClientDocument;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import java.io.PrintStream;

/** A plain-text document on the command line: typed lines are appended as lines. */
final class TextConsole extends Console<TextOperation, Selection> {
    private final ClientDocument text;

    TextConsole(ClientDocument doc, PrintStream out) {
        super(doc, out);
        this.text = doc;
    }

    @Override
    void printContent(PrintStream out) {
        out.println(text.text());
    }

    @Override
    String prompt() {
        return "type lines to append";
    }

    @Override
    void here() {
        text.setSelection(text.length(), text.length(), false);
    }

    @Override
    void typed(String line) {
        text.append(text.length() == 0 || text.text().endsWith("\n") ? line + "\n" : "\n" + line + "\n");
        text.setSelection(text.length(), text.length(), true);
    }

    @Override
    String describe(TextOperation op) {
        return Describe.text(op);
    }
}
