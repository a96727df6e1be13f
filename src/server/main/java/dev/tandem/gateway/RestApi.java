package dev.tandem.gateway;

import dev.tandem.bus.BusFailure;
import dev.tandem.ot.text.OperationJson;
import dev.tandem.ot.OtException;
import dev.tandem.ot.text.TextDocument;
import dev.tandem.ot.text.TextOperation;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.sequencer.DocumentOwnership.NodeInfo;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.storage.DocumentInfo;
import dev.tandem.ot.sequencer.RevisionRecord;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The REST API under {@code /api/docs}, for tools and bots (docs/PROTOCOL.md, "REST API"). */
final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final int MAX_PAGE = 1000;
    private static final String CREATE_CLIENT = "rest-create";

    private final GatewayContext ctx;

    RestApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.options().maxMessageBytes());
        router.post("/api/docs").handler(body).handler(this::create);
        router.get("/api/docs").handler(this::list);
        router.get("/api/docs/:id").handler(this::read);
        router.get("/api/docs/:id/revisions").handler(this::revisions);
        router.get("/api/docs/:id/at/:rev").handler(this::readAt);
        router.get("/api/docs/:id/owner").handler(this::owner);
        router.post("/api/docs/:id/ops").handler(body).handler(this::submit);
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
            fail(rc, Fields.malformed("request refused (HTTP " + status + ")"), status);
        } else {
            fail(rc, new TandemException(ErrorCode.INTERNAL_ERROR, "internal error (HTTP " + status + ")"), 500);
        }
    }

    private void create(RoutingContext rc) {
        JsonObject in = jsonBody(rc);
        if (in == null) {
            return;
        }
        String id;
        String content;
        try {
            Object rawId = in.getValue("id");
            id = rawId == null ? randomId() : rawId instanceof String s ? Fields.checkDocId(s)
                    : Fields.checkDocId("!");
            Object rawContent = in.getValue("content");
            if (rawContent != null && !(rawContent instanceof String)) {
                throw Fields.malformed("content must be a string");
            }
            content = rawContent == null ? "" : (String) rawContent;
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        TextOperation initial;
        try {
            initial = TextOperation.builder().insert(content).build();
        } catch (OtException e) {
            fail(rc, new TandemException(ErrorCode.INVALID_OPERATION, e.getMessage(), e.code().name()));
            return;
        }
        ctx.store().createDocument(id).compose(created -> {
            if (!created) {
                return Future.failedFuture(new TandemException(ErrorCode.DOCUMENT_EXISTS, "document " + id + " exists"));
            }
            if (initial.isNoop()) {
                return Future.succeededFuture(0L);
            }
            return ctx.sequencers().submit(id, new Submission(CREATE_CLIENT, 1, 0, initial)).map(r -> r.rev());
        }).onSuccess(rev -> send(rc, 201, new JsonObject().put("id", id).put("rev", rev)))
                .onFailure(e -> fail(rc, e));
    }

    private void list(RoutingContext rc) {
        int limit;
        String after;
        try {
            limit = (int) queryLong(rc, "limit", 1, MAX_PAGE, 100);
            after = rc.queryParams().get("after");
            if (after != null) {
                Fields.checkDocId(after);
            }
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        ctx.store().listDocuments(after, limit).onSuccess(docs -> {
            JsonArray out = new JsonArray();
            for (DocumentInfo d : docs) {
                out.add(new JsonObject().put("id", d.docId()).put("rev", d.rev()).put("createdAt", d.createdAt().toString()));
            }
            String next = docs.size() == limit ? docs.get(docs.size() - 1).docId() : null;
            send(rc, 200, new JsonObject().put("docs", out).put("next", next));
        }).onFailure(e -> fail(rc, e));
    }

    private void read(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        ctx.sequencers().open(id, -1, false)
                .onSuccess(r -> send(rc, 200, new JsonObject().put("id", id).put("rev", r.rev()).put("content", r.snapshot())))
                .onFailure(e -> fail(rc, e));
    }

    private void revisions(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
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
                .compose(v -> ctx.store().revisions(id, from, last, MAX_PAGE))
                .onSuccess(revs -> {
                    JsonArray out = new JsonArray();
                    for (RevisionRecord r : revs) {
                        out.add(new JsonObject().put("rev", r.rev())
                                .put("op", new JsonArray(OperationJson.write(r.op())))
                                .put("client", r.clientId()).put("seq", r.seq())
                                .put("time", Instant.ofEpochMilli(r.timeMillis()).toString()));
                    }
                    send(rc, 200, new JsonObject().put("id", id).put("revisions", out));
                }).onFailure(e -> fail(rc, e));
    }

    private void readAt(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        long rev;
        try {
            rev = Long.parseLong(rc.pathParam("rev"));
            if (rev < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            fail(rc, Fields.malformed("revision must be a non-negative integer"));
            return;
        }
        ctx.store().headRevision(id).compose(head -> {
            if (head.isEmpty()) {
                return Future.failedFuture(notFound(id));
            }
            if (rev > head.get()) {
                return Future.failedFuture(new TandemException(ErrorCode.REVISION_IN_FUTURE,
                        "revision " + rev + " is after the head " + head.get()));
            }
            return ctx.store().snapshotAtOrBefore(id, rev).compose(snap -> {
                TextDocument doc = TextDocument.of(snap.content());
                return replay(id, doc, snap.rev() + 1, rev).map(v -> doc.toString());
            });
        }).onSuccess(text -> send(rc, 200, new JsonObject().put("id", id).put("rev", rev).put("content", text)))
                .onFailure(e -> fail(rc, e));
    }

    /** Applies stored revisions {@code from..to} to {@code doc}, a page at a time. */
    private Future<Void> replay(String id, TextDocument doc, long from, long to) {
        if (from > to) {
            return Future.succeededFuture();
        }
        long last = Math.min(to, from + MAX_PAGE - 1);
        return ctx.store().revisions(id, from, last, MAX_PAGE).compose(revs -> {
            for (RevisionRecord r : revs) {
                doc.apply(r.op());
            }
            return replay(id, doc, last + 1, to);
        });
    }

    private void owner(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        NodeInfo owner = ctx.sequencers().ownership().owner(id);
        send(rc, 200, new JsonObject().put("node", owner.nodeId()).put("ws", owner.wsUrl()));
    }

    private void submit(RoutingContext rc) {
        String id = docId(rc);
        JsonObject in = id == null ? null : jsonBody(rc);
        if (in == null) {
            return;
        }
        Submission submission;
        try {
            long base = Fields.requiredLong(in, "base", 0);
            long seq = Fields.requiredLong(in, "seq", 1);
            Object client = in.getValue("client");
            if (!(client instanceof String c) || !Fields.CLIENT_ID.matcher(c).matches()) {
                throw Fields.malformed("client must be 8 to 64 characters of A-Z a-z 0-9 _ -");
            }
            Object op = in.getValue("op");
            if (!(op instanceof JsonArray array)) {
                throw new TandemException(ErrorCode.INVALID_OPERATION, "op must be an array", "MALFORMED_OPERATION");
            }
            try {
                submission = new Submission(c, seq, base, OperationJson.fromList(array.getList()));
            } catch (OtException e) {
                throw new TandemException(ErrorCode.INVALID_OPERATION, e.getMessage(), e.code().name());
            }
        } catch (TandemException e) {
            ctx.metrics().opRejected(e.code());
            fail(rc, e);
            return;
        }
        long received = System.nanoTime();
        ctx.sequencers().submit(id, submission)
                .onSuccess(r -> {
                    ctx.metrics().opAccepted(System.nanoTime() - received);
                    send(rc, 200, new JsonObject().put("rev", r.rev()).put("duplicate", r.duplicate()));
                })
                .onFailure(e -> {
                    ctx.metrics().opRejected(BusFailure.toTandem(e).code());
                    fail(rc, e);
                });
    }

    private Future<Void> requireDocument(String id) {
        return ctx.store().exists(id).compose(exists -> exists ? Future.succeededFuture()
                : Future.failedFuture(notFound(id)));
    }

    private static TandemException notFound(String id) {
        return new TandemException(ErrorCode.DOCUMENT_NOT_FOUND, "document " + id + " does not exist");
    }

    private String docId(RoutingContext rc) {
        try {
            return Fields.checkDocId(rc.pathParam("id"));
        } catch (TandemException e) {
            fail(rc, e);
            return null;
        }
    }

    private JsonObject jsonBody(RoutingContext rc) {
        String text = rc.body().asString();
        if (text == null || text.isBlank()) {
            return new JsonObject();
        }
        try {
            Object v = io.vertx.core.json.Json.decodeValue(text);
            if (v instanceof JsonObject o) {
                return o;
            }
        } catch (DecodeException e) {
            // fall through
        }
        fail(rc, Fields.malformed("the body must be a JSON object"));
        return null;
    }

    private static long queryLong(RoutingContext rc, String name, long min, long max, long absent) {
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
            throw Fields.malformed("query parameter " + name + " must be an integer from " + min + " to " + max);
        }
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
        if (!rc.response().ended()) {
            rc.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                    .end(body.encode());
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
