// The one recovery policy of docs/PROTOCOL.md ("Errors and recovery"): what the client does after
// each error code. The same table as the Java client's (dev.tandem.protocol.ErrorCode); the tests
// hold this copy to the table the build exports from it (src/protocol/target/recovery/recovery.json).

/** Actions: 'retry', 'catch-up', 'reconnect', 'resync', 'stop', 'report', 'reauthenticate'. */
export const RECOVERY = Object.freeze({
  MALFORMED_MESSAGE: 'report',
  UNKNOWN_MESSAGE_TYPE: 'report',
  UNSUPPORTED_VERSION: 'stop',
  HELLO_REQUIRED: 'reconnect',
  MESSAGE_TOO_LARGE: 'resync',
  INVALID_DOCUMENT_ID: 'stop',
  DOCUMENT_NOT_FOUND: 'stop',
  DOCUMENT_EXISTS: 'stop',
  DOCUMENT_NOT_OPEN: 'catch-up',
  TOO_MANY_DOCUMENTS: 'stop',
  INVALID_OPERATION: 'resync',
  OPERATION_DOES_NOT_FIT: 'resync',
  REVISION_IN_FUTURE: 'resync',
  REVISION_TOO_OLD: 'resync',
  STALE_SEQUENCE: 'resync',
  DOCUMENT_TOO_LARGE: 'resync',
  RATE_LIMITED: 'retry',
  SLOW_CONSUMER: 'reconnect',
  UNAVAILABLE: 'catch-up',
  INTERNAL_ERROR: 'catch-up',
  TYPE_MISMATCH: 'stop',
  UNKNOWN_DOCUMENT_TYPE: 'stop',
  UNAUTHENTICATED: 'reauthenticate',
  TOKEN_EXPIRED: 'reauthenticate',
  FORBIDDEN: 'stop',
  ORIGIN_NOT_ALLOWED: 'stop',
  TOO_MANY_CONNECTIONS: 'reconnect',
  HELLO_TIMEOUT: 'reconnect',
  OPERATION_TOO_LARGE: 'resync',
  MESSAGE_FLOOD: 'reconnect',
  PRESENCE_FLOOD: 'reconnect',
  UNSUPPORTED_MEDIA_TYPE: 'report',
  VERSION_NOT_FOUND: 'stop',
  REVISION_COMPACTED: 'stop',
});

/** The action for an error message; a code this client does not know follows its `resync` flag. */
export function recoveryOf(msg) {
  return RECOVERY[msg.code] || (msg.resync ? 'resync' : 'report');
}

/** Catch-ups in a row for one failure before the client stops resubmitting and resyncs. */
export const MAX_CATCH_UPS = 5;
