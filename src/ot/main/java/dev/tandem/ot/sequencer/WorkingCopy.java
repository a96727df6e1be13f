package dev.tandem.ot.sequencer;

import dev.tandem.ot.Document;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.Operation;

/**
 * A document of some type and the type's algebra, taking operations untyped: the one place where
 * the sequencer's {@link Operation}s are cast to the type's own class (checked, so an operation
 * of another type is caught, not misapplied).
 */
final class WorkingCopy<O extends Operation> {
    final DocumentType<O> type;
    private final Document<O> document;

    private WorkingCopy(DocumentType<O> type, String snapshot) {
        this.type = type;
        this.document = type.open(snapshot);
    }

    static <T extends Operation> WorkingCopy<T> open(DocumentType<T> type, String snapshot) {
        return new WorkingCopy<>(type, snapshot);
    }

    boolean accepts(Operation op) {
        return type.operationClass().isInstance(op);
    }

    /** {@code op} transformed past {@code committed}, ties going to {@code op} (the later submission). */
    Operation transform(Operation op, Operation committed) {
        return type.transform(cast(op), cast(committed), DocumentType.Side.LEFT);
    }

    /** Applies {@code op}; returns it as applied. */
    Operation apply(Operation op) {
        return document.apply(cast(op));
    }

    long baseSize(Operation op) {
        return type.baseSize(cast(op));
    }

    long sizeAfter(Operation op) {
        return type.sizeAfter(cast(op), document.size());
    }

    long size() {
        return document.size();
    }

    String snapshot() {
        return document.snapshot();
    }

    private O cast(Operation op) {
        return type.operationClass().cast(op);
    }
}
