package dev.tandem.gateway;

import static dev.tandem.gateway.RestApi.docId;
import static dev.tandem.gateway.RestApi.fail;
import static dev.tandem.gateway.RestApi.jsonBody;
import static dev.tandem.gateway.RestApi.malformed;
import static dev.tandem.gateway.RestApi.queryLong;
import static dev.tandem.gateway.RestApi.requiredLong;
import static dev.tandem.gateway.RestApi.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.tandem.history.AuthorshipView;
import dev.tandem.history.EditingSession;
import dev.tandem.history.SessionGrouper;
import dev.tandem.history.VersionReader;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;
import dev.tandem.ot.sequencer.Submission;
import dev.tandem.protocol.ClientCodec;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;
import dev.tandem.protocol.User;
import dev.tandem.storage.Author;
import dev.tandem.storage.HistoryEntry;
import dev.tandem.storage.NamedVersion;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The history's REST routes (docs/PROTOCOL.md, "History"): editing sessions, named versions,
 * restore, what changed between two revisions, and authorship. Type-neutral: contents and
 * operations are in each document's type's form, computed through its {@link DocumentType}.
 *
 * <p>Access: like every REST route today (the open demo mode), anyone may call these; once access
 * tokens exist, naming, deleting and restoring need the editor role, reading the viewer role.
 */
final class HistoryApi {
    /** Longest name of a version, in code points. */
    static final int MAX_VERSION_NAME = 100;
    /** Timeline rows one sessions request reads at most; a longer session comes back unfinished. */
    static final int SESSION_ROW_BUDGET = 20_000;
    static final int TIMELINE_PAGE = 1_000;
    /** Changes over more entries than this are the type's diff of the two contents instead. */
    static final int MAX_COMPOSED = 20_000;
    /** Authorship replays at most about this many entries (plus one snapshot interval). */
    static final long AUTHORSHIP_REPLAY = 200_000;
    static final long DEFAULT_GAP_SECONDS = 600;
    static final long DEFAULT_HANDOVER_SECONDS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GatewayContext ctx;
    private final VersionReader reader;

    private final HttpAccess access;

    HistoryApi(GatewayContext ctx, HttpAccess access) {
        this.ctx = ctx;
        this.access = access;
        this.reader = new VersionReader(ctx.store(), ctx.history(), ctx.types());
    }

    void mount(Router router) {
        BodyHandler body = BodyHandler.create(false).setBodyLimit(ctx.options().maxMessageBytes());
        // Reading history takes any role for the document; naming, deleting and restoring, an editor's.
        router.get("/api/docs/:id/sessions").handler(role(false)).handler(this::sessions);
        router.get("/api/docs/:id/versions").handler(role(false)).handler(this::versions);
        router.post("/api/docs/:id/versions").handler(body).handler(role(true)).handler(this::nameVersion);
        router.delete("/api/docs/:id/versions/:rev").handler(role(true)).handler(this::deleteVersion);
        router.post("/api/docs/:id/restore").handler(body).handler(role(true)).handler(this::restore);
        router.get("/api/docs/:id/changes").handler(role(false)).handler(rc -> between(rc, false));
        router.get("/api/docs/:id/diff").handler(role(false)).handler(rc -> between(rc, true));
        router.get("/api/docs/:id/authorship").handler(role(false)).handler(this::authorship);
    }

    // ---------------------------------------------------------------- sessions

    private void sessions(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        long before;
        int limit;
        SessionGrouper grouper;
        try {
            before = queryLong(rc, "before", 0, Long.MAX_VALUE, Long.MAX_VALUE);
            limit = (int) queryLong(rc, "limit", 1, 100, 20);
            long gap = queryLong(rc, "gap", 0, 7L * 24 * 3600, DEFAULT_GAP_SECONDS);
            long handover = queryLong(rc, "handover", 0, 7L * 24 * 3600, DEFAULT_HANDOVER_SECONDS);
            grouper = new SessionGrouper(gap * 1000, handover * 1000);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        reader.head(id).compose(head -> {
            long from = Math.min(before, head.rev());
            return readSessions(id, from, limit, grouper, new ArrayList<>(), 0).compose(page ->
                    authorsOf(id, page.sessions()).map(authors -> {
                        ObjectNode out = JSON.createObjectNode().put("id", id).put("type", head.type().name())
                                .put("head", head.rev());
                        ArrayNode exports = out.putArray("exports");
                        new TreeSet<>(head.type().exportFormats().keySet()).forEach(exports::add);
                        out.put("authorship", VersionReader.walks(head.type()));
                        ArrayNode list = out.putArray("sessions");
                        for (int i = 0; i < page.sessions().size(); i++) {
                            EditingSession s = page.sessions().get(i);
                            ObjectNode o = list.addObject().put("from", s.fromRev()).put("to", s.toRev())
                                    .put("start", Instant.ofEpochMilli(s.startMillis()).toString())
                                    .put("end", Instant.ofEpochMilli(s.endMillis()).toString())
                                    .put("revisions", s.revisions());
                            if (i == page.sessions().size() - 1 && !page.complete()) {
                                o.put("complete", false);
                            }
                            ArrayNode who = o.putArray("authors");
                            for (Map.Entry<String, Long> a : s.revisionsByClient().entrySet()) {
                                author(who.addObject(), a.getKey(), authors.get(a.getKey())).put("revisions", a.getValue());
                            }
                        }
                        if (page.next() > 0) {
                            out.put("next", page.next());
                        } else {
                            out.putNull("next");
                        }
                        return out;
                    }));
        }).onSuccess(out -> send(rc, 200, out)).onFailure(e -> fail(rc, e));
    }

    /** Sessions read so far, whether the last is whole, and the {@code before} of the next page (0: none). */
    private record SessionPage(List<EditingSession> sessions, boolean complete, long next) {
    }

    private Future<SessionPage> readSessions(String id, long atOrBefore, int limit, SessionGrouper grouper,
            List<EditingSession> out, int rowsRead) {
        if (atOrBefore < 1) {
            EditingSession last = grouper.finish();
            if (last != null) {
                out.add(last);
            }
            return Future.succeededFuture(new SessionPage(out, true, 0));
        }
        if (rowsRead >= SESSION_ROW_BUDGET) {
            EditingSession open = grouper.finish();
            if (open != null) {
                out.add(open);
                return Future.succeededFuture(new SessionPage(out, false, open.fromRev() - 1));
            }
            return Future.succeededFuture(new SessionPage(out, true, atOrBefore));
        }
        return ctx.history().timeline(id, atOrBefore, TIMELINE_PAGE).compose(rows -> {
            long next = atOrBefore;
            for (HistoryEntry e : rows) {
                EditingSession closed = grouper.add(e);
                if (closed != null) {
                    out.add(closed);
                    if (out.size() == limit) {
                        return Future.succeededFuture(new SessionPage(out, true, closed.fromRev() - 1));
                    }
                }
                next = e.firstRev() - 1;
            }
            return readSessions(id, rows.isEmpty() ? 0 : next, limit, grouper, out, rowsRead + rows.size());
        });
    }

    private Future<Map<String, Author>> authorsOf(String id, List<EditingSession> sessions) {
        Set<String> clients = new HashSet<>();
        sessions.forEach(s -> clients.addAll(s.revisionsByClient().keySet()));
        return ctx.history().authors(id, clients);
    }

    /** {@code client}, and where known the name, colour and user; a client never recorded shows as its id. */
    private static ObjectNode author(ObjectNode o, String clientId, Author a) {
        o.put("client", clientId);
        o.put("name", a == null || a.name() == null ? clientId : a.name());
        o.put("color", a == null ? null : a.color());
        o.put("user", a == null ? null : a.userId());
        return o;
    }

    // ---------------------------------------------------------------- named versions

    private void versions(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        long before;
        int limit;
        try {
            before = queryLong(rc, "before", 0, Long.MAX_VALUE, Long.MAX_VALUE);
            limit = (int) queryLong(rc, "limit", 1, 1000, 100);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        reader.head(id).compose(head -> ctx.history().namedVersions(id, before, limit)).onSuccess(list -> {
            ObjectNode out = JSON.createObjectNode().put("id", id);
            ArrayNode versions = out.putArray("versions");
            list.forEach(v -> version(versions.addObject(), v));
            if (list.size() == limit) {
                out.put("next", list.get(list.size() - 1).rev() - 1);
            } else {
                out.putNull("next");
            }
            send(rc, 200, out);
        }).onFailure(e -> fail(rc, e));
    }

    private static ObjectNode version(ObjectNode o, NamedVersion v) {
        o.put("rev", v.rev()).put("name", v.name()).put("createdAt", v.createdAt().toString());
        if (v.by() == null) {
            o.putNull("by");
        } else {
            ObjectNode by = o.putObject("by").put("client", v.by().clientId()).put("name", v.by().name())
                    .put("color", v.by().color()).put("user", v.by().userId());
            if (v.by().clientId() == null) {
                by.remove("client");
            }
        }
        return o;
    }

    private void nameVersion(RoutingContext rc) {
        String id = docId(rc);
        JsonNode in = id == null ? null : jsonBody(rc);
        if (in == null) {
            return;
        }
        String name;
        Long rev;
        Author by;
        try {
            name = versionName(in.get("name"));
            rev = in.hasNonNull("rev") ? requiredLong(in, "rev", 0) : null;
            by = author(in, false);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        reader.head(id).compose(head -> {
            long at = rev == null ? head.rev() : rev;
            if (at > head.rev()) {
                return Future.failedFuture(new TandemException(ErrorCode.REVISION_IN_FUTURE,
                        "revision " + at + " is after the head " + head.rev()));
            }
            return ctx.history().nameVersion(id, at, name, by);
        }).onSuccess(v -> send(rc, 201, version(JSON.createObjectNode().put("id", id), v)))
                .onFailure(e -> fail(rc, e));
    }

    /** 1 to {@value #MAX_VERSION_NAME} code points after trimming, no control characters. */
    static String versionName(JsonNode n) {
        if (n == null || !n.isTextual()) {
            throw malformed("field \"name\" must be a string");
        }
        String name = n.textValue().strip();
        int length = name.codePointCount(0, name.length());
        if (length < 1 || length > MAX_VERSION_NAME) {
            throw malformed("a version name has 1 to " + MAX_VERSION_NAME + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw malformed("a version name has no control characters");
        }
        return name;
    }

    /**
     * Who is asking, from the body's {@code client} (a client id) and {@code user} ({@code name},
     * {@code color}); null if neither is given and {@code required} is false. The user id comes
     * from the access token once tokens exist; until then it is null.
     */
    private static Author author(JsonNode in, boolean required) {
        JsonNode c = in.get("client");
        String client = null;
        if (c != null && !c.isNull()) {
            if (!c.isTextual() || !ClientCodec.CLIENT_ID.matcher(c.textValue()).matches()) {
                throw malformed("client must be 8 to 64 characters of A-Z a-z 0-9 _ -");
            }
            client = c.textValue();
        } else if (required) {
            throw malformed("field \"client\" is required");
        }
        User user = ClientCodec.user(in.get("user"));
        if (client == null && (user == null || user.name() == null)) {
            return null;
        }
        return new Author(client, user == null ? null : user.name(), user == null ? null : user.color(), null);
    }

    private void deleteVersion(RoutingContext rc) {
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
            fail(rc, malformed("revision must be a non-negative integer"));
            return;
        }
        reader.head(id).compose(head -> ctx.history().deleteVersion(id, rev)).compose(deleted -> deleted
                ? Future.succeededFuture()
                : Future.failedFuture(new TandemException(ErrorCode.VERSION_NOT_FOUND,
                        "revision " + rev + " of " + id + " has no name")))
                .onSuccess(v -> send(rc, 200, JSON.createObjectNode().put("id", id).put("rev", rev).put("deleted", true)))
                .onFailure(e -> fail(rc, e));
    }

    // ---------------------------------------------------------------- restore

    /**
     * Restores revision {@code rev} as one new revision by {@code client}/{@code seq}: the type's
     * diff from the current content to the old, submitted like any edit (edits made meanwhile are
     * transformed as usual and stay; a resubmission is recognised by its seq).
     */
    private void restore(RoutingContext rc) {
        String id = docId(rc);
        JsonNode in = id == null ? null : jsonBody(rc);
        if (in == null) {
            return;
        }
        long rev;
        long seq;
        Author by;
        try {
            rev = requiredLong(in, "rev", 0);
            seq = requiredLong(in, "seq", 1);
            by = author(in, true);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        // A retry of a restore already committed is answered as such, even though the content
        // now equals the old version (so the diff changes nothing).
        ctx.store().submissionRevision(id, by.clientId(), seq).compose(done -> done.isPresent()
                ? Future.succeededFuture(JSON.createObjectNode().put("rev", done.get()).put("duplicate", true)
                        .put("restored", rev).put("changed", true))
                : restore(id, rev, seq, by)).onSuccess(out -> send(rc, 200, out)).onFailure(e -> fail(rc, e));
    }

    private Future<ObjectNode> restore(String id, long rev, long seq, Author by) {
        return ctx.sequencers().open(id, -1).compose(current -> reader.at(id, rev).compose(old -> {
            Operation op = diff(old.type(), current.snapshot(), old.content());
            if (isNoop(old.type(), op)) {
                return Future.succeededFuture(JSON.createObjectNode().put("rev", current.rev()).put("duplicate", false)
                        .put("restored", rev).put("changed", false));
            }
            return ctx.sequencers().submit(id, new Submission(by.clientId(), seq, current.rev(), op)).map(r -> {
                if (by.name() != null) {
                    recordAuthor(id, by);
                }
                return JSON.createObjectNode().put("rev", r.rev()).put("duplicate", r.duplicate()).put("restored", rev)
                        .put("changed", true);
            });
        }));
    }

    private void recordAuthor(String id, Author by) {
        ctx.history().recordAuthor(id, by).onFailure(e -> { /* the edit stands; its author shows as the client id */ });
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> Operation diff(DocumentType<O> type, String from, String to) {
        return type.diff(from, to);
    }

    @SuppressWarnings("unchecked")
    private static <O extends Operation> boolean isNoop(DocumentType<O> type, Operation op) {
        return type.isNoop((O) op);
    }

    // ---------------------------------------------------------------- changes, diff, authorship

    /**
     * {@code ?from=&to=}: the operation from revision {@code from} to {@code to} in the type's
     * form; {@code diff} is the type's diff of the two contents (any order: to restore {@code to}
     * on {@code from}), {@code changes} the stored operations composed ({@code from <= to}).
     */
    private void between(RoutingContext rc, boolean diff) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        long from;
        long to;
        try {
            if (rc.queryParam("from").isEmpty() || rc.queryParam("to").isEmpty()) {
                throw malformed("query parameters from and to are required");
            }
            from = queryLong(rc, "from", 0, Long.MAX_VALUE, 0);
            to = queryLong(rc, "to", diff ? 0 : from, Long.MAX_VALUE, 0);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        Future<Operation> op = diff ? reader.diff(id, from, to) : reader.changes(id, from, to, MAX_COMPOSED);
        op.onSuccess(o -> {
            ObjectNode out = JSON.createObjectNode().put("id", id).put("from", from).put("to", to);
            out.putRawValue("op", new RawValue(o.toJson()));
            send(rc, 200, out);
        }).onFailure(e -> fail(rc, e));
    }

    private void authorship(RoutingContext rc) {
        String id = docId(rc);
        if (id == null) {
            return;
        }
        long asked;
        try {
            asked = queryLong(rc, "rev", 0, Long.MAX_VALUE, -1);
        } catch (TandemException e) {
            fail(rc, e);
            return;
        }
        reader.head(id).compose(head -> reader.authorship(id, asked < 0 ? head.rev() : asked, AUTHORSHIP_REPLAY))
                .compose(view -> {
                    Set<String> clients = new HashSet<>();
                    view.runs().forEach(r -> {
                        if (r.clientId() != null) {
                            clients.add(r.clientId());
                        }
                    });
                    return ctx.history().authors(id, clients).map(authors -> {
                        ObjectNode out = JSON.createObjectNode().put("id", id).put("rev", view.rev()).put("from", view.from());
                        ArrayNode spans = out.putArray("spans");
                        for (AuthorshipView.Run r : view.runs()) {
                            spans.addObject().put("start", r.start()).put("length", r.length()).put("client", r.clientId());
                        }
                        ObjectNode who = out.putObject("authors");
                        for (String c : new TreeSet<>(clients)) {
                            ObjectNode a = author(JSON.createObjectNode(), c, authors.get(c));
                            a.remove("client");
                            who.set(c, a);
                        }
                        return out;
                    });
                }).onSuccess(out -> send(rc, 200, out)).onFailure(e -> fail(rc, e));
    }

    /** Goes on for a caller whose token gives a role for the document of the path (an editor's, with {@code write}); else 401 or 403. */
    private io.vertx.core.Handler<RoutingContext> role(boolean write) {
        return rc -> access.principal(rc).onFailure(e -> RestApi.fail(rc, e)).onSuccess(caller -> {
            String id = rc.pathParam("id");
            dev.tandem.access.Role role = caller.roleFor(id);
            if (role == null || (write && !role.canEdit())) {
                RestApi.fail(rc, RestApi.forbidden(caller, id, role, write), 403);
                return;
            }
            rc.next();
        });
    }
}
