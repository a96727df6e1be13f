package dev.tandem.ot;

/**
 * Stable codes for every way an operation, a caret or a document edit can be invalid.
 *
 * <p>The names are part of the wire protocol: clients match on them, so a code is never renamed.
 */
public enum OtError {
    /** The input is not an operation at all (not an array, not JSON, null). */
    MALFORMED_OPERATION,
    /** A component is neither an integer nor a string (a boolean, an object, a fraction...). */
    UNKNOWN_COMPONENT,
    /** A retain or delete of zero, or an empty insert: every component must do something. */
    NON_POSITIVE_LENGTH,
    /** Inserted text contains a surrogate half without its partner. */
    LONE_SURROGATE,
    /** The operation covers fewer code points than the document has. */
    BASE_LENGTH_MISMATCH,
    /** A retain or delete reaches past the end of the document. */
    PAST_END,
    /** A caret or selection lies outside the document. */
    POSITION_OUT_OF_RANGE,
    /** Lengths add up to more than a document can hold (2^31 - 1 code points). */
    TOO_LONG,
    /** compose(a, b) where b does not start from the text a produces. */
    COMPOSE_MISMATCH,
    /** transform(a, b) where a and b do not start from the same text. */
    TRANSFORM_MISMATCH,
    /** A document type that this server or client does not know. */
    UNKNOWN_TYPE,
    /** A rich-text edit whose boundary falls between the two halves of a surrogate pair. */
    SPLITS_SURROGATE_PAIR,
    /** A rich-text attribute that is not on the allow-list. */
    UNKNOWN_ATTRIBUTE,
    /** A known rich-text attribute with a value it does not allow (a javascript: link, header 9...). */
    INVALID_ATTRIBUTE,
    /** A rich-text embed kind that is not on the allow-list. */
    UNKNOWN_EMBED,
    /** A known rich-text embed with a value it does not allow (an image that is not an http(s) URL...). */
    INVALID_EMBED,
    /** An operation larger than the type's limits allow (too many parts, too much inserted at once). */
    OPERATION_TOO_LARGE,
    /** A stored snapshot that is not a document (a rich-text snapshot holds inserts only). */
    NOT_A_DOCUMENT,
    /** A canvas snapshot that is not one (not JSON, a missing parent, an object twice...). */
    MALFORMED_SNAPSHOT,
    /** A canvas object id that is not 1-64 characters of {@code [A-Za-z0-9_-]}. */
    INVALID_OBJECT_ID,
    /** A canvas object kind that the schema does not know. */
    UNKNOWN_KIND,
    /** A canvas property that the schema does not know. */
    UNKNOWN_PROPERTY,
    /** A canvas property value of the wrong type or out of its range (NaN, Infinity, a bad colour...). */
    INVALID_PROPERTY_VALUE,
    /** A text edit of a canvas property that is not text. */
    NOT_A_TEXT_PROPERTY,
    /** A canvas string property longer than its limit (also when edits make it so). */
    PROPERTY_TOO_LONG,
    /** A fractional index that is not a valid key, or longer than its limit. */
    INVALID_INDEX,
    /** More canvas objects than a document may hold. */
    TOO_MANY_OBJECTS,
    /** Canvas frames nested deeper than the limit. */
    TOO_DEEP,
    /** More changes in one canvas operation than the limit. */
    BATCH_TOO_LARGE,
    /** More properties on one canvas object than the limit. */
    TOO_MANY_PROPERTIES
}
