// An invalid operation, caret or edit. `code` is one of the stable OtError names of the Java
// core (MALFORMED_OPERATION, UNKNOWN_COMPONENT, NON_POSITIVE_LENGTH, LONE_SURROGATE,
// BASE_LENGTH_MISMATCH, PAST_END, POSITION_OUT_OF_RANGE, TOO_LONG, COMPOSE_MISMATCH,
// TRANSFORM_MISMATCH), so both sides report the same problem the same way.
export class OtError extends Error {
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = 'OtError';
    this.code = code;
  }
}
