package dev.tandem.ot;

/** An immutable operation of some {@link DocumentType}. */
public interface Operation {

    /** The wire and storage form, as JSON text. */
    String toJson();
}
