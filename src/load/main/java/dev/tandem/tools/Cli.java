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
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A command-line Tandem client: prints a document, appends every line read from stdin to it, and
 * prints the others' edits as they arrive. Two of them in two terminals edit one document together.
 *
 * <pre>
 * scripts/tandem-cli --url http://127.0.0.1:8080 --doc notes --name Ana
 * </pre>
 */
@Command(name = "scripts/tandem-cli", usageHelpWidth = 100, customSynopsis = "scripts/tandem-cli --doc ID [OPTION]...",
        description = {"Prints the document, appends each line typed to it, and prints others' edits live.",
            "Ctrl-D waits until every line is confirmed, then quits."})
public final class Cli implements Callable<Integer> {
    @Option(names = "--doc", required = true, paramLabel = "ID", description = "the document to edit")
    private String docId;
    @Option(names = "--url", paramLabel = "URL", description = "the server (default ${DEFAULT-VALUE})")
    private String url = TandemClientOptions.DEFAULT_URL;
    @Option(names = "--name", paramLabel = "NAME", description = "your name, as the others see it")
    private String name;
    @Option(names = "--color", paramLabel = "#RRGGBB", description = "your caret's colour")
    private String color;
    @Option(names = "--transport", paramLabel = "KIND", description = "websocket or sockjs (default websocket)")
    private Transport transport = Transport.WEBSOCKET;
    @Option(names = "--client-id", paramLabel = "ID", description = "this client's id (default: a new one)")
    private String clientId;
    @Option(names = "--no-create", description = "refuse to open a document that does not exist yet")
    private boolean noCreate;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help")
    private boolean help;

    private final PrintStream out;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    private Cli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        quietLogging();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(commandLine(new Cli(out)).execute(args));
    }

    /** The command line of {@code cli}: transports by any case ({@code --transport sockjs}). */
    private static CommandLine commandLine(Cli cli) {
        return new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Parses {@code args} into a client that has not started; for tests. */
    static Cli parse(String... args) {
        Cli cli = new Cli(System.out);
        commandLine(cli).parseArgs(args);
        return cli;
    }

    TandemClientOptions clientOptions() {
        return new TandemClientOptions().setUrl(url).setTransport(transport).setClientId(clientId)
                .setUserName(name).setUserColor(color);
    }

    String docId() {
        return docId;
    }

    boolean create() {
        return !noCreate;
    }

    @Override
    public Integer call() throws Exception {
        TandemClientOptions options = clientOptions();
        Vertx vertx = Vertx.vertx();
        TandemClient client = TandemClient.create(vertx, options);
        client.onConnectionState(s -> System.err.println("[" + s.name().toLowerCase() + "]"));
        client.onError(e -> System.err.println("[error " + e.code() + ": " + e.message() + "]"));
        try {
            ClientDocument doc = client.open(docId, create())
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
    private final class Printer implements DocumentListener<TextOperation, Selection> {
        private final ClientDocument doc;

        Printer(ClientDocument doc) {
            this.doc = doc;
            doc.presence().forEach(this::presence);
        }

        @Override
        public void remoteChange(RemoteChange<TextOperation> change) {
            print("[rev " + change.rev() + "] " + name(change.client()) + ": " + describe(change.op()));
            if (!names.containsKey(change.client())) {
                doc.presence().forEach(this::presence);
            }
        }

        @Override
        public void presence(Participant<Selection> p) {
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
        public void editsLost(LostEdits<TextOperation> lost) {
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

    /** Vert.x and Netty log at DEBUG without a configuration; a terminal wants only warnings. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
