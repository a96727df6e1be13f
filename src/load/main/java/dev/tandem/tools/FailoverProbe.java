package dev.tandem.tools;

import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Measures fail-over on a running local cluster ({@code scripts/cluster start}): writers on the
 * other nodes type into a document, the document's owner is killed with SIGKILL, and the probe
 * prints how long until the next acknowledgement, then checks that every keystroke is in the
 * document exactly once. Prints {@code failover_ms=<n> keystrokes=<n> exactly_once=<bool>}.
 *
 * <p>Run by {@code scripts/cluster failover}.
 */
@Command(name = "FailoverProbe", customSynopsis = "FailoverProbe PID_DIR PORT PORT...",
        description = "Kills the owner of a busy document of a local cluster and measures the fail-over.")
public final class FailoverProbe implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "PID_DIR", description = "where node-<port>.pid holds the pid of the node on <port>")
    private Path pidDir;
    @Parameters(index = "1..*", arity = "2..*", paramLabel = "PORT", description = "the nodes' HTTP ports")
    private List<Integer> ports;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FailoverProbe()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            return run(vertx, pidDir, ports) ? 0 : 1;
        } finally {
            vertx.close();
        }
    }

    private static boolean run(Vertx vertx, Path pidDir, List<Integer> ports) throws Exception {
        String doc = "failover-" + Long.toHexString(System.currentTimeMillis());
        String owner = get(vertx, ports.get(0), "/api/docs/" + doc + "/owner").getString("ws");
        int ownerPort = ports.stream().filter(p -> owner.contains(":" + p + "/")).findFirst().orElseThrow();
        List<TandemClient> clients = new ArrayList<>();
        List<ClientDocument> docs = new ArrayList<>();
        for (int port : ports) {
            if (port == ownerPort) {
                continue;
            }
            for (int i = 0; i < 3; i++) {
                TandemClient c = TandemClient.create(vertx, new TandemClientOptions()
                        .setUrl("http://127.0.0.1:" + port).setReconnectInitialDelayMs(50).setReconnectMaxDelayMs(500));
                clients.add(c);
                docs.add(c.open(doc, true).await(30, TimeUnit.SECONDS));
            }
        }
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        List<Long> acks = java.util.Collections.synchronizedList(new ArrayList<>());
        for (ClientDocument d : docs) {
            d.addListener(new DocumentListener<>() {
                @Override
                public void acknowledged(long seq, long rev) {
                    acks.add(System.nanoTime());
                }
            });
        }
        int[] next = new int[docs.size()];
        int typed = 0;
        long pid = Long.parseLong(Files.readString(pidDir.resolve("node-" + ownerPort + ".pid")).trim());
        long start = System.nanoTime();
        boolean killed = false;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8)) {
            for (int i = 0; i < docs.size(); i++) {
                docs.get(i).append("<" + i + ":" + next[i]++ + ">");
                typed++;
            }
            if (!killed && System.nanoTime() - start > TimeUnit.SECONDS.toNanos(2)) {
                killedAt.set(System.nanoTime());
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                killed = true;
                System.out.println("killed the owner, node on port " + ownerPort + " (pid " + pid + ")");
            }
            Thread.sleep(10);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && !docs.stream().allMatch(ClientDocument::isSynced)) {
            Thread.sleep(50);
        }
        int survivor = ports.stream().filter(p -> p != ownerPort).findFirst().orElseThrow();
        String text = get(vertx, survivor, "/api/docs/" + doc).getString("content");
        int found = 0;
        for (int i = 0; i < docs.size(); i++) {
            for (int k = 0; k < next[i]; k++) {
                String token = "<" + i + ":" + k + ">";
                int at = text.indexOf(token);
                if (at >= 0 && text.indexOf(token, at + 1) < 0) {
                    found++;
                }
            }
        }
        boolean exactlyOnce = found == typed && docs.stream().allMatch(d -> d.text().equals(text));
        long failoverMs = stall(acks, killedAt.get());
        System.out.println("failover_ms=" + failoverMs + " keystrokes=" + typed + " exactly_once=" + exactlyOnce);
        if (!exactlyOnce) {
            JsonObject server = get(vertx, survivor, "/api/docs/" + doc);
            System.out.println("  server: rev " + server.getLong("rev") + ", " + text.length() + " chars; tokens found "
                    + found + " of " + typed);
            for (int i = 0; i < docs.size(); i++) {
                ClientDocument d = docs.get(i);
                System.out.println("  writer " + i + " on " + d.client() + ": synced=" + d.isSynced() + " rev="
                        + d.revision() + " chars=" + d.text().length() + " state=" + d.client().state());
            }
        }
        Future.join(clients.stream().map(TandemClient::close).toList()).await(10, TimeUnit.SECONDS);
        return exactlyOnce && failoverMs >= 0;
    }

    /**
     * Acks already on their way when the owner dies still arrive just after the kill; fail-over
     * ends with the first ack after the stall that follows, i.e. the end of the longest gap
     * between acks after the kill. Returns it in ms after the kill, or -1 if acks never resumed.
     */
    public static long stall(List<Long> ackTimes, long killedAt) {
        List<Long> after = new ArrayList<>();
        synchronized (ackTimes) {
            for (long t : ackTimes) {
                if (t > killedAt) {
                    after.add(t);
                }
            }
        }
        after.sort(Long::compare);
        if (after.isEmpty()) {
            return -1;
        }
        long prev = killedAt;
        long bestGap = -1;
        long resumed = after.get(0);
        for (long t : after) {
            if (t - prev > bestGap) {
                bestGap = t - prev;
                resumed = t;
            }
            prev = t;
        }
        return (resumed - killedAt) / 1_000_000;
    }

    private static JsonObject get(Vertx vertx, int port, String path) throws Exception {
        HttpClient http = vertx.createHttpClient();
        try {
            // Connect and idle timeouts, and await's deadline on the whole exchange.
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
                    .setURI(path).setConnectTimeout(5_000).setIdleTimeout(30_000);
            // On one event loop, so that body() is asked for as the response arrives (eclipse-vertx/vert.x#5904).
            io.vertx.core.Promise<JsonObject> done = io.vertx.core.Promise.promise();
            vertx.getOrCreateContext().runOnContext(v -> http.request(request)
                    .compose(req -> req.send().compose(resp -> resp.body()))
                    .map(b -> new JsonObject(b.toString()))
                    .onComplete(done));
            return done.future().await(30, TimeUnit.SECONDS);
        } finally {
            http.close();
        }
    }
}
