package dev.tandem.tools;

import ch.qos.logback.classic.Level;
import dev.tandem.client.ClientDocument;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.model.DocumentListener;
import dev.tandem.client.model.LostEdits;
import dev.tandem.client.model.Participant;
import dev.tandem.client.model.RemoteChange;
import dev.tandem.client.transport.Transport;
import dev.tandem.protocol.ServerMessage;
import dev.tandem.ot.text.Component;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A command-line Tandem client: prints a document, appends every line read from stdin to it, and
 * prints the others' edits as they arrive. Two of them in two terminals edit one document together.
 *
 * <pre>
 * scripts/tandem-cli --url http://127.0.0.1:8080 --doc notes --name Ana
 * </pre>
 */
public final class Cli {
    private static final String USAGE = """
            usage: tandem-cli --doc ID [--url URL] [--name NAME] [--color #rrggbb]
                              [--transport websocket|sockjs] [--client-id ID] [--no-create]
              Prints the document, appends each line typed to it, and prints others' edits live.
              Ctrl-D waits until every line is confirmed, then quits.""";

    private final PrintStream out;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    private Cli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        quietLogging();
        Map<String, String> opts;
        try {
            opts = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(new Cli(out).run(opts));
    }

    private int run(Map<String, String> opts) throws Exception {
        TandemClientOptions options = new TandemClientOptions()
                .setUrl(opts.getOrDefault("url", TandemClientOptions.DEFAULT_URL))
                .setTransport(Transport.valueOf(opts.getOrDefault("transport", "websocket").toUpperCase()))
                .setClientId(opts.get("client-id"))
                .setUserName(opts.get("name"))
                .setUserColor(opts.get("color"));
        Vertx vertx = Vertx.vertx();
        TandemClient client = TandemClient.create(vertx, options);
        client.onConnectionState(s -> System.err.println("[" + s.name().toLowerCase() + "]"));
        client.onError(e -> System.err.println("[error " + e.code() + ": " + e.message() + "]"));
        try {
            ClientDocument doc = client.open(opts.get("doc"), !opts.containsKey("no-create"))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            synchronized (out) {
                out.println("--- " + doc.id() + " at revision " + doc.revision() + " ---");
                out.println(doc.text());
                out.println("--- type lines to append; Ctrl-D to quit ---");
            }
            doc.addListener(new Printer(doc));
            doc.setSelection(doc.length(), doc.length(), false); // shows the others who is here
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                doc.append(doc.length() == 0 || doc.text().endsWith("\n") ? line + "\n" : "\n" + line + "\n");
                doc.setSelection(doc.length(), doc.length(), true);
            }
            doc.whenSynced().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("tandem-cli: " + e.getCause().getMessage());
            return 1;
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("tandem-cli: timed out waiting for the server at " + options.getUrl());
            return 1;
        } finally {
            client.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Prints what others do, one line per event. */
    private final class Printer implements DocumentListener {
        private final ClientDocument doc;

        Printer(ClientDocument doc) {
            this.doc = doc;
            doc.presence().forEach(this::presence);
        }

        @Override
        public void remoteChange(RemoteChange change) {
            print("[rev " + change.rev() + "] " + name(change.client()) + ": " + describe(change.op()));
            if (!names.containsKey(change.client())) {
                doc.presence().forEach(this::presence);
            }
        }

        @Override
        public void presence(Participant p) {
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
        public void editsLost(LostEdits lost) {
            print("[lost unconfirmed edits (" + lost.reason() + "): " + describe(lost.edits()) + "]");
        }

        @Override
        public void reset(String text, long rev) {
            print("--- reset to revision " + rev + " ---\n" + text + "\n---");
        }

        @Override
        public void error(ServerMessage.Error error) {
            print("[error " + error.code() + ": " + error.message() + "]");
        }
    }

    private void print(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    private String name(String clientId) {
        return names.getOrDefault(clientId, clientId);
    }

    /** {@code +"text" at 5, -3 at 9}: what an operation does, positions in the text as it goes. */
    static String describe(TextOperation op) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Component c : op.components()) {
            if (c instanceof Component.Retain) {
                pos += c.length();
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (c instanceof Component.Insert ins) {
                sb.append('+').append(quote(ins.text())).append(" at ").append(pos);
                pos += c.length();
            } else {
                sb.append('-').append(c.length()).append(" at ").append(pos);
            }
        }
        return sb.length() == 0 ? "(no change)" : sb.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--no-create")) {
                opts.put("no-create", "true");
            } else if (a.equals("-h") || a.equals("--help")) {
                throw new IllegalArgumentException("Tandem command-line client");
            } else if (a.startsWith("--") && i + 1 < args.length
                    && java.util.Set.of("--url", "--doc", "--name", "--color", "--transport", "--client-id").contains(a)) {
                opts.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument: " + a);
            }
        }
        if (!opts.containsKey("doc")) {
            throw new IllegalArgumentException("--doc is required");
        }
        return opts;
    }

    /** Vert.x and Netty log at DEBUG without a configuration; a terminal wants only warnings. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
