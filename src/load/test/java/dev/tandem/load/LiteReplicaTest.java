package dev.tandem.load;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.OperationJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.sequencer.Outcome;
import dev.tandem.ot.sequencer.Sequencer;
import dev.tandem.ot.sequencer.SequencerLimits;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.ot.sequencer.LoadedDocument;
import dev.tandem.ot.sequencer.Snapshot;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A lite replica against the client library's full model: fed the same server messages and the
 * same local edits, it must submit exactly what the full model submits and agree on revision
 * and length; the server is the real sequencer, with another client editing concurrently. On
 * text and on rich text (with format changes).
 */
class LiteReplicaTest {
    private static final String DOC = "d";
    private static final String ME = "me";
    private static final String OTHER = "other";

    @Test
    void submitsExactlyWhatTheFullModelSubmitsUnderConcurrentEdits() {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed, TextTyping.INSTANCE, "hello world");
        }
    }

    @Test
    void submitsExactlyWhatTheFullModelSubmitsOnRichTextWithFormats() {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed, RichTextTyping.INSTANCE, "{\"ops\":[{\"insert\":\"hello world\\n\"}]}");
        }
    }

    private <O extends Operation> void run(long seed, Typing<O> typing, String initial) {
        SplittableRandom random = new SplittableRandom(seed);
        DocumentType<O> type = typing.clientType().documentType();
        Sequencer server = new Sequencer(DOC, new LoadedDocument(type, new Snapshot(DOC, 0, initial), List.of()),
                SequencerLimits.DEFAULTS, () -> 0L);
        server.learnClient(ME, null);
        server.learnClient(OTHER, null);

        List<ClientMessage> liteSent = new ArrayList<>();
        List<ClientMessage> fullSent = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        DocumentListener<O, Selection> listener = new DocumentListener<>() {
            @Override
            public void error(ServerMessage.Error error) {
                errors.add(error.code());
            }
        };
        LiteReplica<O> lite = new LiteReplica<>(DOC, ME, typing, liteSent::add, listener);
        DocumentModel<O, Selection> model = new DocumentModel<>(typing.clientType(), DOC, ME, 0, fullSent::add, (delay, task) -> { });
        FullReplica<O> full = new FullReplica<>(model, typing);
        lite.open(false);
        model.open(false);
        deliver(lite, model, new ServerMessage.Opened(DOC, type.name(), 0, SharedOps.tree(type.snapshotJson(initial)), false,
                List.of(), null, List.of()));
        assertTrue(lite.isLive());
        assertEquals(full.length(), lite.length());
        lite.placeCaret(3);
        full.placeCaret(3);

        ArrayDeque<ServerMessage> toMe = new ArrayDeque<>();
        int submitted = 0; // my submissions already handed to the server
        long otherSeq = 0;
        for (int step = 0; step < 400; step++) {
            switch (random.nextInt(4)) {
                case 0 -> {
                    int p = random.nextInt(10);
                    int count = 1 + random.nextInt(4);
                    String attribute = random.nextBoolean() ? "bold" : "italic";
                    boolean on = random.nextBoolean();
                    String letter = String.valueOf((char) ('a' + random.nextInt(26)));
                    for (Replica r : List.<Replica>of(lite, full)) {
                        if (p < 2) {
                            r.backspace();
                        } else if (p < 4 && typing.formats()) {
                            r.format(count, attribute, on);
                        } else {
                            r.type(letter);
                        }
                    }
                }
                case 1 -> {
                    O op = randomEdit(random, typing, (int) server.size());
                    Outcome.Accepted a = (Outcome.Accepted) server.submit(new Submission(OTHER, ++otherSeq, server.head(), op));
                    toMe.add(new ServerMessage.Op(DOC, a.revision().rev(), SharedOps.tree(a.revision().op().toJson()), OTHER,
                            otherSeq));
                }
                case 2 -> submitted = submitNext(server, liteSent, submitted, toMe);
                default -> {
                    if (!toMe.isEmpty()) {
                        deliver(lite, model, toMe.poll());
                    }
                }
            }
            assertEquals(submissions(fullSent), submissions(liteSent), "seed " + seed + " step " + step);
            assertEquals(full.length(), lite.length(), "seed " + seed + " step " + step);
            assertEquals(full.revision(), lite.revision(), "seed " + seed + " step " + step);
            assertEquals(full.caret(), lite.caret(), "seed " + seed + " step " + step);
        }
        // Settle: the server takes everything, the clients get everything.
        while (submitted < submissions(liteSent).size() || !toMe.isEmpty()) {
            submitted = submitNext(server, liteSent, submitted, toMe);
            while (!toMe.isEmpty()) {
                deliver(lite, model, toMe.poll());
            }
        }
        assertEquals(submissions(fullSent), submissions(liteSent));
        assertTrue(lite.isSynced() && full.isSynced(), "seed " + seed);
        assertEquals(server.head(), lite.revision());
        assertEquals(server.snapshot(), full.text());
        assertEquals(server.size(), lite.length());
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(null, lite.text());
    }

    @Test
    void aRevisionOutOfOrderIsAnErrorNotAGuess() {
        List<String> errors = new ArrayList<>();
        LiteReplica<TextOperation> lite = new LiteReplica<>(DOC, ME, TextTyping.INSTANCE, m -> { }, new DocumentListener<>() {
            @Override
            public void error(ServerMessage.Error error) {
                errors.add(error.code());
            }
        });
        lite.open(false);
        lite.receive(new ServerMessage.Opened(DOC, "text", 5, TextNode.valueOf("abc"), false, List.of(), null, List.of()));
        lite.receive(new ServerMessage.Op(DOC, 7, OperationJson.toTree(TextOperation.builder().retain(3).insert("x").build()), OTHER, 1));
        assertEquals(List.of("CLIENT_OUT_OF_ORDER"), errors);
        assertFalse(lite.isLive());
        assertEquals(5, lite.revision());
    }

    private static int submitNext(Sequencer server, List<ClientMessage> sent, int submitted, ArrayDeque<ServerMessage> toMe) {
        List<ClientMessage.Submit> mine = submissions(sent);
        if (submitted >= mine.size()) {
            return submitted;
        }
        ClientMessage.Submit s = mine.get(submitted);
        Outcome outcome = server.submit(new Submission(ME, s.seq(), s.base(), server.type().parse(s.op())));
        Outcome.Accepted a = assertInstanceOf(Outcome.Accepted.class, outcome);
        toMe.add(new ServerMessage.Ack(DOC, s.seq(), a.revision().rev(), null));
        return submitted + 1;
    }

    private static void deliver(LiteReplica<?> lite, DocumentModel<?, ?> model, ServerMessage m) {
        lite.receive(m);
        model.receive(m);
    }

    private static List<ClientMessage.Submit> submissions(List<ClientMessage> sent) {
        List<ClientMessage.Submit> out = new ArrayList<>();
        for (ClientMessage m : sent) {
            if (m instanceof ClientMessage.Submit s) {
                out.add(s);
            }
        }
        return out;
    }

    /** Another person's keystroke, backspace or (rich text) format change somewhere in a document of {@code length}. */
    private static <O extends Operation> O randomEdit(SplittableRandom random, Typing<O> typing, int length) {
        int max = typing.maxCaret(length);
        int at = random.nextInt(max + 1);
        int p = random.nextInt(4);
        if (at > 0 && p == 0) {
            return typing.delete(length, at - 1, 1);
        }
        if (at > 0 && p == 1 && typing.formats()) {
            return typing.format(length, at - 1, 1, "bold", random.nextBoolean());
        }
        return typing.insert(length, at, String.valueOf((char) ('a' + random.nextInt(26))));
    }
}
