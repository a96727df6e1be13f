package dev.tandem.tools;

import dev.tandem.client.CanvasClientDocument;
import dev.tandem.client.model.CanvasPresence;
import dev.tandem.ot.canvas.CanvasObject;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.FractionalIndex;
import dev.tandem.ot.canvas.Kind;
import dev.tandem.ot.canvas.Properties;
import dev.tandem.ot.canvas.PropertyValue;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A canvas on the command line: lists its objects (id, kind, parent, a few properties), then one
 * line per change others make; a typed line becomes a sticky note at the end of the board.
 */
final class CanvasConsole extends Console<CanvasOperation, CanvasPresence> {
    private static final int MAX_CHANGES_SHOWN = 10;
    private final CanvasClientDocument board;

    CanvasConsole(CanvasClientDocument doc, PrintStream out) {
        super(doc, out);
        this.board = doc;
    }

    @Override
    void printContent(PrintStream out) {
        List<CanvasObject> objects = board.objects();
        out.println(objects.size() + " object(s)");
        for (CanvasObject o : objects) {
            out.println("  " + Describe.object(o));
        }
    }

    @Override
    String prompt() {
        return "type a line to add it as a sticky note";
    }

    @Override
    void here() {
        board.setPresence(new CanvasPresence(null, List.of()));
    }

    @Override
    void typed(String line) {
        String id = "cli-" + UUID.randomUUID().toString().substring(0, 8);
        board.edit(view -> {
            String last = null;
            for (CanvasObject o : view.children(null)) {
                last = o.index();
            }
            return CanvasOperation.of(new Change.Create(id, Kind.STICKY, null, FractionalIndex.between(last, null),
                    Properties.of(Map.of("text", new PropertyValue.StringValue(line)))));
        });
        print("[added " + id + "]");
    }

    @Override
    String describe(CanvasOperation op) {
        if (op.isEmpty()) {
            return "(no change)";
        }
        StringBuilder sb = new StringBuilder();
        List<Change> changes = op.changes();
        for (Change c : changes.subList(0, Math.min(changes.size(), MAX_CHANGES_SHOWN))) {
            sb.append(sb.length() == 0 ? "" : "; ").append(Describe.change(c));
        }
        if (changes.size() > MAX_CHANGES_SHOWN) {
            sb.append("; (").append(changes.size() - MAX_CHANGES_SHOWN).append(" more changes)");
        }
        return sb.toString();
    }
}
