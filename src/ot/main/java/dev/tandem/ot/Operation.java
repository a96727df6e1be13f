package dev.tandem.ot;

/** An immutable operation of some {@link DocumentType}. */
public interface Operation {

    /** The type this operation belongs to. */
    DocumentType<?> type();

    /** The wire and storage form, as JSON text. */
    String toJson();
}
