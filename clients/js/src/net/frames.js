// Server frames are JSON arrays of messages (PROTOCOL.md, "Frames"). A lone object is accepted
// too, so that a server that forgets to batch does not lose a message.

/** The messages of one frame; throws on text that is not JSON. */
export function decodeFrame(text) {
  const value = JSON.parse(text);
  const list = Array.isArray(value) ? value : [value];
  return list.filter((m) => m !== null && typeof m === 'object' && typeof m.type === 'string');
}

/** One client frame: a message object, or several as an array. */
export function encodeFrame(messages) {
  return JSON.stringify(Array.isArray(messages) && messages.length === 1 ? messages[0] : messages);
}
