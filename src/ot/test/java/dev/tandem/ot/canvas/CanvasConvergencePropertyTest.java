package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Several clients edit one canvas at once through the sequencing loop, with messages delivered in
 * random interleavings (each client's stream in order, as the server sends it): random batches,
 * undos and redos. Once everything is delivered and acknowledged, every client's view equals the
 * server's document. Seeded: a failure names its seed, and {@code -Dcanvas.seed=N} replays it.
 */
class CanvasConvergencePropertyTest {
    private static final int RUNS = Integer.getInteger("canvas.runs", 300);
    /** Small limits, so that concurrent batches break them and refusals happen too. */
    private static final CanvasLimits SMALL = new CanvasLimits(40, 4, 6, 6, 40, 30, 10, 64);
    /** What an honest client can be refused for: limits that others' concurrent work used up. Never a misfit edit. */
    private static final Set<OtError> LIMIT_CODES = EnumSet.of(OtError.TOO_MANY_OBJECTS, OtError.TOO_DEEP,
            OtError.TOO_MANY_PROPERTIES, OtError.PROPERTY_TOO_LONG, OtError.INVALID_INDEX);

    private record Message(long rev, CanvasOperation op, boolean ack, boolean refused) {
    }

    private static final class Client {
        final CanvasReplica replica;
        final RandomCanvas random;
        final Deque<Message> inbox = new ArrayDeque<>();
        final Deque<CanvasReplica.Outgoing> outbox = new ArrayDeque<>();

        Client(CanvasType type, Random r, String name) {
            replica = new CanvasReplica(type, type.emptySnapshot(), 0);
            random = new RandomCanvas(r, name);
        }
    }

    @Test
    void clientsConvergeOnTheServersDocumentInEveryInterleaving() {
        Long only = Long.getLong("canvas.seed");
        int refusals = 0;
        long committed = 0;
        for (long seed = only != null ? only : 1; seed <= (only != null ? only : RUNS); seed++) {
            try {
                int[] counts = run(seed, new CanvasType(SMALL), false);
                refusals += counts[0];
                committed += counts[1];
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay with -Dcanvas.seed=" + seed + "): " + e, e);
            }
        }
        // The runs must exercise what they claim to: many commits, and some refusals by limits.
        assertTrue(committed > RUNS * 20L, "committed " + committed);
        assertTrue(only != null || refusals > 0, "no batch was ever refused: the limits are not exercised");
    }

    @Test
    void honestClientsConvergeBesideAHostileOne() {
        for (long seed = 1; seed <= Integer.getInteger("canvas.hostileRuns", 150); seed++) {
            try {
                run(seed, new CanvasType(SMALL), true);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
            }
        }
    }

    @Test
    void clientsConvergeUnderDefaultLimits() {
        for (long seed = 1; seed <= 60; seed++) {
            try {
                run(seed, CanvasType.INSTANCE, false);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e, e);
            }
        }
    }

    /**
     * One seeded run; returns {refusals, committed revisions}. With {@code rogue}, a hostile
     * connection also submits batches made on stale or wrong bases: reused ids, edits that do not
     * fit; what the server accepts of them reaches everyone.
     */
    private static int[] run(long seed, CanvasType type, boolean rogue) {
        Random r = new Random(seed);
        MiniSequencer server = new MiniSequencer(type);
        List<Client> clients = new ArrayList<>();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            clients.add(new Client(type, r, "c" + i + "_"));
        }
        int refusals = 0;
        int steps = 60 + r.nextInt(120);
        for (int step = 0; step < steps; step++) {
            Client c = clients.get(r.nextInt(n));
            int action = r.nextInt(12);
            if (action < 4) {
                CanvasOperation batch = c.random.batch(c.replica.view(), Math.min(8, type.limits().maxChanges()));
                c.replica.edit(batch);
            } else if (action == 4 && !Boolean.getBoolean("canvas.noUndo")) {
                if (r.nextBoolean()) {
                    c.replica.undo();
                } else {
                    c.replica.redo();
                }
            } else if (action < 7) {
                send(c);
            } else if (action < 9) {
                refusals += serve(server, clients, r);
            } else if (rogue && action == 9) {
                attack(server, clients, r, type);
            } else {
                receive(c);
            }
        }
        // Deliver everything: sends, the server's answers, and what those make sendable.
        for (int round = 0; ; round++) {
            if (round > 10_000) {
                fail("did not settle");
            }
            boolean busy = false;
            for (Client c : clients) {
                send(c);
                busy |= !c.outbox.isEmpty() || !c.inbox.isEmpty() || c.replica.hasPending();
            }
            if (!busy) {
                break;
            }
            while (clients.stream().anyMatch(c -> !c.outbox.isEmpty())) {
                refusals += serve(server, clients, r);
            }
            for (Client c : clients) {
                while (!c.inbox.isEmpty()) {
                    receive(c);
                }
            }
        }
        String truth = server.document().snapshot();
        CanvasInvariants.check(server.document());
        for (Client c : clients) {
            assertFalse(c.replica.hasPending());
            assertEquals(server.head(), c.replica.revision());
            assertEquals(truth, c.replica.view().snapshot(), "a client's view differs from the server's document");
        }
        return new int[] {refusals, (int) server.head()};
    }

    private static String shorten(CanvasOperation op) {
        String s = op.toJson();
        return s.length() > 2_000 ? s.substring(0, 2_000) + "..." : s;
    }

    private static void send(Client c) {
        CanvasReplica.Outgoing out = c.replica.takeOutgoing();
        if (out != null) {
            c.outbox.add(out);
        }
    }

    private static void receive(Client c) {
        Message m = c.inbox.poll();
        if (m == null) {
            return;
        }
        if (m.refused()) {
            c.replica.rejected();
        } else if (m.ack()) {
            c.replica.ack(m.rev(), m.op());
        } else {
            c.replica.remote(m.rev(), m.op());
        }
    }

    // A batch made on the server's document, sent as if made on an older revision, with reused
    // ids and, one time in three, a text edit of a random length.
    private static void attack(MiniSequencer server, List<Client> clients, Random r, CanvasType type) {
        CanvasOperation op = new RandomCanvas(r, "rogue" + r.nextInt(1_000_000) + "_", true).batch(server.document(), 4);
        List<CanvasObject> all = server.document().inTreeOrder();
        if (!all.isEmpty() && r.nextInt(3) == 0) {
            CanvasObject o = all.get(r.nextInt(all.size()));
            op = op.then(CanvasOperation.of(new Change.Edit(o.id(), "text",
                    dev.tandem.ot.text.RandomEdits.operation(r, r.nextInt(6)))));
        }
        long base = server.head() == 0 ? 0 : server.head() - r.nextInt((int) Math.min(server.head(), 4) + 1);
        MiniSequencer.Result result = server.submit(base, op);
        if (result.refused() == null) {
            for (Client c : clients) {
                c.inbox.add(new Message(result.rev(), result.committed(), false, false));
            }
        }
    }

    // The server takes the oldest submission of a random client that has one.
    private static int serve(MiniSequencer server, List<Client> clients, Random r) {
        List<Client> waiting = clients.stream().filter(c -> !c.outbox.isEmpty()).toList();
        if (waiting.isEmpty()) {
            return 0;
        }
        Client author = waiting.get(r.nextInt(waiting.size()));
        CanvasReplica.Outgoing out = author.outbox.poll();
        MiniSequencer.Result result = server.submit(out.base(), out.op());
        if (result.refused() != null) {
            OtException e = result.refused();
            assertTrue(LIMIT_CODES.contains(e.code()), "an honest batch was refused: " + e + " for " + shorten(out.op()));
            author.inbox.add(new Message(-1, null, false, true));
            return 1;
        }
        for (Client c : clients) {
            c.inbox.add(new Message(result.rev(), result.committed(), c == author, false));
        }
        return 0;
    }
}
