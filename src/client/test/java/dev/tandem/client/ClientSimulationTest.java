package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.DocumentModel;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.Participant;
import dev.tandem.protocol.ClientMessage;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.protocol.User;
import dev.tandem.ot.text.RandomEdits;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.ot.sequencer.SequencerLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;

/**
 * ot.js's randomised client/server test, with the real sequencer as the server: several client
 * models edit one document through a simulated network that keeps each direction of each
 * connection in order but interleaves clients at random, drops connections (losing or delivering
 * what was in flight), reconnects them, and finally lets everything drain. Every client and the
 * server must end with the same text, and everyone must see everyone's last caret exactly.
 */
class ClientSimulationTest {
    private static final String DOC = "sim-doc";
    private static final SequencerLimits TIGHT = new SequencerLimits(4, 6, 100_000, 5, 100);

    private final AtomicLong ackedThroughOpened = new AtomicLong();
    private final AtomicLong resubmitted = new AtomicLong();
    private final AtomicLong lostEdits = new AtomicLong();
    private final AtomicLong presenceSeen = new AtomicLong();

    /**
     * One simulation per try, each from its own seed (jqwik draws them from the fixed seed below,
     * so every run simulates the same 2000 histories; a failure reports the seed that replays it).
     * A seed does not shrink into a smaller history, so shrinking is off.
     */
    @Property(tries = 2000, seed = "500947", shrinking = ShrinkingMode.OFF)
    void everyClientConvergesWithTheSequencerDespiteDisconnects(@ForAll long seed) {
        long acked = ackedThroughOpened.get();
        long resent = resubmitted.get();
        long lost = lostEdits.get();
        long presence = presenceSeen.get();
        simulate(seed);
        // The interesting paths must actually have run, or the test proves little.
        covered("an in-flight edit was recognised in opened.ops", ackedThroughOpened.get() > acked);
        covered("an in-flight edit was resubmitted after a reconnect", resubmitted.get() > resent);
        covered("a reset dropped edits", lostEdits.get() > lost);
        covered("a presence was placed", presenceSeen.get() > presence);
    }

    /** Counts the simulations where {@code what} happened; the property fails if none did. */
    private static void covered(String what, boolean happened) {
        Statistics.label(what).collect(happened);
        Statistics.label(what).coverage(checker -> checker.check(true).count(n -> n > 0));
    }

    private void simulate(long seed) {
        Random r = new Random(seed);
        ProtocolHub hub = new ProtocolHub(r.nextBoolean() ? SequencerLimits.DEFAULTS : TIGHT);
        List<SimClient> clients = new ArrayList<>();
        int n = 2 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            SimClient c = new SimClient("client-" + i + "-" + Long.toHexString(seed), hub, r);
            clients.add(c);
            c.connect();
        }
        int steps = 100 + r.nextInt(400);
        for (int step = 0; step < steps; step++) {
            clients.get(r.nextInt(n)).randomStep();
            for (SimClient c : clients) {
                c.checkInvariants();
            }
        }
        for (SimClient c : clients) {
            if (c.session == null) {
                c.connect();
            }
        }
        drain(clients);
        String server = hub.text(DOC);
        for (SimClient c : clients) {
            assertEquals(DocumentModel.Phase.LIVE, c.model.phase(), c.name);
            assertTrue(c.model.isSynced(), c.name + " still has unconfirmed edits");
            assertEquals(hub.head(DOC), c.model.revision(), c.name);
            assertEquals(server, c.model.snapshot(), c.name + " diverged from the server");
        }
        // Quiet document: a caret sent now must arrive exactly where it was put.
        for (SimClient c : clients) {
            c.model.setSelection(Selection.caret(r.nextInt(c.model.length() + 1)), false);
            c.model.sendPresence();
        }
        drain(clients);
        for (SimClient c : clients) {
            for (SimClient other : clients) {
                if (other != c) {
                    Participant<Selection> seen = other.model.participants().stream()
                            .filter(p -> p.clientId().equals(c.name)).findFirst().orElseThrow();
                    assertEquals(c.model.selection(), seen.selection(), other.name + " sees " + c.name + "'s caret");
                }
            }
        }
    }

    private static void drain(List<SimClient> clients) {
        for (int rounds = 0; rounds < 100_000; rounds++) {
            boolean moved = false;
            for (SimClient c : clients) {
                moved |= c.deliverUp() | c.deliverDown() | c.runTask();
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("the network never went quiet");
    }

    /** One client model with its connection: two ordered queues and the tasks it scheduled. */
    private final class SimClient {
        final String name;
        final ProtocolHub hub;
        final Random r;
        final DocumentModel<TextOperation, Selection> model;
        final ArrayDeque<ClientMessage> up = new ArrayDeque<>();
        final ArrayDeque<ServerMessage> down = new ArrayDeque<>();
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        ProtocolHub.Session session;
        boolean reconnecting;

        SimClient(String name, ProtocolHub hub, Random r) {
            this.name = name;
            this.hub = hub;
            this.r = r;
            this.model = DocumentModel.text(DOC, name, 0, this::send, (delay, task) -> tasks.add(task));
            model.addListener(new DocumentListener<TextOperation, Selection>() {
                @Override
                public void acknowledged(long seq, long rev) {
                    if (model.phase() == DocumentModel.Phase.OPENING) {
                        ackedThroughOpened.incrementAndGet();
                    }
                }

                @Override
                public void editsLost(LostEdits<TextOperation> lost) {
                    lostEdits.incrementAndGet();
                }

                @Override
                public void presence(Participant<Selection> p) {
                    presenceSeen.incrementAndGet();
                }
            });
        }

        private long lastSubmittedSeq;

        private void send(ClientMessage m) {
            if (session == null) {
                throw new AssertionError(name + " sent " + m + " while offline");
            }
            if (m instanceof ClientMessage.Submit s) {
                if (s.seq() <= lastSubmittedSeq) {
                    resubmitted.incrementAndGet();
                }
                lastSubmittedSeq = Math.max(lastSubmittedSeq, s.seq());
            }
            up.add(m);
        }

        void connect() {
            ProtocolHub.Session s = hub.connect(m -> {
                if (session != null && m != null) {
                    down.add(m);
                }
            });
            session = s;
            up.clear();
            down.clear();
            up.add(new ClientMessage.Hello(1, name, new User(name, "#00897b")));
        }

        /** The connection drops: a random prefix of what was on its way up still reaches the server. */
        void disconnect() {
            int arrive = r.nextInt(up.size() + 1);
            for (int i = 0; i < arrive; i++) {
                hub.receive(session, up.poll());
            }
            hub.disconnect(session);
            session = null;
            up.clear();
            down.clear();
            model.connectionLost();
        }

        void randomStep() {
            double p = r.nextDouble();
            if (p < 0.30) {
                localEdit();
            } else if (p < 0.45) {
                deliverUp();
            } else if (p < 0.75) {
                deliverDown();
            } else if (p < 0.80) {
                moveCaret();
            } else if (p < 0.84) {
                if (session != null) {
                    disconnect();
                }
            } else if (p < 0.90) {
                if (session == null) {
                    connect();
                }
            } else {
                runTask();
            }
        }

        void localEdit() {
            if (model.revision() < 0 || model.phase() == DocumentModel.Phase.CLOSED) {
                return;
            }
            model.edit(RandomEdits.operation(r, model.length()));
        }

        void moveCaret() {
            if (model.revision() < 0) {
                return;
            }
            int a = r.nextInt(model.length() + 1);
            int h = r.nextInt(model.length() + 1);
            model.setSelection(new Selection(a, h), r.nextBoolean());
            model.sendPresence();
        }

        boolean deliverUp() {
            ClientMessage m = up.poll();
            if (m == null) {
                return false;
            }
            hub.receive(session, m);
            return true;
        }

        boolean deliverDown() {
            ServerMessage m = down.poll();
            if (m == null) {
                return false;
            }
            if (m instanceof ServerMessage.Welcome) {
                if (model.phase() == DocumentModel.Phase.NEW) {
                    model.open(true);
                } else {
                    model.reconnected();
                }
            } else {
                model.receive(m);
            }
            return true;
        }

        boolean runTask() {
            Runnable t = tasks.poll();
            if (t == null) {
                return false;
            }
            t.run();
            return true;
        }

        void checkInvariants() {
            for (Participant<Selection> p : model.participants()) {
                if (p.selection() != null) {
                    assertTrue(p.selection().start() >= 0 && p.selection().end() <= model.length(),
                            name + " holds " + p + " outside its text of " + model.length());
                }
            }
        }
    }
}
