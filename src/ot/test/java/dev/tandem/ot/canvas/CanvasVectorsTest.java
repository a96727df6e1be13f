package dev.tandem.ot.canvas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.RandomEdits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Writes the scenarios that hold the browser's canvas model (the SDK's {@code
 * clients/js/src/types/canvas/}) to this one: seeded runs of several replicas making random
 * batches, undos and redos, sent, sequenced and delivered in random interleavings (with a hostile
 * connection in some runs), every step recorded with what the Java side made of it: the batch as
 * applied, undo and redo batches, outgoing batches, committed batches or refusal codes, and a
 * SHA-256 of the acting replica's view (or the room's document) after the step. The JavaScript
 * test ({@code clients/js/test/canvas-vectors.test.mjs}) replays every step through its own
 * replicas and room and must get the same batches and the same snapshots, byte for byte. Also
 * strict-parsing cases: operations, many malformed, with the code each must get.
 */
class CanvasVectorsTest {
    static final Path OUTPUT = Path.of(System.getProperty("tandem.canvasVectors", "target/canvas-vectors/vectors.json"));
    static final int SMALL_RUNS = 40;
    static final int DEFAULT_RUNS = 12;
    /** Small limits, so that concurrent batches break them and refusals happen too. */
    static final CanvasLimits SMALL = new CanvasLimits(40, 4, 6, 6, 40, 30, 10, 64);

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void writesScenariosThatTheJavaReplicasPass() throws IOException {
        ObjectNode root = NODES.objectNode();
        root.put("version", 1);
        ArrayNode runs = root.putArray("runs");
        int refusals = 0;
        int undos = 0;
        for (int i = 1; i <= SMALL_RUNS + DEFAULT_RUNS; i++) {
            boolean small = i <= SMALL_RUNS;
            ObjectNode run = new Scenario(i, small ? new CanvasType(SMALL) : CanvasType.INSTANCE, small && i % 2 == 0).run();
            runs.add(run);
            for (JsonNode step : run.get("steps")) {
                refusals += step.has("refused") ? 1 : 0;
                undos += step.has("undo") && step.get("undo").get("changes").size() > 0 ? 1 : 0;
            }
        }
        root.set("parse", parseCases(new Random(20261205L)));

        Files.createDirectories(OUTPUT.toAbsolutePath().getParent());
        MAPPER.writeValue(OUTPUT.toFile(), root);

        // The scenarios must exercise what they claim to: refusals by limits and undos that did something.
        assertTrue(refusals > 10, "refusals: " + refusals);
        assertTrue(undos > 50, "undos that changed something: " + undos);
        JsonNode back = MAPPER.readTree(OUTPUT.toFile());
        assertEquals(SMALL_RUNS + DEFAULT_RUNS, back.get("runs").size());
        assertTrue(back.get("parse").size() > 300);
    }

    /** One seeded run, recorded step by step. */
    private static final class Scenario {
        private final long seed;
        private final CanvasType type;
        private final boolean rogue;
        private final Random r;
        private final MiniSequencer server;
        private final List<Client> clients = new ArrayList<>();
        private final ArrayNode steps = NODES.arrayNode();

        Scenario(long seed, CanvasType type, boolean rogue) {
            this.seed = seed;
            this.type = type;
            this.rogue = rogue;
            this.r = new Random(seed);
            this.server = new MiniSequencer(type);
        }

        ObjectNode run() {
            int n = 2 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
                clients.add(new Client(type, r, "c" + i + "_"));
            }
            int count = 60 + r.nextInt(120);
            for (int step = 0; step < count; step++) {
                int c = r.nextInt(n);
                int action = r.nextInt(12);
                if (action < 4) {
                    edit(c);
                } else if (action == 4) {
                    undoOrRedo(c, r.nextBoolean());
                } else if (action < 7) {
                    send(c);
                } else if (action < 9) {
                    serve();
                } else if (rogue && action == 9) {
                    attack();
                } else {
                    receive(c);
                }
            }
            for (int round = 0; ; round++) {
                if (round > 10_000) {
                    fail("seed " + seed + " did not settle");
                }
                boolean busy = false;
                for (int c = 0; c < n; c++) {
                    send(c);
                    Client cl = clients.get(c);
                    busy |= !cl.outbox.isEmpty() || !cl.inbox.isEmpty() || cl.replica.hasPending();
                }
                if (!busy) {
                    break;
                }
                while (clients.stream().anyMatch(cl -> !cl.outbox.isEmpty())) {
                    serve();
                }
                for (int c = 0; c < n; c++) {
                    while (!clients.get(c).inbox.isEmpty()) {
                        receive(c);
                    }
                }
            }
            String truth = server.document().snapshot();
            ObjectNode out = NODES.objectNode();
            out.put("seed", seed);
            out.set("limits", limits(type.limits()));
            out.put("clients", n);
            out.set("steps", steps);
            ObjectNode end = out.putObject("final");
            end.put("head", server.head());
            end.put("room", truth);
            for (Client c : clients) {
                assertFalse(c.replica.hasPending());
                assertEquals(truth, c.replica.view().snapshot(), "seed " + seed + ": a view differs from the room");
            }
            return out;
        }

        private void edit(int c) {
            Client cl = clients.get(c);
            CanvasOperation batch = cl.random.batch(cl.replica.view(), Math.min(8, type.limits().maxChanges()));
            CanvasOperation applied = cl.replica.edit(batch);
            ObjectNode s = step(c);
            s.set("edit", json(batch));
            s.set("applied", json(applied));
            s.put("view", sha(cl.replica.view().snapshot()));
        }

        private void undoOrRedo(int c, boolean undo) {
            Client cl = clients.get(c);
            CanvasOperation op = undo ? cl.replica.undo() : cl.replica.redo();
            ObjectNode s = step(c);
            s.set(undo ? "undo" : "redo", json(op));
            s.put("view", sha(cl.replica.view().snapshot()));
        }

        private void send(int c) {
            Client cl = clients.get(c);
            CanvasReplica.Outgoing out = cl.replica.takeOutgoing();
            if (out == null) {
                return; // nothing to record: the replay asks for nothing either
            }
            cl.outbox.add(out);
            ObjectNode s = step(c);
            ObjectNode o = s.putObject("send");
            o.put("base", out.base());
            o.set("op", json(out.op()));
        }

        // The server takes the oldest submission of a random client that has one.
        private void serve() {
            List<Integer> waiting = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                if (!clients.get(i).outbox.isEmpty()) {
                    waiting.add(i);
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            int author = waiting.get(r.nextInt(waiting.size()));
            CanvasReplica.Outgoing out = clients.get(author).outbox.poll();
            MiniSequencer.Result result = server.submit(out.base(), out.op());
            ObjectNode s = steps.addObject();
            s.put("serve", author);
            record(s, result);
            if (result.refused() != null) {
                clients.get(author).inbox.add(new Message(-1, null, false, true));
                return;
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).inbox.add(new Message(result.rev(), result.committed(), i == author, false));
            }
        }

        // A batch made on the room's document, sent as if made on an older revision, with reused
        // ids and, one time in three, a text edit of a random length.
        private void attack() {
            CanvasOperation op = new RandomCanvas(r, "rogue" + r.nextInt(1_000_000) + "_", true).batch(server.document(), 4);
            List<CanvasObject> all = server.document().inTreeOrder();
            if (!all.isEmpty() && r.nextInt(3) == 0) {
                CanvasObject o = all.get(r.nextInt(all.size()));
                op = op.then(CanvasOperation.of(new Change.Edit(o.id(), "text", RandomEdits.operation(r, r.nextInt(6)))));
            }
            long base = server.head() == 0 ? 0 : server.head() - r.nextInt((int) Math.min(server.head(), 4) + 1);
            MiniSequencer.Result result = server.submit(base, op);
            ObjectNode s = steps.addObject();
            ObjectNode a = s.putObject("attack");
            a.put("base", base);
            a.set("op", json(op));
            record(s, result);
            if (result.refused() == null) {
                for (Client c : clients) {
                    c.inbox.add(new Message(result.rev(), result.committed(), false, false));
                }
            }
        }

        private void record(ObjectNode s, MiniSequencer.Result result) {
            if (result.refused() != null) {
                s.put("refused", result.refused().code().name());
            } else {
                s.put("rev", result.rev());
                s.set("committed", json(result.committed()));
                s.put("room", sha(server.document().snapshot()));
            }
        }

        private void receive(int c) {
            Client cl = clients.get(c);
            Message m = cl.inbox.poll();
            if (m == null) {
                return;
            }
            ObjectNode s = step(c);
            if (m.refused()) {
                cl.replica.rejected();
                s.put("receive", "rejected");
            } else if (m.ack()) {
                cl.replica.ack(m.rev(), m.op());
                s.put("receive", "ack");
            } else {
                cl.replica.remote(m.rev(), m.op());
                s.put("receive", "remote");
            }
            s.put("view", sha(cl.replica.view().snapshot()));
        }

        private ObjectNode step(int c) {
            ObjectNode s = steps.addObject();
            s.put("c", c);
            return s;
        }
    }

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

    /**
     * Operations as a careless or hostile client might send them: valid batches with one part
     * broken (a key removed or added, a value of the wrong type or range, an unknown kind or
     * property), and hand-written ones. Each with the code Java gives, or the batch as read.
     */
    private static ArrayNode parseCases(Random r) {
        ArrayNode out = NODES.arrayNode();
        CanvasType type = new CanvasType(SMALL);
        String[] hand = {
            "{\"changes\":[]}", "{}", "[]", "{\"changes\":{}}", "{\"changes\":[],\"extra\":1}", "{\"changes\":[1]}",
            "{\"changes\":[{}]}", "{\"changes\":[{\"rotate\":\"x\"}]}", "{\"changes\":[{\"delete\":\"x\",\"set\":\"x\"}]}",
            "{\"changes\":[{\"delete\":42}]}", "{\"changes\":[{\"delete\":\"a b\"}]}", "{\"changes\":[{\"delete\":\"" + "x".repeat(65) + "\"}]}",
            "{\"changes\":[{\"delete\":\"x\",\"force\":true}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"x\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"x\",\"value\":1e400}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"x\",\"value\":-0.0}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"x\",\"value\":123456789012345678901234567890}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"data-n\",\"value\":9007199254740992}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"data-n\",\"value\":9007199254740991}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"text\",\"value\":\"a\\ud800b\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"text\",\"value\":\"\\ud83d\\ude00\"}]}",
            "{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[\"\\ud800\"]}]}",
            "{\"changes\":[{\"edit\":\"s1\",\"prop\":\"fill\",\"op\":[\"#\"]}]}",
            "{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\",\"op\":[0]}]}",
            "{\"changes\":[{\"edit\":\"s1\",\"prop\":\"text\"}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"hexagon\",\"parent\":null,\"index\":\"a0\"}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":7,\"parent\":null,\"index\":\"a0\"}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"frame\",\"index\":\"a0\"}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":null}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"x\":null}}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"frame\",\"parent\":null,\"index\":\"a0\",\"props\":{\"__proto__\":1}}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"line\",\"parent\":null,\"index\":\"a0\",\"props\":{\"points\":[0,0,1]}}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"line\",\"parent\":null,\"index\":\"a0\",\"props\":{\"points\":[0,0,\"1\",1]}}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"line\",\"parent\":null,\"index\":\"a0\",\"props\":{\"points\":[0,-0.0,12.25,1e9]}}]}",
            "{\"changes\":[{\"create\":\"x\",\"kind\":\"line\",\"parent\":null,\"index\":\"a0\",\"props\":{\"points\":[0,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}}]}",
            "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"a00\"}]}", "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"a\"}]}",
            "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"a0 \"}]}", "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":1}]}",
            "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"A00000000000000000000000000\"}]}",
            "{\"changes\":[{\"move\":\"x\",\"parent\":null,\"index\":\"Zz\"}]}", "{\"changes\":[{\"move\":\"x\",\"parent\":\"no such\",\"index\":\"a0\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"fill\",\"value\":\"red\"}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"fill\",\"value\":\"#abcd\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"align\",\"value\":\"justify\"}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"locked\",\"value\":1}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"data-\",\"value\":1}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"colour\",\"value\":\"#fff\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"opacity\",\"value\":1.5}]}", "{\"changes\":[{\"set\":\"x\",\"prop\":\"name\",\"value\":\"" + "n".repeat(31) + "\"}]}",
            "{\"changes\":[{\"set\":\"x\",\"prop\":\"data-o\",\"value\":{\"a\":1}}]}",
        };
        for (String s : hand) {
            out.add(parseCase(type, s));
        }
        // Random batches with one part broken.
        RandomCanvas random = new RandomCanvas(r, "p_");
        CanvasDocument doc = type.open(type.emptySnapshot());
        for (int i = 0; i < 400; i++) {
            CanvasOperation batch = random.batch(doc, 5);
            doc.apply(batch);
            ObjectNode op = (ObjectNode) json(batch);
            if (i % 4 != 0 && !batch.isEmpty()) {
                breakOnePart(r, (ArrayNode) op.get("changes"));
            }
            out.add(parseCase(type, op.toString()));
        }
        return out;
    }

    private static void breakOnePart(Random r, ArrayNode changes) {
        ObjectNode c = (ObjectNode) changes.get(r.nextInt(changes.size()));
        List<String> keys = new ArrayList<>();
        c.fieldNames().forEachRemaining(keys::add);
        String key = keys.get(r.nextInt(keys.size()));
        JsonNode[] odd = {NODES.nullNode(), NODES.numberNode(-1), NODES.numberNode(2.5e9), NODES.textNode(""), NODES.textNode("a0"),
            NODES.textNode("#zz"), NODES.booleanNode(true), NODES.arrayNode().add(1), NODES.objectNode(), NODES.textNode("frame"),
            NODES.textNode("x y"), NODES.textNode("center")};
        switch (r.nextInt(5)) {
            case 0 -> c.remove(key);
            case 1 -> c.put(r.nextBoolean() ? "extra" : "props", 1);
            case 2 -> c.set(key, odd[r.nextInt(odd.length)]);
            case 3 -> {
                if (c.has("props") && c.get("props").size() > 0) {
                    ObjectNode props = (ObjectNode) c.get("props");
                    String p = props.fieldNames().next();
                    props.set(r.nextBoolean() ? p : "data-" + r.nextInt(3), odd[r.nextInt(odd.length)]);
                } else if (c.has("prop")) {
                    c.put("prop", new String[] {"fill", "text", "points", "rotation", "Text", "data-q"}[r.nextInt(6)]);
                } else {
                    c.put("index", new String[] {"a", "a0", "b00", "Zz", "a1V", ""}[r.nextInt(6)]);
                }
            }
            default -> c.set(key, odd[r.nextInt(odd.length)]);
        }
    }

    private static ObjectNode parseCase(CanvasType type, String input) {
        ObjectNode c = NODES.objectNode();
        c.put("input", input);
        try {
            c.set("read", json(type.parse(input)));
        } catch (OtException e) {
            c.put("error", e.code().name());
        }
        return c;
    }

    private static ObjectNode limits(CanvasLimits l) {
        ObjectNode o = NODES.objectNode();
        o.put("maxObjects", l.maxObjects());
        o.put("maxDepth", l.maxDepth());
        o.put("maxChanges", l.maxChanges());
        o.put("maxProperties", l.maxProperties());
        o.put("maxTextLength", l.maxTextLength());
        o.put("maxStringLength", l.maxStringLength());
        o.put("maxPoints", l.maxPoints());
        o.put("maxIndexLength", l.maxIndexLength());
        return o;
    }

    private static JsonNode json(CanvasOperation op) {
        try {
            return MAPPER.readTree(op.toJson());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String sha(String snapshot) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
