package dev.tandem.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client appending unique tokens ({@code <id:n>}) to one document, so that the final text shows
 * any keystroke lost or applied twice; it counts the server's acknowledgements and keeps whatever
 * the client library reports lost.
 */
final class Typist {
    private static final Pattern TOKEN = Pattern.compile("<[a-z0-9-]+:\\d+>");

    final String id;
    final ClientDocument doc;
    /** Written by the one typing thread; read once it has stopped. */
    final List<String> typed = new ArrayList<>();
    /** Edits the client gave up on (its listener's {@code editsLost}): none, ever. */
    final List<LostEdits<TextOperation>> lost = new CopyOnWriteArrayList<>();
    private final AtomicLong acks = new AtomicLong();
    private volatile int next; // written by the typing thread, read by the test's waits

    Typist(String id, ClientDocument doc) {
        this.id = id;
        this.doc = doc;
        doc.addListener(new DocumentListener<TextOperation, Selection>() {
            @Override
            public void acknowledged(long seq, long rev) {
                acks.incrementAndGet();
            }

            @Override
            public void editsLost(LostEdits<TextOperation> edits) {
                lost.add(edits);
            }
        });
    }

    /** Types the next token at the end of the document. */
    void type() {
        String token = "<" + id + ":" + next + ">";
        doc.append(token);
        typed.add(token);
        next++;
    }

    /** Tokens typed so far. */
    int count() {
        return next;
    }

    /** Submissions the server has acknowledged so far (one may carry several tokens). */
    long acks() {
        return acks.get();
    }

    /** Every token the typists typed is in {@code text} exactly once, and nothing else is. */
    static void assertExactlyOnce(String text, List<Typist> typists) {
        List<String> found = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        List<String> typed = new ArrayList<>();
        typists.forEach(w -> typed.addAll(w.typed));
        assertEquals(typed.size(), found.size(), "as many tokens as keystrokes");
        assertEquals(new HashSet<>(typed), new HashSet<>(found), "the same tokens");
    }
}
