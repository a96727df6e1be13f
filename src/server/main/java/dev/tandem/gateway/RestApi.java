package dev.tandem.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.tandem.access.Principal;
import dev.tandem.access.PublicClientIds;
import dev.tandem.access.Role;
import dev.tandem.bus.BusFailure;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.Operation;
import dev.tandem.ot.OtException;
import dev.tandem.storage.HistoryEntry;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.sequencer.DocumentOwnership.NodeInfo;
import dev.tandem.storage.DocumentInfo;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/docs}, for tools and bots (docs/PROTOCOL.md, "REST API").
 * Contents and operations are in each document's type's JSON form.
 */
final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final int MAX_PAGE = 1000;
    private static final String CREATE_CLIENT = "rest-create";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Pages of the store scanned at most for one page of {@code GET /api/docs} when grants filter the list. */
    private static final int MAX_LIST_SCANS = 20;

    private final GatewayContext ctx;
    private final HttpAccess access;

    RestApi(GatewayContext ctx, HttpAccess access) {
        this.ctx = ctx;
        this.access = access;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.options().maxMessageBytes());
        router.post("/api/*").order(-50).handler(rc -> {
            if (ctx.drain().draining()) {
                fail(rc, new TandemException(ErrorCode.UNAVAILABLE, "this node is shutting down; use another"), 503);
            } else if (HttpAccess.requireJson(rc)) {
                rc.next();
            }
        });
        router.post("/api/docs").handler(body).handler(rc -> authorized(rc, this::create));
        router.get("/api/docs").handler(rc -> authorized(rc, this::list));
        router.get("/api/docs/:id").handler(rc -> reader(rc, this::read));
        router.get("/api/docs/:id/revisions").handler(rc -> reader(rc, this::revisions));
        router.get("/api/docs/:id/at/:rev").handler(rc -> reader(rc, this::readAt));
        router.get("/api/docs/:id/owner").handler(rc -> reader(rc, this::owner));
        router.post("/api/docs/:id/ops").handler(body).handler(rc -> authorized(rc, this::submit));
        router.route("/api/*").last().handler(rc -> fail(rc, new TandemException(ErrorCode.MALFORMED_MESSAGE,
                "no such API route: " + rc.request().method() + " " + rc.request().path()), 404));
        router.route("/api/*").failureHandler(this::failed);
    }

    /**
     * A request a handler failed with a status rather than an answer: the body handler's 413 and
     * 400. Without this Vert.x answers in plain text and logs each at ERROR ("Unhandled exception
     * in router"), which lets anyone fill the log. Only real failures (exceptions) are logged.
     */
    private void failed(RoutingContext rc) {
        int status = rc.statusCode();
        if (status == 413) {
            fail(rc, new TandemException(ErrorCode.MESSAGE_TOO_LARGE, "request body larger than "
                    + ctx.options().maxMessageBytes() + " bytes"), 413);
        } else if (rc.failure() != null && !(rc.failure() instanceof io.vertx.ext.web.handler.HttpException)) {
            LOG.error("REST {} {} failed", rc.request().method(), rc.request().path(), rc.failure());
            fail(rc, new TandemException(ErrorCode.INTERNAL_ERROR, "internal error"), 500);
        } else if (status >= 400 && status < 500) {
            fail(rc, malformed("request refused (HTTP " + status + ")"), status);
        } else {
            fail(rc, new TandemException(ErrorCode.INTERNAL_ERROR, "internal error (HTTP " + status + ")"), 500);
        }
    }

    /** What a route does once its caller is known. */
    private interface Authorized {
        void handle(RoutingContext rc, Principal caller);
    }

    /** Runs {@code route} for a caller with a valid token (any caller in open mode). */
    private void authorized(RoutingContext rc, Authorized route) {
        access.principal(rc).onSuccess(p -> route.handle(rc, p)).onFailure(e -> fail(rc, e));
    }

    /** Runs {@code route} for a caller with any role for the document of the path. */
    private void reader(RoutingContext rc, Authorized route) {
        authorized(rc, (r, caller) -> {
            String id = docId(r);
            if (id != null && allowed(r, caller, id, false)) {
                route.handle(r, caller);
            }
        });
    }

    /** Whether {@code caller} may read (or, with {@code write}, edit) {@code id}; answers 403 if not. */
    private static boolean allowed(RoutingContext rc, Principal caller, String id, boolean write) {
        Role role = caller.roleFor(id);
        if (role == null || (write && !role.canEdit())) {
            fail(rc, forbidden(caller, id, role, write), 403);
            return false;
        }
        return true;
    }

    static TandemException forbidden(Principal caller, String id, Role role, boolean write) {
        return new TandemException(ErrorCode.FORBIDDEN, role == null
                ? "the access token gives " + caller.userId() + " no role for " + id
                : caller.userId() + " is a " + role.wireName() + " of " + id + (write ? " and may not edit it" : ""));
    }

    private void create(RoutingContext rc, Principal caller) {
        JsonNode in = jsonBody(rc);
        if (in == null) {
            return;
        }
        String id;
        DocumentType<?> type;
        Operation initial;
        try {
            JsonNode rawId = in.get("id");
            id = rawId == null || rawId.isNull() ? randomId()
                    : ClientCodec.checkDocId(rawId.isTextual() ? rawId.textValue() : "!");
            type = type(in.get("type"));
            JsonNode content = in.get("content");
            initial = content == null || content.isNull() ? null : initialOperation(type, content);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        if (!allowed(rc, caller, id, true)) {
            return;
        }
        String typeName = type.name();
        ctx.store().createDocument(id, typeName).compose(created -> {
            if (!created) {
                return Future.failedFuture(new TandemException(ErrorCode.DOCUMENT_EXISTS, "document " + id + " exists"));
            }
            if (initial == null) {
                return Future.succeededFuture(0L);
            }
            return ctx.sequencers().submit(id, new Submission(CREATE_CLIENT, 1, 0, initial)).map(r -> r.rev());
        }).onSuccess(rev -> send(rc, 201, new JsonObject().put("id", id).put("type", typeName).put("rev", rev)))
                .onFailure(e -> fail(rc, e));
    }

    /** The type named by {@code name} (absent: the default). */
    private DocumentType<?> type(JsonNode name) {
        if (name == null || name.isNull()) {
            return ctx.types().get(DocumentTypes.DEFAULT);
        }
        DocumentType<?> t = name.isTextual() ? ctx.types().find(name.textValue()) : null;
        if (t == null) {
            throw new TandemException(ErrorCode.UNKNOWN_DOCUMENT_TYPE, "unknown document type " + name
                    + "; this server has " + names(ctx.types()));
        }
        return t;
    }

    /** The operation that fills an empty document of {@code type} with {@code content}, or null if it is empty. */
    private static Operation initialOperation(DocumentType<?> type, JsonNode content) {
        try {
            String stored = type.contentFromJson(content);
            Operation op = type.diff(type.emptySnapshot(), stored);
            return isNoop(type, op) ? null : op;
        } catch (OtException e) {
            throw new TandemException(ErrorCode.INVALID_OPERATION, "content: " + e.getMessage(), e.code().name());
        }
    }

    @SuppressWarnings("unchecked")
    private static <O extends dev.tandem.ot.Operation> boolean isNoop(DocumentType<O> type, Operation op) {
        return type.isNoop((O) op);
    }

    private void list(RoutingContext rc, Principal caller) {
        int limit;
        String after;
        try {
            limit = (int) queryLong(rc, "limit", 1, MAX_PAGE, 100);
            after = rc.queryParams().get("after");
            if (after != null) {
                ClientCodec.checkDocId(after);
            }
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode list = out.putArray("docs");
        listVisible(caller, after, limit, list, MAX_LIST_SCANS).onSuccess(next -> {
            out.put("next", next);
            send(rc, 200, out);
        }).onFailure(e -> fail(rc, e));
    }

    /**
     * Adds to {@code list} the documents after {@code after} that {@code caller} may see, up to
     * {@code limit}, reading the store a page at a time (at most {@code scans} pages, so a caller
     * who may see little does not make one request read the whole table). Succeeds with the id
     * to continue after, or null at the end.
     */
    private Future<String> listVisible(Principal caller, String after, int limit, ArrayNode list, int scans) {
        return ctx.store().listDocuments(after, limit).compose(docs -> {
            String last = after;
            for (DocumentInfo d : docs) {
                last = d.docId();
                if (caller.roleFor(d.docId()) == null) {
                    continue;
                }
                list.addObject().put("id", d.docId()).put("type", d.type()).put("rev", d.rev())
                        .put("role", caller.roleFor(d.docId()).wireName()).put("createdAt", d.createdAt().toString());
                if (list.size() == limit) {
                    return Future.succeededFuture(last);
                }
            }
            if (docs.size() < limit) {
                return Future.succeededFuture((String) null);
            }
            return scans <= 1 ? Future.succeededFuture(last) : listVisible(caller, last, limit, list, scans - 1);
        });
    }

    private void read(RoutingContext rc, Principal caller) {
        String id = docId(rc);
        ctx.sequencers().open(id, -1)
                .onSuccess(r -> respond(rc, id, ctx.types().get(r.docType()), r.rev(), r.snapshot()))
                .onFailure(e -> fail(rc, e));
    }

    /**
     * A document's content: JSON in the type's form, or with {@code ?format=} one of the type's
     * export formats as its media type ({@code text}, {@code html}, {@code markdown}), and with
     * {@code &download=true} as a file to save.
     */
    static void respond(RoutingContext rc, String id, DocumentType<?> type, long rev, String snapshot) {
        String format = rc.queryParams().get("format");
        if (format == null || format.equals("json")) {
            send(rc, 200, content(id, type, rev, snapshot));
            return;
        }
        String media = type.exportFormats().get(format);
        if (media == null) {
            fail(rc, malformed(type.name() + " documents export as json" + (type.exportFormats().isEmpty() ? ""
                    : ", " + String.join(", ", new java.util.TreeSet<>(type.exportFormats().keySet()))) + ", not " + format));
            return;
        }
        if ("true".equals(rc.queryParams().get("download"))) {
            String ext = switch (format) {
                case "html" -> "html";
                case "markdown" -> "md";
                default -> "txt";
            };
            rc.response().putHeader("content-disposition", "attachment; filename=\"" + id + "-r" + rev + "." + ext + "\"");
        }
        rc.response().setStatusCode(200).putHeader("content-type", media)
                .putHeader("x-content-type-options", "nosniff").end(type.export(snapshot, format));
    }

    /** A document's content at a revision, in its type's JSON form. */
    private static ObjectNode content(String id, DocumentType<?> type, long rev, String snapshot) {
        ObjectNode o = JSON.createObjectNode().put("id", id).put("type", type.name()).put("rev", rev);
        o.putRawValue("content", new RawValue(type.snapshotJson(snapshot)));
        return o;
    }

    private void revisions(RoutingContext rc, Principal caller) {
        String id = docId(rc);
        long from;
        long to;
        try {
            from = queryLong(rc, "from", 1, Long.MAX_VALUE, 1);
            to = queryLong(rc, "to", from, Long.MAX_VALUE, from + MAX_PAGE - 1);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        long last = Math.min(to, from + MAX_PAGE - 1);
        requireDocument(id)
                .compose(type -> ctx.history().entries(id, from, last, MAX_PAGE))
                .onSuccess(revs -> {
                    ObjectNode out = JSON.createObjectNode().put("id", id);
                    ArrayNode list = out.putArray("revisions");
                    for (HistoryEntry r : revs) {
                        ObjectNode o = list.addObject().put("rev", r.rev());
                        if (r.compacted()) {
                            o.put("span", r.span()); // compacted: revisions rev-span+1..rev, seqs seq-span+1..seq
                        }
                        o.putRawValue("op", new RawValue(r.op().toJson()));
                        o.put("client", r.clientId()).put("seq", r.seq())
                                .put("time", Instant.ofEpochMilli(r.timeMillis()).toString());
                    }
                    send(rc, 200, out);
                }).onFailure(e -> fail(rc, e));
    }

    private void readAt(RoutingContext rc, Principal caller) {
        String id = docId(rc);
        long rev;
        try {
            rev = Long.parseLong(rc.pathParam("rev"));
            if (rev < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            fail(rc, malformed("revision must be a non-negative integer"));
            return;
        }
        new dev.tandem.history.VersionReader(ctx.store(), ctx.history(), ctx.types()).at(id, rev)
                .onSuccess(v -> respond(rc, id, v.type(), rev, v.content()))
                .onFailure(e -> fail(rc, e));
    }

    private void owner(RoutingContext rc, Principal caller) {
        String id = docId(rc);
        NodeInfo owner = ctx.sequencers().ownership().owner(id);
        send(rc, 200, new JsonObject().put("node", owner.nodeId()).put("ws", owner.wsUrl()));
    }

    private void submit(RoutingContext rc, Principal caller) {
        String id = docId(rc);
        if (id == null || !allowed(rc, caller, id, true)) {
            ctx.metrics().opRejected(id == null ? ErrorCode.INVALID_DOCUMENT_ID : ErrorCode.FORBIDDEN);
            return;
        }
        JsonNode in = jsonBody(rc);
        if (in == null) {
            return;
        }
        long base;
        long seq;
        String client;
        try {
            base = requiredLong(in, "base", 0);
            seq = requiredLong(in, "seq", 1);
            JsonNode c = in.get("client");
            if (c == null || !c.isTextual() || !ClientCodec.CLIENT_ID.matcher(c.textValue()).matches()) {
                throw malformed("client must be 8 to 64 characters of A-Z a-z 0-9 _ -");
            }
            client = PublicClientIds.of(caller.scope(), c.textValue());
            JsonNode op = in.get("op");
            if (op != null && op.toString().length() > ctx.options().maxOperationBytes()) {
                throw new TandemException(ErrorCode.OPERATION_TOO_LARGE, "the operation is longer than "
                        + ctx.options().maxOperationBytes() + " bytes");
            }
        } catch (TandemException e) {
            ctx.metrics().opRejected(e.code());
            fail(rc, e);
            return;
        }
        long received = System.nanoTime();
        requireDocument(id)
                .map(type -> new Submission(client, seq, base, Operations.parse(ctx.types(), type, in.get("op"))))
                .compose(submission -> ctx.sequencers().submit(id, submission))
                .onSuccess(r -> {
                    ctx.metrics().opAccepted(System.nanoTime() - received);
                    send(rc, 200, new JsonObject().put("rev", r.rev()).put("duplicate", r.duplicate()).put("client", client));
                })
                .onFailure(e -> {
                    ctx.metrics().opRejected(BusFailure.toTandem(e).code());
                    fail(rc, e);
                });
    }

    /** The document's type; fails with {@code DOCUMENT_NOT_FOUND} if it does not exist. */
    private Future<DocumentType<?>> requireDocument(String id) {
        return ctx.store().documentType(id).compose(type -> type.isPresent()
                ? Future.succeededFuture(ctx.types().get(type.get()))
                : Future.failedFuture(notFound(id)));
    }

    private static TandemException notFound(String id) {
        return new TandemException(ErrorCode.DOCUMENT_NOT_FOUND, "document " + id + " does not exist");
    }

    static String docId(RoutingContext rc) {
        try {
            return ClientCodec.checkDocId(rc.pathParam("id"));
        } catch (TandemException e) {
            fail(rc, e);
            return null;
        }
    }

    static JsonNode jsonBody(RoutingContext rc) {
        String text = rc.body().asString();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode v = JSON.readTree(text);
            if (v != null && v.isObject()) {
                return v;
            }
        } catch (JsonProcessingException e) {
            // fall through
        }
        fail(rc, malformed("the body must be a JSON object"));
        return null;
    }

    static long requiredLong(JsonNode m, String field, long min) {
        JsonNode v = m.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw malformed("field \"" + field + "\" must be an integer");
        }
        if (v.longValue() < min) {
            throw malformed("field \"" + field + "\" must be at least " + min);
        }
        return v.longValue();
    }

    static long queryLong(RoutingContext rc, String name, long min, long max, long absent) {
        List<String> values = rc.queryParam(name);
        if (values.isEmpty()) {
            return absent;
        }
        try {
            long v = Long.parseLong(values.get(0));
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw malformed("query parameter " + name + " must be an integer from " + min + " to " + max);
        }
    }

    static TandemException malformed(String text) {
        return new TandemException(ErrorCode.MALFORMED_MESSAGE, text);
    }

    private static String names(DocumentTypes types) {
        StringBuilder sb = new StringBuilder();
        for (DocumentType<?> t : types.all()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t.name());
        }
        return sb.toString();
    }

    private static String randomId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    static void send(RoutingContext rc, int status, JsonObject body) {
        send(rc, status, body.encode());
    }

    static void send(RoutingContext rc, int status, ObjectNode body) {
        send(rc, status, body.toString());
    }

    private static void send(RoutingContext rc, int status, String body) {
        if (!rc.response().ended()) {
            rc.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8").end(body);
        }
    }

    static void fail(RoutingContext rc, Throwable t) {
        TandemException e = BusFailure.toTandem(t);
        fail(rc, e, e.code().httpStatus());
    }

    static void fail(RoutingContext rc, TandemException e, int status) {
        JsonObject error = new JsonObject().put("code", e.code().name()).put("message", e.getMessage())
                .put("resync", e.code().resync());
        if (e.detail() != null) {
            error.put("detail", e.detail());
        }
        send(rc, status, new JsonObject().put("error", error));
    }
}
