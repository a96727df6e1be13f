package dev.tandem.tools;

import ch.qos.logback.classic.Level;
import dev.tandem.client.TandemClient;
import dev.tandem.client.TandemClientOptions;
import dev.tandem.client.transport.Transport;
import dev.tandem.ot.canvas.CanvasType;
import dev.tandem.ot.richtext.RichTextType;
import dev.tandem.ot.text.TextType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A command-line Tandem client: prints a document, takes the lines typed on stdin, and prints the
 * others' changes as they arrive. Two of them in two terminals edit one document together. Every
 * document type: plain text and rich text (shown as plain text; typed lines are appended), and
 * canvases (objects listed; a typed line becomes a sticky note). The type is {@code --type}, or
 * else what the server's REST API says the document is (text for a new one).
 *
 * <pre>
 * scripts/tandem-cli --url http://127.0.0.1:8080 --doc notes --name Ana
 * scripts/tandem-cli --doc board --type canvas
 * </pre>
 */
@Command(name = "scripts/tandem-cli", usageHelpWidth = 100, customSynopsis = "scripts/tandem-cli --doc ID [OPTION]...",
        description = {"Prints the document and others' changes live, and adds each line typed (text and rich text: appended;",
            "canvas: a sticky note). Ctrl-D waits until every line is confirmed, then quits."})
public final class Cli implements Callable<Integer> {
    static final List<String> TYPES = List.of(TextType.NAME, RichTextType.NAME, CanvasType.NAME);

    @Option(names = "--doc", required = true, paramLabel = "ID", description = "the document to edit")
    private String docId;
    @Option(names = "--url", paramLabel = "URL", description = "the server (default ${DEFAULT-VALUE})")
    private String url = TandemClientOptions.DEFAULT_URL;
    @Option(names = "--type", paramLabel = "TYPE", description = "text, rich-text or canvas (default: the document's, "
            + "asked of the server; text for a new one)")
    private String type;
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
    private final InputStream in;

    private Cli(PrintStream out, InputStream in) {
        this.out = out;
        this.in = in;
    }

    public static void main(String[] args) {
        quietLogging();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.exit(commandLine(new Cli(out, System.in)).execute(args));
    }

    /** Runs a client that reads {@code in} and prints to {@code out}, as {@code main} would; returns its exit status. */
    static int run(PrintStream out, InputStream in, String... args) {
        return commandLine(new Cli(out, in)).execute(args);
    }

    /** The command line of {@code cli}: transports by any case ({@code --transport sockjs}). */
    private static CommandLine commandLine(Cli cli) {
        return new CommandLine(cli).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** Parses {@code args} into a client that has not started; for tests. */
    static Cli parse(String... args) {
        Cli cli = new Cli(System.out, System.in);
        CommandLine cl = commandLine(cli);
        cl.parseArgs(args);
        if (cli.type != null && !TYPES.contains(cli.type)) {
            throw new CommandLine.ParameterException(cl, "--type must be one of " + TYPES + ", not " + cli.type);
        }
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

    /** The type named on the command line, or null to ask the server. */
    String type() {
        return type;
    }

    @Override
    public Integer call() throws Exception {
        if (type != null && !TYPES.contains(type)) {
            System.err.println("tandem-cli: --type must be one of " + TYPES + ", not " + type);
            return 2;
        }
        TandemClientOptions options = clientOptions();
        Vertx vertx = Vertx.vertx();
        TandemClient client = TandemClient.create(vertx, options);
        client.onConnectionState(s -> System.err.println("[" + s.name().toLowerCase() + "]"));
        client.onError(e -> System.err.println("[error " + e.code() + ": " + e.message() + "]"));
        try {
            String t = type != null ? type : typeOnServer(url, docId);
            Console<?, ?> console = open(client, t == null ? TextType.NAME : t)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            console.show();
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                console.typed(line);
            }
            console.doc.whenSynced().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return 0;
        } catch (java.util.concurrent.ExecutionException e) {
            System.err.println("tandem-cli: " + e.getCause().getMessage());
            return 1;
        } catch (java.util.concurrent.TimeoutException e) {
            System.err.println("tandem-cli: timed out waiting for the server at " + options.getUrl());
            return 1;
        } catch (IOException e) {
            System.err.println("tandem-cli: " + e.getMessage());
            return 1;
        } finally {
            client.close().compose(v -> vertx.close()).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private Future<Console<?, ?>> open(TandemClient client, String typeName) {
        return switch (typeName) {
            case RichTextType.NAME -> client.openRichText(docId, create()).map(d -> new RichTextConsole(d, out));
            case CanvasType.NAME -> client.openCanvas(docId, create()).map(d -> new CanvasConsole(d, out));
            default -> client.open(docId, create()).map(d -> new TextConsole(d, out));
        };
    }

    /**
     * The type of document {@code id} as the server's REST API reads it, or null if it does not
     * exist (yet).
     *
     * @throws IOException if the server cannot be asked or answers something else
     */
    static String typeOnServer(String url, String id) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = URI.create(url.replaceAll("/+$", "") + "/api/docs/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IOException("the server said " + r.statusCode() + " to " + uri + ": " + r.body());
        }
        return new JsonObject(r.body()).getString("type", TextType.NAME);
    }

    /** Vert.x and Netty log at DEBUG without a configuration; a terminal wants only warnings. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
