package dev.tandem.load;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.text.TextType;

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
 * and length; the server is the real sequencer, with another client editing concurrently.
 */
class LiteReplicaTest {
    private static final String DOC = "d";
    private static final String ME = "me";
    private static final String OTHER = "other";

    @Test
    void submitsExactlyWhatTheFullModelSubmitsUnderConcurrentEdits() {
        for (long seed = 1; seed <= 40; seed++) {
            run(seed);
        }
    }

    private void run(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Sequencer server = new Sequencer(DOC, new LoadedDocument(new Snapshot(DOC, 0, "hello world"), List.of()),
                SequencerLimits.DEFAULTS, () -> 0L);
        server.learnClient(ME, null);
        server.learnClient(OTHER, null);

        List<ClientMessage> liteSent = new ArrayList<>();
        List<ClientMessage> fullSent = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        DocumentListener<TextOperation, Selection> listener = new DocumentListener<>() {
            @Override
            public void error(ServerMessage.Error error) {
                errors.add(error.code());
            }
        };
        LiteReplica lite = new LiteReplica(DOC, ME, liteSent::add, listener);
        DocumentModel<TextOperation, Selection> model = DocumentModel.text(DOC, ME, 0, fullSent::add, (delay, task) -> { });
        FullReplica full = new FullReplica(model);
        lite.open(false);
        model.open(false);
        deliver(lite, model, new ServerMessage.Opened(DOC, "text", 0, TextNode.valueOf("hello world"), false, List.of(), null, List.of()));
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
                    TextOperation op = randomEdit(random, lite.length());
                    lite.edit(op);
                    full.edit(op);
                }
                case 1 -> {
                    TextOperation op = randomEdit(random, server.snapshot().length());
                    Outcome.Accepted a = (Outcome.Accepted) server.submit(new Submission(OTHER, ++otherSeq, server.head(), op));
                    toMe.add(new ServerMessage.Op(DOC, a.revision().rev(), OperationJson.toTree((TextOperation) a.revision().op()), OTHER,
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
        assertEquals(server.snapshot().length(), lite.length());
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(null, lite.text());
    }

    @Test
    void aRevisionOutOfOrderIsAnErrorNotAGuess() {
        List<String> errors = new ArrayList<>();
        LiteReplica lite = new LiteReplica(DOC, ME, m -> { }, new DocumentListener<>() {
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
        Outcome outcome = server.submit(new Submission(ME, s.seq(), s.base(), TextType.INSTANCE.parse(s.op())));
        Outcome.Accepted a = assertInstanceOf(Outcome.Accepted.class, outcome);
        toMe.add(new ServerMessage.Ack(DOC, s.seq(), a.revision().rev(), null));
        return submitted + 1;
    }

    private static void deliver(LiteReplica lite, DocumentModel<?, ?> model, ServerMessage m) {
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

    private static TextOperation randomEdit(SplittableRandom random, int length) {
        int at = random.nextInt(length + 1);
        if (at > 0 && random.nextInt(4) == 0) {
            return TextOperation.splice(length, at - 1, 1, "");
        }
        return TextOperation.splice(length, at, 0, String.valueOf((char) ('a' + random.nextInt(26))));
    }
}
