package dev.tandem.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tandem.ot.DocumentType;
import dev.tandem.ot.DocumentTypes;
import dev.tandem.ot.Operation;
import dev.tandem.ot.OtError;
import dev.tandem.ot.OtException;
import dev.tandem.protocol.ErrorCode;
import dev.tandem.protocol.TandemException;

/** Reads a client's operation in its document's type, over WebSocket and REST alike. */
final class Operations {
    private Operations() {
    }

    /**
     * {@code json} as an operation of {@code type}. An operation of another known type is
     * {@code TYPE_MISMATCH}; anything else that is not an operation is {@code INVALID_OPERATION}
     * with the OT code as detail.
     */
    static Operation parse(DocumentTypes types, DocumentType<?> type, JsonNode json) {
        if (json == null || json.isNull()) {
            throw new TandemException(ErrorCode.INVALID_OPERATION, "field \"op\" is missing",
                    OtError.MALFORMED_OPERATION.name());
        }
        try {
            return type.parse(json);
        } catch (OtException e) {
            for (DocumentType<?> other : types.all()) {
                if (other != type && parses(other, json)) {
                    throw new TandemException(ErrorCode.TYPE_MISMATCH, "a " + other.name()
                            + " operation was sent to a " + type.name() + " document");
                }
            }
            throw new TandemException(ErrorCode.INVALID_OPERATION, e.getMessage(), e.code().name());
        }
    }

    private static boolean parses(DocumentType<?> type, JsonNode json) {
        try {
            type.parse(json);
            return true;
        } catch (OtException e) {
            return false;
        }
    }
}
