package dev.tandem.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tandem.client.model.CanvasPresence;
import dev.tandem.client.transport.Transport;
import dev.tandem.ot.canvas.CanvasDocument;
import dev.tandem.ot.canvas.CanvasObject;
import dev.tandem.ot.canvas.CanvasOperation;
import dev.tandem.ot.canvas.Change;
import dev.tandem.ot.canvas.Kind;
import dev.tandem.ot.canvas.Properties;
import dev.tandem.ot.canvas.PropertyValue;
import dev.tandem.ot.richtext.Attributes;
import dev.tandem.ot.richtext.Delta;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.server.Http;
import dev.tandem.server.TandemNode;
import dev.tandem.server.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's rich-text and canvas documents against a real Tandem node (gateway, sequencer,
 * embedded PostgreSQL) over real sockets on 127.0.0.1: concurrent editing converges with what the
 * server's REST API reads, network cuts lose and duplicate nothing, and the server's type check
 * reaches the client as {@code TYPE_MISMATCH}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TypedDocumentsRealServerTest {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static Vertx vertx;
    private static TandemNode node;
    private final List<TandemClient> clients = new ArrayList<>();

    @BeforeAll
    static void startNode() {
        vertx = Vertx.vertx();
        node = TestNodes.start(vertx, TestNodes.options(TestNodes.newDatabaseUrl()));
    }

    @AfterAll
    static void stopNode() throws Exception {
        TestNodes.stop(node);
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void closeClients() throws Exception {
        Future.all(clients.stream().map(TandemClient::close).toList()).await(10, TimeUnit.SECONDS);
    }

    private TandemClient client(Transport transport, String name) {
        TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                .setUrl("http://127.0.0.1:" + node.port())
                .setTransport(transport)
                .setUserName(name)
                .setReconnectInitialDelayMs(20)
                .setReconnectMaxDelayMs(200));
        clients.add(c);
        return c;
    }

    private static String doc(String kind) {
        return kind + "-doc-" + IDS.incrementAndGet();
    }

    private static <T> T await(Future<T> f) throws Exception {
        return f.await(30, TimeUnit.SECONDS);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    private static boolean converged(TandemDocument<?, ?>... docs) {
        for (TandemDocument<?, ?> d : docs) {
            if (!d.isSynced() || d.revision() != docs[0].revision() || !d.snapshot().equals(docs[0].snapshot())) {
                return false;
            }
        }
        return true;
    }

    /** The server's committed content as its REST API reads it, independent of every client. */
    private static JsonObject restContent(String id) throws Exception {
        Http.Response r = Http.get(vertx, node.port(), "/api/docs/" + id);
        assertEquals(200, r.status(), r.text());
        return r.body().getJsonObject("content");
    }

    private static Attributes format(String name) {
        return Attributes.builder().put(name, true).build();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void twoPeopleTypingAndFormattingRichTextConvergeWithTheServersRestRead(Transport transport) throws Exception {
        String id = doc("rich");
        RichTextClientDocument a = await(client(transport, "Ana").openRichText(id, true));
        RichTextClientDocument b = await(client(transport, "Bo").openRichText(id, false));
        assertEquals("\n", a.text());
        Random ra = new Random(11);
        Random rb = new Random(12);
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            step(a, ra, "a" + i, typed);
            step(b, rb, "b" + i, typed);
            Thread.sleep(2);
        }
        eventually(() -> converged(a, b), "convergence");
        String text = a.text();
        assertTrue(typed.size() > 60, typed.toString());
        for (String word : typed) {
            assertTrue(text.contains(word + " "), word + " in " + text);
        }
        assertEquals(text.length(), 1 + typed.stream().mapToInt(w -> w.length() + 1).sum(), "nothing else: " + text);
        assertTrue(a.content().ops().stream().anyMatch(op -> !op.attributes().isEmpty()), "formats survived: " + a.content());
        assertEquals(new JsonObject(a.snapshot()), restContent(id));
        assertTrue(text.endsWith("\n"), text);
    }

    /** One person's next action: type a word somewhere, or (one in five) make a stretch bold or italic. */
    private static void step(RichTextClientDocument d, Random r, String word, List<String> typed) {
        d.edit(doc -> {
            int length = doc.length();
            if (r.nextInt(5) == 0 && length > 3) {
                int at = r.nextInt(length - 2);
                return Delta.builder().retain(at).retain(1 + r.nextInt(Math.min(5, length - 1 - at)),
                        format(r.nextBoolean() ? "bold" : "italic")).build();
            }
            // At a word boundary, so no one's word is split by another: positions of concurrent
            // inserts move past whole inserts, so words stay whole on every copy.
            String plain = doc.plainText();
            List<Integer> boundaries = new ArrayList<>(List.of(0));
            for (int i = 1; i < length; i++) {
                if (plain.charAt(i - 1) == ' ') {
                    boundaries.add(i);
                }
            }
            typed.add(word);
            return Delta.builder().retain(boundaries.get(r.nextInt(boundaries.size()))).insert(word + " ",
                    r.nextInt(4) == 0 ? format("underline") : Attributes.NONE).build();
        });
    }

    @Test
    void richTextTypingAcrossNetworkCutsArrivesExactlyOnce() throws Exception {
        String id = doc("rich");
        TandemClient ana = client(Transport.WEBSOCKET, "Ana");
        TandemClient bo = client(Transport.SOCKJS, "Bo");
        RichTextClientDocument a = await(ana.openRichText(id, true));
        RichTextClientDocument b = await(bo.openRichText(id, false));
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 80; i++) {
            String s = i % 7 == 0 ? "\ud83c\udf89" : Character.toString('a' + i % 26);
            int at = typed.length();
            a.insert(at, s, i % 3 == 0 ? format("bold") : Attributes.NONE);
            typed.append(s);
            if (i % 9 == 4) {
                ana.simulateNetworkFailure(); // with an edit in flight, a buffer, or both
            }
            if (i % 13 == 6) {
                bo.simulateNetworkFailure();
            }
            Thread.sleep(2);
        }
        eventually(() -> ana.state() == ConnectionState.CONNECTED && converged(a, b), "convergence after the cuts");
        assertEquals(typed + "\n", a.text());
        assertEquals(typed + "\n", b.text());
        assertEquals(new JsonObject(a.snapshot()), restContent(id));
    }

    @Test
    void twoPeopleDraggingOneShapeAndTypingInOneStickyConverge() throws Exception {
        String id = doc("board");
        CanvasClientDocument a = await(client(Transport.WEBSOCKET, "Ana").openCanvas(id, true));
        a.edit(new Change.Create("r1", Kind.RECTANGLE, null, "a0", Properties.of(Map.of("x", num(0), "y", num(0)))),
                new Change.Create("s1", Kind.STICKY, null, "a1", Properties.of(Map.of("text", new PropertyValue.StringValue("Hello")))));
        await(a.whenSynced());
        CanvasClientDocument b = await(client(Transport.WEBSOCKET, "Bo").openCanvas(id, false));
        assertEquals(2, b.size());
        String world = " world";
        String oh = "Oh, ";
        for (int i = 0; i < 40; i++) {
            a.edit(new Change.Set("r1", "x", num(i)), new Change.Set("r1", "y", num(2 * i)));
            b.edit(new Change.Set("r1", "x", num(1000 + i)), new Change.Set("r1", "y", num(1000 - i)));
            if (i < world.length()) {
                String c = world.substring(i, i + 1);
                a.edit(board -> typeAtEnd(board, "s1", c));
            }
            if (i < oh.length()) {
                int at = i;
                b.edit(board -> typeAt(board, "s1", at, oh.substring(at, at + 1)));
            }
            Thread.sleep(3);
        }
        eventually(() -> converged(a, b), "convergence");
        assertEquals("Oh, Hello world", text(a.get("s1")), "both people's words, merged");
        double x = ((PropertyValue.NumberValue) a.get("r1").props().get("x")).value();
        assertTrue(x == 39 || x == 1039, "the last drag committed wins: " + x);
        assertEquals(new JsonObject(a.snapshot()), restContent(id));
    }

    @Test
    void canvasEditsAcrossNetworkCutsArriveExactlyOnceAndUndoRuns() throws Exception {
        String id = doc("board");
        TandemClient ana = client(Transport.WEBSOCKET, "Ana");
        TandemClient bo = client(Transport.SOCKJS, "Bo");
        CanvasClientDocument a = await(ana.openCanvas(id, true));
        CanvasClientDocument b = await(bo.openCanvas(id, false));
        a.edit(new Change.Create("s1", Kind.STICKY, null, "a0", Properties.EMPTY));
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            String c = i % 7 == 0 ? "\ud83c\udf89" : Character.toString('a' + i % 26);
            a.edit(board -> typeAtEnd(board, "s1", c));
            typed.append(c);
            if (i % 10 == 0) {
                a.edit(new Change.Create("n" + i, Kind.RECTANGLE, null, "a" + (1 + i / 10), Properties.EMPTY));
            }
            b.edit(new Change.Set("s1", "x", num(i)));
            if (i % 9 == 4) {
                ana.simulateNetworkFailure();
            }
            if (i % 13 == 6) {
                bo.simulateNetworkFailure();
            }
            Thread.sleep(2);
        }
        eventually(() -> ana.state() == ConnectionState.CONNECTED && converged(a, b), "convergence after the cuts");
        assertEquals(typed.toString(), text(b.get("s1")), "every keystroke exactly once");
        assertEquals(7, b.size());
        // Ana's undo takes back her own newest change (her last keystroke), never Bo's drag.
        CanvasOperation undone = a.undo();
        int typedLength = typed.codePointCount(0, typed.length());
        assertEquals(List.of(new Change.Edit("s1", "text", TextOperation.splice(typedLength, typedLength - 1, 1, ""))),
                undone.changes());
        eventually(() -> converged(a, b), "convergence after the undo");
        assertEquals(typed.substring(0, typed.length() - 1), text(b.get("s1")));
        assertEquals(59.0, ((PropertyValue.NumberValue) b.get("s1").props().get("x")).value());
        assertEquals(new JsonObject(a.snapshot()), restContent(id));
    }

    @Test
    void aPointerReachesTheOthers() throws Exception {
        String id = doc("board");
        CanvasClientDocument a = await(client(Transport.WEBSOCKET, "Ana").openCanvas(id, true));
        CanvasClientDocument b = await(client(Transport.WEBSOCKET, "Bo").openCanvas(id, false));
        a.edit(new Change.Create("s1", Kind.STICKY, null, "a0", Properties.EMPTY));
        a.setPresence(new CanvasPresence(new CanvasPresence.Pointer(12.5, -4), List.of("s1")));
        CanvasPresence expected = new CanvasPresence(new CanvasPresence.Pointer(12.5, -4), List.of("s1"));
        eventually(() -> b.presence().stream().anyMatch(p -> expected.equals(p.selection())), "Ana's pointer at Bo");
        assertEquals("Ana", b.presence().get(0).user().name());
    }

    @Test
    void aTextClientOpeningARichTextDocumentGetsTypeMismatch() throws Exception {
        String id = doc("rich");
        await(client(Transport.WEBSOCKET, "Ana").openRichText(id, true));
        TandemClient text = client(Transport.WEBSOCKET, "Bo");
        Exception e = assertThrows(Exception.class, () -> await(text.open(id, false)));
        Throwable cause = e instanceof TandemClientException ? e : e.getCause();
        assertEquals("TYPE_MISMATCH", assertInstanceOf(TandemClientException.class, cause).code());
        Exception c = assertThrows(Exception.class, () -> await(client(Transport.WEBSOCKET, "Cy").openCanvas(id, false)));
        assertEquals("TYPE_MISMATCH", assertInstanceOf(TandemClientException.class,
                c instanceof TandemClientException ? c : c.getCause()).code());
    }

    private static PropertyValue num(double v) {
        return new PropertyValue.NumberValue(v);
    }

    private static String text(CanvasObject o) {
        PropertyValue v = o.props().get("text");
        return v == null ? "" : ((PropertyValue.StringValue) v).value();
    }

    private static CanvasOperation typeAtEnd(CanvasDocument board, String id, String s) {
        String now = text(board.get(id));
        return typeAt(board, id, now.codePointCount(0, now.length()), s);
    }

    private static CanvasOperation typeAt(CanvasDocument board, String id, int at, String s) {
        String now = text(board.get(id));
        int length = now.codePointCount(0, now.length());
        return CanvasOperation.of(new Change.Edit(id, "text", TextOperation.splice(length, at, 0, s)));
    }
}
