// What a document type is to the client, after ShareDB's OT types (`ot-text-unicode`,
// `rich-text`): a plain object that names the type and does every type-specific thing the
// document client needs. The client holds no other knowledge of operations, snapshots or
// selections, so a type (rich text wrapping `quill-delta`, canvas) plugs in without touching it.

/**
 * @template S, O, Sel
 * @typedef {object} DocumentType
 * @property {string} name the type's name on the wire (`open.docType`, `opened.docType`)
 * @property {() => S} create the snapshot of a new, empty document (revision 0)
 * @property {(snapshot: S, op: O) => S} apply
 * @property {(op: O, other: O, side: 'left' | 'right') => O} transform `op` past concurrent
 *   `other`; where both insert at one place, the `left` side's insert goes first
 * @property {(left: O, right: O) => [O, O]} [transformX] both halves of one transform at once
 *   (`[transform(left, right, 'left'), transform(right, left, 'right')]`), when cheaper
 * @property {(a: O, b: O) => O} compose
 * @property {(op: O, snapshot: S) => O} [invert] the op that undoes `op` on `snapshot` (own-edit undo)
 * @property {(op: O) => boolean} isNoop
 * @property {(sel: Sel, op: O, isOwnOp?: boolean) => Sel} [transformSelection] moves a caret or
 *   selection through `op` (others' carets stay before text inserted at them)
 * @property {(sel: Sel, op: O) => Sel} [untransformSelection] moves a selection of the document
 *   `op` produced back to the one it applied to (presence while edits are unacknowledged)
 * @property {(json: unknown) => O} opFromJSON parses the wire form; throws on a malformed one
 * @property {(op: O) => unknown} opToJSON
 * @property {(json: unknown) => S} snapshotFromJSON
 * @property {(snapshot: S) => unknown} snapshotToJSON
 * @property {(json: unknown) => Sel | null} [selectionFromJSON] null for no caret or a malformed one
 * @property {(sel: Sel | null) => unknown} [selectionToJSON]
 * @property {boolean} [rebaseView] applying depends on the server's order (canvas): a view is
 *   rebuilt as the server's state with the pending operations on top instead of being moved
 *   along by transformed remote operations (see ../sync/doc-sync.js)
 * @property {boolean} [acksCarryOperation] the author's `ack` carries the operation as committed
 * @property {(op: O) => [O, O | null]} [split] an operation too large for one submission as the
 *   part to send now and the rest
 */

/**
 * The two halves of transforming concurrent `left` and `right` (same base): `left` goes first
 * where both insert at one place.
 * @template O
 * @param {DocumentType<any, O, any>} type
 * @param {O} left
 * @param {O} right
 * @returns {[O, O]} [left', right']
 */
export function transformPair(type, left, right) {
  if (type.transformX) return type.transformX(left, right);
  return [type.transform(left, right, 'left'), type.transform(right, left, 'right')];
}

/** @type {Map<string, DocumentType<any, any, any>>} */
const registry = new Map();

/**
 * Makes a type available by name to `TandemClient.open(id, { type: 'name' })`.
 * @param {DocumentType<any, any, any>} type
 */
export function registerType(type) {
  for (const fn of ['create', 'apply', 'transform', 'compose', 'isNoop', 'opFromJSON', 'opToJSON', 'snapshotFromJSON', 'snapshotToJSON']) {
    if (typeof type[fn] !== 'function') throw new TypeError(`document type ${type.name}: ${fn} is not a function`);
  }
  registry.set(type.name, type);
  return type;
}

/**
 * The registered type called `name`.
 * @param {string} name
 */
export function typeNamed(name) {
  const type = registry.get(name);
  if (!type) throw new Error(`no document type named ${name} (registerType it first)`);
  return type;
}
