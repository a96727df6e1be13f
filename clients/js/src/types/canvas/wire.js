// Reading the canvas type's JSON forms strictly, as the Java core's CanvasJson and
// CanvasSnapshots do: every id, kind, index and value is checked, unknown keys are refused rather
// than ignored, and each problem has the same OtError code as on the server.

import { OtError } from '../../ot/ot-error.js';
import { TextOperation } from '../../ot/text-operation.js';
import { checkId, checkKind, checkValue, checkSize, checkEditable, typeOf, printable } from './schema.js';
import { validateIndex } from './fractional-index.js';
import { CanvasOperation, createChange, deleteChange, setChange, moveChange, editChange, propsToJSON } from './operation.js';

const VERBS = ['create', 'delete', 'set', 'move', 'edit'];
const has = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const malformed = (message) => new OtError('MALFORMED_OPERATION', message);

/** Stored documents are read under no size limit: one saved under larger limits still opens. */
const UNLIMITED = Object.freeze({ maxPoints: Number.MAX_SAFE_INTEGER, maxTextLength: Number.MAX_SAFE_INTEGER, maxStringLength: Number.MAX_SAFE_INTEGER });

/** Reads an operation ({"changes": [...]}) from parsed JSON; throws an OtError naming the first problem. */
export function readOperation(json, limits) {
  if (!isObject(json)) throw malformed('a canvas operation must be a JSON object {"changes":[...]}');
  onlyKeys(json, 'operation', ['changes']);
  const changes = json.changes;
  if (!Array.isArray(changes)) throw malformed('a canvas operation needs "changes": an array');
  if (changes.length > limits.maxChanges) {
    throw new OtError('BATCH_TOO_LARGE', `an operation has ${changes.length} changes; the limit is ${limits.maxChanges}`);
  }
  return new CanvasOperation(changes.map((c, i) => readChange(c, i, limits)));
}

function readChange(c, i, limits) {
  if (!isObject(c)) throw malformed(`change ${i} is not a JSON object`);
  let verb = null;
  for (const v of VERBS) {
    if (has(c, v)) {
      if (verb !== null) throw malformed(`change ${i} is both a ${verb} and a ${v}`);
      verb = v;
    }
  }
  if (verb === null) throw malformed(`change ${i} has none of create, delete, set, move, edit`);
  const what = `change ${i} (${verb})`;
  const id = readId(c[verb], what);
  switch (verb) {
    case 'create': {
      onlyKeys(c, what, ['create', 'kind', 'parent', 'index', 'props']);
      if (typeof c.kind !== 'string') throw new OtError('UNKNOWN_KIND', `${what} needs "kind": a string`);
      const props = has(c, 'props') ? readProps(c.props, what, limits) : {};
      checkKind(c.kind);
      const parent = readParent(c, what);
      return createChange(id, c.kind, parent, readIndex(c.index, what, limits), props);
    }
    case 'delete':
      onlyKeys(c, what, ['delete']);
      return deleteChange(id);
    case 'set': {
      onlyKeys(c, what, ['set', 'prop', 'value']);
      const prop = readProp(c.prop, what);
      if (!has(c, 'value')) throw malformed(`${what} needs "value" (null to unset)`);
      return setChange(id, prop, c.value === null ? null : readValue(prop, c.value, limits));
    }
    case 'move':
      onlyKeys(c, what, ['move', 'parent', 'index']);
      return moveChange(id, readParent(c, what), readIndex(c.index, what, limits));
    default: {
      onlyKeys(c, what, ['edit', 'prop', 'op']);
      const prop = readProp(c.prop, what);
      checkEditable(prop);
      return editChange(id, prop, TextOperation.fromJSON(c.op));
    }
  }
}

/** Reads property `name`'s value, checked against the schema and the length limits. */
export function readValue(name, v, limits) {
  typeOf(name);
  let value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new OtError('INVALID_PROPERTY_VALUE', `property "${name}" must be a finite number, got ${v}`);
    value = v;
  } else if (typeof v === 'string' || typeof v === 'boolean') {
    value = v;
  } else if (Array.isArray(v)) {
    if (v.length > 2 * limits.maxPoints) {
      throw new OtError('PROPERTY_TOO_LONG', `property "${name}" has ${v.length} coordinates; the limit is ${limits.maxPoints} points`);
    }
    v.forEach((x, i) => {
      if (typeof x !== 'number') throw new OtError('INVALID_PROPERTY_VALUE', `property "${name}": coordinate ${i} is not a number`);
    });
    value = v;
  } else {
    throw new OtError('INVALID_PROPERTY_VALUE', `property "${name}" must be a number, a string, a boolean or an array of numbers, got ${v === null ? 'null' : typeof v}`);
  }
  value = checkValue(name, value);
  checkSize(name, value, limits);
  return value;
}

function readProps(node, what, limits) {
  if (!isObject(node)) throw malformed(`${what}: "props" must be a JSON object`);
  const names = Object.keys(node);
  if (names.length > limits.maxProperties) {
    throw new OtError('TOO_MANY_PROPERTIES', `${what} has ${names.length} properties; the limit is ${limits.maxProperties}`);
  }
  const out = {};
  for (const k of names) {
    if (node[k] === null) throw new OtError('INVALID_PROPERTY_VALUE', `${what}: property "${printable(k)}" is null; leave it out instead`);
    out[k] = readValue(k, node[k], limits);
  }
  return out;
}

function readId(v, what) {
  if (typeof v !== 'string') throw new OtError('INVALID_OBJECT_ID', `${what}: the object id must be a string`);
  return checkId(v);
}

function readParent(c, what) {
  if (!has(c, 'parent')) throw malformed(`${what} needs "parent": an object id, or null for the root`);
  return c.parent === null ? null : readId(c.parent, `${what} parent`);
}

function readProp(v, what) {
  if (typeof v !== 'string') throw new OtError('UNKNOWN_PROPERTY', `${what} needs "prop": a property name`);
  typeOf(v);
  return v;
}

function readIndex(v, what, limits) {
  if (typeof v !== 'string') throw new OtError('INVALID_INDEX', `${what} needs "index": a fractional index string`);
  if (v.length > limits.maxIndexLength) {
    throw new OtError('INVALID_INDEX', `${what}: an index of ${v.length} characters; the limit is ${limits.maxIndexLength}`);
  }
  validateIndex(v);
  return v;
}

function onlyKeys(node, what, allowed) {
  for (const k of Object.keys(node)) {
    if (!allowed.includes(k)) throw malformed(`${what} has an unknown key "${printable(k)}"; allowed: ${allowed.join(', ')}`);
  }
}

/**
 * The objects of a snapshot ({"objects": [...]}), each checked as a create is; MALFORMED_SNAPSHOT
 * for anything wrong. Structure (parents, cycles) is checked by the document that takes them.
 */
export function readSnapshotObjects(json) {
  try {
    if (!isObject(json) || Object.keys(json).length !== 1 || !Array.isArray(json.objects)) {
      throw new OtError('MALFORMED_SNAPSHOT', 'a canvas snapshot is {"objects":[...]}');
    }
    return json.objects.map((o) => {
      if (!isObject(o)) throw new OtError('MALFORMED_SNAPSHOT', 'an object of the snapshot is not a JSON object');
      for (const k of Object.keys(o)) {
        if (!['id', 'kind', 'parent', 'index', 'props'].includes(k)) {
          throw new OtError('MALFORMED_SNAPSHOT', `unknown key "${printable(k)}" in a snapshot object`);
        }
      }
      for (const k of ['id', 'kind', 'index']) {
        if (typeof o[k] !== 'string') throw new OtError('MALFORMED_SNAPSHOT', `a snapshot object needs "${k}": a string`);
      }
      if (!has(o, 'parent') || !(o.parent === null || typeof o.parent === 'string')) {
        throw new OtError('MALFORMED_SNAPSHOT', `object ${printable(o.id)} needs "parent": an id or null`);
      }
      const props = {};
      if (has(o, 'props')) {
        if (!isObject(o.props)) throw new OtError('MALFORMED_SNAPSHOT', `object ${printable(o.id)}: props must be an object`);
        for (const [k, v] of Object.entries(o.props)) props[k] = readValue(k, v, UNLIMITED);
      }
      const c = createChange(o.id, o.kind, o.parent, o.index, props);
      return Object.freeze({ id: c.id, kind: c.kind, parent: c.parent, index: c.index, props: c.props });
    });
  } catch (e) {
    if (e instanceof OtError && e.code !== 'MALFORMED_SNAPSHOT') throw new OtError('MALFORMED_SNAPSHOT', `${e.code}: ${e.message}`);
    throw e;
  }
}

/** The snapshot form of `objects` (parents first, siblings in order). */
export function writeSnapshot(objects) {
  return {
    objects: objects.map((o) => ({ id: o.id, kind: o.kind, parent: o.parent, index: o.index, props: propsToJSON(o.props) })),
  };
}
