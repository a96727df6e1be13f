package dev.tandem.ot.richtext;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.ot.Selections;

/**
 * Rich text as Quill edits it: operations and snapshots are Quill Deltas
 * ({@code {"ops":[...]}}), lengths are UTF-16 units, attributes and embeds come from an
 * allow-list ({@link AttributeKind}, {@link Embed.Kind}), and the algebra is quill-delta's.
 */
public final class RichTextType implements DocumentType<Delta> {
    public static final String NAME = "rich-text";
    public static final RichTextType INSTANCE = new RichTextType(RichTextLimits.DEFAULTS);

    /** Snapshots are whole documents, not edits: only the document-size limit bounds them. */
    private static final RichTextLimits SNAPSHOT_LIMITS = new RichTextLimits(Integer.MAX_VALUE, Integer.MAX_VALUE);

    private final RichTextLimits limits;

    public RichTextType(RichTextLimits limits) {
        this.limits = limits;
    }

    public RichTextLimits limits() {
        return limits;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<Delta> operationClass() {
        return Delta.class;
    }

    /** Quill's empty document: a single newline. */
    @Override
    public String emptySnapshot() {
        return "{\"ops\":[{\"insert\":\"\\n\"}]}";
    }

    @Override
    public RichTextDocument open(String snapshot) {
        return RichTextDocument.of(DeltaJson.parse(snapshot, SNAPSHOT_LIMITS));
    }

    @Override
    public Delta parse(JsonNode json) {
        return DeltaJson.read(json, limits);
    }

    @Override
    public Delta parse(String json) {
        return DeltaJson.parse(json, limits);
    }

    /**
     * {@code op} past {@code other}; {@link Side#LEFT} gives {@code op} the tie: its insert comes
     * first, and where both set one attribute its value stays. In quill-delta terms this is
     * {@code other.transform(op, side == RIGHT)}: there {@code priority} is for {@code other}.
     */
    @Override
    public Delta transform(Delta op, Delta other, Side side) {
        return other.transform(op, side == Side.RIGHT);
    }

    /**
     * Where {@code position} is after {@code op}. {@link Side#LEFT}: text {@code op} inserts exactly
     * at the position goes after it (the position stays); {@link Side#RIGHT}: the position moves
     * past that text. In quill-delta terms, {@code op.transformPosition(position, side == LEFT)}.
     */
    public int transformPosition(int position, Delta op, Side side) {
        return op.transformPosition(position, side == Side.LEFT);
    }

    @Override
    public Delta compose(Delta first, Delta second) {
        return first.compose(second);
    }

    @Override
    public boolean isNoop(Delta op) {
        return op.isNoop();
    }

    /** A delta may stop before the end of its document, so it does not fix the size: -1. */
    @Override
    public long baseSize(Delta op) {
        return -1;
    }

    /** The size after {@code op}, or -1 if it reaches past a document of {@code sizeBefore}. */
    @Override
    public long sizeAfter(Delta op, long sizeBefore) {
        return op.baseExtent() > sizeBefore ? -1 : sizeBefore + op.changeLength();
    }

    /** Inserts (text or an embed) are added units; a retain that only reformats keeps its units. */
    @Override
    public boolean walk(Delta op, dev.tandem.ot.SequenceEdits edits) {
        for (DeltaOp d : op.ops()) {
            if (d.isInsert()) {
                edits.insert(d.length());
            } else if (d instanceof DeltaOp.Delete) {
                edits.delete(d.length());
            } else {
                edits.retain(d.length());
            }
        }
        return true;
    }

    @Override
    public boolean invertible() {
        return true;
    }

    @Override
    public Delta invert(Delta op, Document<Delta> before) {
        if (!(before instanceof RichTextDocument doc)) {
            throw new OtException(OtError.MALFORMED_OPERATION, "not a rich-text document: " + before);
        }
        doc.check(op);
        return op.invert(doc::sliceOps);
    }

    /** The change that turns document {@code from} into document {@code to} (to restore an old version). */
    public Delta diff(Delta from, Delta to) {
        return DocumentDiff.diff(from, to);
    }

    @Override
    public Delta diff(String from, String to) {
        return diff(DeltaJson.parse(from, SNAPSHOT_LIMITS), DeltaJson.parse(to, SNAPSHOT_LIMITS));
    }

    @Override
    public java.util.Map<String, String> exportFormats() {
        return java.util.Map.of("text", "text/plain; charset=utf-8", "html", "text/html; charset=utf-8",
                "markdown", "text/markdown; charset=utf-8");
    }

    /** Plain text, sanitised HTML (allow-listed formats only) or Markdown. */
    @Override
    public String export(String stored, String format) {
        Delta doc = DeltaJson.parse(stored, SNAPSHOT_LIMITS);
        return switch (format) {
            case "text" -> doc.plainText();
            case "html" -> HtmlExport.html(doc);
            case "markdown" -> MarkdownExport.markdown(doc);
            default -> DocumentType.super.export(stored, format);
        };
    }

    /** {@code [anchor, head]} in UTF-16 units, as Quill counts. */
    @Override
    public String checkSelection(JsonNode sel) {
        return Selections.range(sel, "UTF-16 units");
    }

    /**
     * A document delta (inserts only, formats allow-listed); Quill's documents end with a newline,
     * so one is added when it is missing.
     */
    @Override
    public String contentFromJson(JsonNode content) {
        Delta d = DeltaJson.read(content, SNAPSHOT_LIMITS);
        if (!d.isDocument()) {
            throw new OtException(OtError.NOT_A_DOCUMENT, "rich-text content holds inserts only");
        }
        if (!d.plainText().endsWith("\n")) {
            d = d.compose(Delta.builder().retain((int) d.length()).insert("\n").build());
        }
        return RichTextDocument.of(d).snapshot();
    }
}
