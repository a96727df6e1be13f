package dev.tandem.load;

import dev.tandem.client.model.DocumentModel;
import dev.tandem.ot.Operation;
import dev.tandem.ot.text.Selection;

/** The client library's own {@link DocumentModel}: content, presence roster, everything a real client keeps. */
final class FullReplica<O extends Operation> implements Replica {
    private final DocumentModel<O, Selection> model;
    private final Typing<O> typing;

    FullReplica(DocumentModel<O, Selection> model, Typing<O> typing) {
        this.model = model;
        this.typing = typing;
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
    public boolean canEdit() {
        DocumentModel.Phase phase = model.phase();
        return model.revision() >= 0 && phase != DocumentModel.Phase.CLOSING && phase != DocumentModel.Phase.CLOSED;
    }

    @Override
    public int length() {
        return model.length();
    }

    @Override
    public int caret() {
        Selection sel = model.selection();
        int max = typing.maxCaret(model.length());
        return sel == null ? max : Math.min(sel.head(), max);
    }

    @Override
    public void placeCaret(int position) {
        model.setSelection(Selection.caret(Math.min(position, typing.maxCaret(model.length()))), false);
    }

    @Override
    public void type(String s) {
        model.edit(typing.insert(length(), caret(), s));
    }

    @Override
    public void backspace() {
        int caret = caret();
        if (caret > 0) {
            model.edit(typing.delete(length(), caret - 1, 1));
        }
    }

    @Override
    public void format(int count, String attribute, boolean on) {
        int caret = caret();
        int from = Math.max(0, caret - count);
        if (caret > from) {
            model.edit(typing.format(length(), from, caret - from, attribute, on));
        }
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
