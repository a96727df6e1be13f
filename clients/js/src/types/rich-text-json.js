// The wire form of rich-text deltas (PROTOCOL.md, "rich-text"): `{"ops": [...]}`, each part
// exactly one of insert (a non-empty string, or an embed: an object with one key), retain or
// delete (a positive integer), with optional attributes (not on a delete). Read strictly, as the
// server reads them, and brought to quill-delta's normal form; written with attribute names in
// order, as the server writes them, so that equal documents have equal JSON.

import Delta from 'quill-delta';
import { OtError } from '../ot/ot-error.js';

/** @returns {v is Record<string, any>} */
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isLength = (v) => Number.isSafeInteger(v) && v > 0;

/**
 * A Delta from its wire form; throws OtError on a malformed one.
 * @param {unknown} json
 * @returns {Delta}
 */
export function deltaFromJSON(json) {
  if (!isObject(json) || !Array.isArray(json.ops)) throw new OtError('MALFORMED_OPERATION', 'a delta is an object {"ops": [...]}');
  const delta = new Delta();
  for (const part of json.ops) delta.push(readPart(part));
  return delta.chop();
}

function readPart(part) {
  if (!isObject(part)) throw new OtError('MALFORMED_OPERATION', 'a delta part is an object');
  const kinds = ['insert', 'retain', 'delete'].filter((k) => k in part);
  if (kinds.length !== 1) throw new OtError('MALFORMED_OPERATION', 'a delta part has exactly one of insert, retain and delete');
  for (const key of Object.keys(part)) {
    if (key !== kinds[0] && key !== 'attributes') throw new OtError('MALFORMED_OPERATION', `unknown field ${key} in a delta part`);
  }
  const attributes = part.attributes === undefined ? undefined : readAttributes(part.attributes, kinds[0]);
  if (kinds[0] === 'insert') {
    const value = part.insert;
    const embed = isObject(value) && Object.keys(value).length === 1;
    if (!(typeof value === 'string' && value.length > 0) && !embed) {
      throw new OtError('MALFORMED_OPERATION', 'an insert is a non-empty string or an embed');
    }
    return withAttributes({ insert: embed ? { ...value } : value }, attributes);
  }
  const n = part[kinds[0]];
  if (!isLength(n)) throw new OtError('NON_POSITIVE_LENGTH', `${kinds[0]} takes a positive integer`);
  if (kinds[0] === 'delete') {
    if (attributes !== undefined) throw new OtError('MALFORMED_OPERATION', 'a delete has no attributes');
    return { delete: n };
  }
  return withAttributes({ retain: n }, attributes);
}

function readAttributes(attributes, kind) {
  if (!isObject(attributes)) throw new OtError('MALFORMED_OPERATION', 'attributes are an object');
  const out = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      throw new OtError('MALFORMED_OPERATION', `attribute ${name} is not a string, number, boolean or null`);
    }
    if (value === null && kind === 'insert') continue; // nothing to remove on new text (as the server reads it)
    out[name] = value;
  }
  return out;
}

function withAttributes(op, attributes) {
  if (attributes && Object.keys(attributes).length > 0) op.attributes = attributes;
  return op;
}

/**
 * The wire form of `delta`: each part's kind, then its attributes in the order of their names.
 * @param {Delta} delta
 */
export function deltaToJSON(delta) {
  return {
    ops: delta.ops.map((op) => {
      const out = op.insert !== undefined ? { insert: op.insert } : op.retain !== undefined ? { retain: op.retain } : { delete: op.delete };
      if (op.attributes) {
        const attributes = {};
        for (const name of Object.keys(op.attributes).sort()) attributes[name] = op.attributes[name];
        out.attributes = attributes;
      }
      return out;
    }),
  };
}
