package dev.tandem.tools;

import dev.tandem.client.TandemDocument;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.Participant;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.ot.Operation;
import dev.tandem.protocol.ServerMessage;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One open document as the command-line client shows it: prints it once, then one line per thing
 * others do (edits, arrivals, departures), and takes the lines the person types. Each document
 * type has its own: {@link TextConsole}, {@link RichTextConsole}, {@link CanvasConsole}.
 *
 * @param <O> the operation class of the document's type
 * @param <S> its selections
 */
abstract class Console<O extends Operation, S> implements DocumentListener<O, S> {
    private final PrintStream out;
    private final Map<String, String> names = new ConcurrentHashMap<>();
    final TandemDocument<O, S> doc;

    Console(TandemDocument<O, S> doc, PrintStream out) {
        this.doc = doc;
        this.out = out;
    }

    /** Prints the document as it is, then starts printing what others do. */
    final void show() {
        synchronized (out) {
            out.println("--- " + doc.id() + " (" + doc.type() + ") at revision " + doc.revision() + " ---");
            printContent(out);
            out.println("--- " + prompt() + "; Ctrl-D to quit ---");
        }
        doc.addListener(this);
        doc.presence().forEach(this::presence);
        here();
    }

    /** The document's content, as it is now. */
    abstract void printContent(PrintStream out);

    /** What typing a line does, for the banner. */
    abstract String prompt();

    /** Tells the others this person is here (a caret or pointer). */
    abstract void here();

    /** The person typed {@code line}. */
    abstract void typed(String line);

    /** One line describing someone else's change. */
    abstract String describe(O op);

    @Override
    public void remoteChange(RemoteChange<O> change) {
        print("[rev " + change.rev() + "] " + name(change.client()) + ": " + describe(change.op()));
        if (!names.containsKey(change.client())) {
            doc.presence().forEach(this::presence);
        }
    }

    @Override
    public void presence(Participant<S> p) {
        if (p.user() != null && p.user().name() != null && names.put(p.clientId(), p.user().name()) == null) {
            print("[" + p.user().name() + " is here]");
        }
    }

    @Override
    public void left(String clientId) {
        print("[" + name(clientId) + " left]");
        names.remove(clientId);
    }

    @Override
    public void editsLost(LostEdits<O> lost) {
        print("[lost unconfirmed edits (" + lost.reason() + "): " + describe(lost.edits()) + "]");
    }

    @Override
    public void reset(String snapshot, long rev) {
        synchronized (out) {
            out.println("--- reset to revision " + rev + " ---");
            printContent(out);
            out.println("---");
        }
    }

    @Override
    public void error(ServerMessage.Error error) {
        print("[error " + error.code() + ": " + error.message() + "]");
    }

    final void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    private String name(String clientId) {
        return names.getOrDefault(clientId, clientId);
    }
}
