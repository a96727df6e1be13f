package dev.tandem.load;

import dev.tandem.client.model.DocumentModel;
import dev.tandem.ot.text.Selection;
import dev.tandem.ot.text.TextOperation;

/** The client library's own {@link DocumentModel}: text, presence roster, everything a real client keeps. */
final class FullReplica implements Replica {
    private final DocumentModel<TextOperation, Selection> model;

    FullReplica(DocumentModel<TextOperation, Selection> model) {
        this.model = model;
    }

    @Override
    public String docId() {
        return model.docId();
    }

    @Override
    public boolean isLive() {
        return model.phase() == DocumentModel.Phase.LIVE;
    }

    @Override
    public int length() {
        return model.length();
    }

    @Override
    public int caret() {
        Selection sel = model.selection();
        int length = model.length();
        return sel == null ? length : Math.min(sel.head(), length);
    }

    @Override
    public void placeCaret(int position) {
        model.setSelection(Selection.caret(position), false);
    }

    @Override
    public void edit(TextOperation op) {
        model.edit(op);
    }

    @Override
    public long lastSeq() {
        return model.lastSeq();
    }

    @Override
    public long revision() {
        return model.revision();
    }

    @Override
    public boolean isSynced() {
        return model.isSynced();
    }

    @Override
    public String text() {
        return model.snapshot();
    }

    @Override
    public void movePresence(int position) {
        model.setSelection(Selection.caret(position), false);
        model.sendPresence();
    }
}
