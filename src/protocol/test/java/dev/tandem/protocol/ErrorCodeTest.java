package dev.tandem.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    /**
     * The numbers are part of the cluster's wire format: a node of another version must read the
     * same number as the same code. This table may only grow; changing a line breaks rolling upgrades.
     */
    @Test
    void everyCodeKeepsItsNumberForever() {
        Map<String, Integer> pinned = new LinkedHashMap<>();
        pinned.put("MALFORMED_MESSAGE", 1);
        pinned.put("UNKNOWN_MESSAGE_TYPE", 2);
        pinned.put("UNSUPPORTED_VERSION", 3);
        pinned.put("HELLO_REQUIRED", 4);
        pinned.put("MESSAGE_TOO_LARGE", 5);
        pinned.put("INVALID_DOCUMENT_ID", 6);
        pinned.put("DOCUMENT_NOT_FOUND", 7);
        pinned.put("DOCUMENT_EXISTS", 8);
        pinned.put("DOCUMENT_NOT_OPEN", 9);
        pinned.put("TOO_MANY_DOCUMENTS", 10);
        pinned.put("INVALID_OPERATION", 11);
        pinned.put("OPERATION_DOES_NOT_FIT", 12);
        pinned.put("REVISION_IN_FUTURE", 13);
        pinned.put("REVISION_TOO_OLD", 14);
        pinned.put("STALE_SEQUENCE", 15);
        pinned.put("DOCUMENT_TOO_LARGE", 16);
        pinned.put("RATE_LIMITED", 17);
        pinned.put("SLOW_CONSUMER", 18);
        pinned.put("UNAVAILABLE", 19);
        pinned.put("INTERNAL_ERROR", 20);
        pinned.put("TYPE_MISMATCH", 21);
        pinned.put("UNKNOWN_DOCUMENT_TYPE", 22);
        pinned.put("UNAUTHENTICATED", 23);
        pinned.put("TOKEN_EXPIRED", 24);
        pinned.put("FORBIDDEN", 25);
        pinned.put("ORIGIN_NOT_ALLOWED", 26);
        pinned.put("TOO_MANY_CONNECTIONS", 27);
        pinned.put("HELLO_TIMEOUT", 28);
        pinned.put("OPERATION_TOO_LARGE", 29);
        pinned.put("MESSAGE_FLOOD", 30);
        pinned.put("PRESENCE_FLOOD", 31);
        pinned.put("UNSUPPORTED_MEDIA_TYPE", 32);
        pinned.put("VERSION_NOT_FOUND", 33);
        pinned.put("REVISION_COMPACTED", 34);
        Map<String, Integer> actual = new LinkedHashMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            actual.put(c.name(), c.number());
        }
        assertEquals(pinned, actual, "error code numbers are pinned; add new codes with new numbers at the end of this table");
    }

    @Test
    void failureCodesRoundTripAndUnknownOnesReadAsInternalError() {
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(c, ErrorCode.fromFailureCode(c.failureCode()));
        }
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.fromFailureCode(-1));
        assertEquals(ErrorCode.INTERNAL_ERROR, ErrorCode.fromFailureCode(ErrorCode.FAILURE_BASE + 999));
        assertNull(ErrorCode.byName("A_CODE_FROM_THE_FUTURE"));
        assertEquals(ErrorCode.RATE_LIMITED, ErrorCode.byName("RATE_LIMITED"));
    }
}
