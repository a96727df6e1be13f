package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A canvas room for the named scenarios: the sequencing loop and people with replicas, where the
 * test decides when each sends, when the server takes a batch and when each receives.
 */
final class TestRoom {
    final CanvasType type;
    final MiniSequencer server;
    private final List<Person> people = new ArrayList<>();

    TestRoom(CanvasType type) {
        this.type = type;
        this.server = new MiniSequencer(type);
    }

    TestRoom() {
        this(CanvasType.INSTANCE);
    }

    /** Someone who opens the canvas as the server has it now. */
    Person join(String name) {
        Person p = new Person(name, new CanvasReplica(type, server.document().snapshot(), server.head()));
        people.add(p);
        return p;
    }

    /** The server's document. */
    CanvasDocument truth() {
        return server.document();
    }

    /** Everyone sends, the server takes everything, everyone receives, until nothing moves. */
    void settle() {
        for (int round = 0; round < 1_000; round++) {
            boolean moved = false;
            for (Person p : people) {
                if (p.sent == null) {
                    p.send();
                }
                if (p.sent != null) {
                    p.commit();
                    moved = true;
                }
            }
            for (Person p : people) {
                moved |= !p.inbox.isEmpty();
                p.receiveAll();
            }
            if (!moved) {
                for (Person p : people) {
                    assertEquals(truth().snapshot(), p.replica.view().snapshot(), p.name + "'s view");
                }
                return;
            }
        }
        throw new AssertionError("the room did not settle");
    }

    private record Message(long rev, CanvasOperation op, boolean ack, boolean refused) {
    }

    /** One person: a replica, the messages the server sent them, and their batch in flight. */
    final class Person {
        final String name;
        final CanvasReplica replica;
        private final Deque<Message> inbox = new ArrayDeque<>();
        private CanvasReplica.Outgoing sent;
        /** What the server made of this person's last batch. */
        MiniSequencer.Result lastResult;

        private Person(String name, CanvasReplica replica) {
            this.name = name;
            this.replica = replica;
        }

        /** A local change, in the wire form. */
        CanvasOperation edit(String json) {
            return replica.edit(type.parse(json));
        }

        CanvasDocument view() {
            return replica.view();
        }

        CanvasObject get(String id) {
            return replica.view().get(id);
        }

        /** Sends what waits (nothing if a batch is in flight). */
        Person send() {
            if (sent == null) {
                sent = replica.takeOutgoing();
            }
            return this;
        }

        /** The server takes this person's batch in flight now. */
        MiniSequencer.Result commit() {
            assertNotNull(sent, name + " has nothing in flight");
            MiniSequencer.Result r = server.submit(sent.base(), sent.op());
            sent = null;
            lastResult = r;
            if (r.refused() != null) {
                inbox.add(new Message(-1, null, false, true));
                return r;
            }
            for (Person p : people) {
                p.inbox.add(new Message(r.rev(), r.committed(), p == this, false));
            }
            return r;
        }

        /** Sends and has the server take it at once. */
        MiniSequencer.Result sendAndCommit() {
            send();
            return commit();
        }

        void receiveAll() {
            while (!inbox.isEmpty()) {
                Message m = inbox.poll();
                if (m.refused()) {
                    replica.rejected();
                } else if (m.ack()) {
                    replica.ack(m.rev(), m.op());
                } else {
                    replica.remote(m.rev(), m.op());
                }
            }
        }
    }
}
