// The canvas schema in the browser: object ids, kinds, limits and what each property holds,
// checked on every value before it reaches a document. The twin of the Java core's CanvasIds,
// Kind, CanvasLimits and CanvasSchema (dev.tandem.ot.canvas): the same rules, in the same order,
// with the same OtError codes, so a batch this side accepts is one the server accepts.

import { OtError } from '../../ot/ot-error.js';
import { codePointLengthStrict, codePointLength } from '../../ot/code-points.js';

/** What an object is; fixed when it is created. Only a frame holds children. */
export const KINDS = Object.freeze(['rectangle', 'ellipse', 'line', 'arrow', 'text', 'sticky', 'frame']);

/** The limits of one canvas document (docs/CANVAS.md, "Limits and codes"). */
export const DEFAULT_LIMITS = Object.freeze({
  maxObjects: 100000,
  maxDepth: 16,
  maxChanges: 1000,
  maxProperties: 64,
  maxTextLength: 100000,
  maxStringLength: 1000,
  maxPoints: 10000,
  maxIndexLength: 1024,
});

export const MAX_ID_LENGTH = 64;
export const MAX_COORDINATE = 1e9;
export const MAX_CUSTOM_NUMBER = 9007199254740991;
export const CUSTOM_PREFIX = 'data-';
/** Most objects one person's presence may show selected. */
export const MAX_SELECTED = 500;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const COLOR = /^(?:#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})|none)$/;

/** @type {(min: number, max: number) => any} */
const number = (min, max) => ({ type: 'number', min, max });
/** Built-in properties, the same for every kind (a renderer ignores what does not apply). */
const SPECS = new Map(/** @type {[string, any][]} */ ([
  ['x', number(-MAX_COORDINATE, MAX_COORDINATE)],
  ['y', number(-MAX_COORDINATE, MAX_COORDINATE)],
  ['width', number(0, MAX_COORDINATE)],
  ['height', number(0, MAX_COORDINATE)],
  ['rotation', number(-360, 360)],
  ['opacity', number(0, 1)],
  ['strokeWidth', number(0, 1000)],
  ['fontSize', number(1, 1000)],
  ['fill', { type: 'color' }],
  ['stroke', { type: 'color' }],
  ['text', { type: 'text' }],
  ['name', { type: 'text' }],
  ['align', { type: 'choice', choices: ['left', 'center', 'right'] }],
  ['points', { type: 'points', max: MAX_COORDINATE }],
  ['locked', { type: 'boolean' }],
]));

export const isValidId = (id) => typeof id === 'string' && ID.test(id);

/** A short rendering of client input for error messages. */
export function printable(s) {
  if (typeof s !== 'string') return String(s);
  // eslint-disable-next-line no-control-regex
  const out = s.slice(0, 40).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return s.length > 40 ? `${out}...` : out;
}

/** Returns `id` if it has the shape of an object id; INVALID_OBJECT_ID otherwise. */
export function checkId(id) {
  if (!isValidId(id)) {
    throw new OtError('INVALID_OBJECT_ID', `object id "${printable(id)}" is not 1-${MAX_ID_LENGTH} characters of A-Z, a-z, 0-9, _ and -`);
  }
  return id;
}

/** Returns `name` if it is a kind; UNKNOWN_KIND otherwise. */
export function checkKind(name) {
  if (!KINDS.includes(name)) {
    throw new OtError('UNKNOWN_KIND', `unknown object kind "${printable(name)}"; known: ${KINDS.join(', ')}`);
  }
  return name;
}

export const isContainer = (kind) => kind === 'frame';

function isCustomName(name) {
  return typeof name === 'string' && name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length && isValidId(name);
}

/** 'number', 'text', 'color', 'choice', 'boolean', 'points' or 'custom'; UNKNOWN_PROPERTY otherwise. */
export function typeOf(name) {
  const spec = typeof name === 'string' ? SPECS.get(name) : undefined;
  if (spec) return spec.type;
  if (isCustomName(name)) return 'custom';
  throw new OtError('UNKNOWN_PROPERTY', `unknown property "${printable(name)}"; known: ${[...SPECS.keys()].join(', ')}, and data-<name> for custom values`);
}

/** The names of the built-in properties. */
export const builtInProperties = () => [...SPECS.keys()];

/** Throws unless `name` takes text edits (text, name). */
export function checkEditable(name) {
  if (typeOf(name) !== 'text') {
    throw new OtError('NOT_A_TEXT_PROPERTY', `property "${name}" is not text: only text and name take text edits; set it instead`);
  }
}

const describe = (v) => (v === null || v === undefined ? 'null' : typeof v === 'number' ? 'a number'
  : typeof v === 'string' ? 'a string' : typeof v === 'boolean' ? 'a boolean' : 'an array');
const plain = (v) => String(v);
const invalid = (name, message) => new OtError('INVALID_PROPERTY_VALUE', `property "${name}" ${message}`);

/**
 * Checks `value` (a number, string, boolean or array of numbers) against property `name`'s type
 * and range, not its length limit (checkSize). Returns the value as stored: -0 becomes 0, and
 * points a frozen copy.
 */
export function checkValue(name, value) {
  const type = typeOf(name);
  const spec = SPECS.get(name);
  switch (type) {
    case 'number': {
      if (typeof value !== 'number') throw invalid(name, `must be a number, got ${describe(value)}`);
      if (!Number.isFinite(value)) throw invalid(name, `must be a finite number, got ${value}`);
      if (value < spec.min || value > spec.max) throw invalid(name, `must be between ${plain(spec.min)} and ${plain(spec.max)}, got ${value}`);
      return value === 0 ? 0 : value;
    }
    case 'text':
      if (typeof value !== 'string') throw invalid(name, `must be a string, got ${describe(value)}`);
      codePointLengthStrict(value);
      return value;
    case 'color':
      if (typeof value !== 'string') throw invalid(name, `must be a string, got ${describe(value)}`);
      if (!COLOR.test(value)) throw invalid(name, `must be #rgb, #rgba, #rrggbb, #rrggbbaa or none, got "${printable(value)}"`);
      return value;
    case 'choice':
      if (typeof value !== 'string') throw invalid(name, `must be a string, got ${describe(value)}`);
      if (!spec.choices.includes(value)) throw invalid(name, `must be one of [${spec.choices.join(', ')}], got "${printable(value)}"`);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(name, `must be a boolean, got ${describe(value)}`);
      return value;
    case 'points': {
      if (!Array.isArray(value)) throw invalid(name, `must be an array of numbers x0, y0, x1, y1..., got ${describe(value)}`);
      for (let i = 0; i < value.length; i++) {
        if (typeof value[i] !== 'number') throw invalid(name, `coordinate ${i} is not a number`);
        if (!Number.isFinite(value[i])) throw invalid(name, `must be a finite number, got ${value[i]}`);
      }
      if (value.length % 2 !== 0 || value.length < 4) throw invalid(name, `must hold at least two points as x, y pairs, got ${value.length} numbers`);
      for (let i = 0; i < value.length; i++) {
        if (Math.abs(value[i]) > spec.max) throw invalid(name, `coordinate ${i} is ${value[i]}, beyond plus or minus ${plain(spec.max)}`);
      }
      return Object.freeze(value.map((x) => (x === 0 ? 0 : x)));
    }
    default: // custom
      if (typeof value === 'string') {
        codePointLengthStrict(value);
        return value;
      }
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw invalid(name, `must be a finite number, got ${value}`);
        if (Math.abs(value) > MAX_CUSTOM_NUMBER) throw invalid(name, `must be within plus or minus 2^53 - 1, got ${value}`);
        return value === 0 ? 0 : value;
      }
      if (typeof value === 'boolean') return value;
      throw invalid(name, `must be a string, a number or a boolean, got ${describe(value)}`);
  }
}

/** The limit on the length of text property `name`. */
export const maxLength = (name, limits) => (name === 'text' ? limits.maxTextLength : limits.maxStringLength);

/** Checks the length of a valid value of property `name` against `limits` (PROPERTY_TOO_LONG). */
export function checkSize(name, value, limits) {
  if (typeof value === 'string') {
    const max = maxLength(name, limits);
    // A UTF-16 length within the limit is a code point count within it too; count only past it.
    if (value.length > max && codePointLength(value) > max) {
      throw new OtError('PROPERTY_TOO_LONG', `property "${name}" is ${codePointLength(value)} characters long; the limit is ${max}`);
    }
  } else if (Array.isArray(value) && value.length / 2 > limits.maxPoints) {
    throw new OtError('PROPERTY_TOO_LONG', `property "${name}" has ${value.length / 2} points; the limit is ${limits.maxPoints}`);
  }
}

/** Whether two stored values are equal (points element by element). */
export function sameValue(a, b) {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
