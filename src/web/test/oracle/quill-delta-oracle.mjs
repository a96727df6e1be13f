// The reference for Tandem's rich-text type: runs cases through quill-delta and prints its results.
//
// Usage: node quill-delta-oracle.mjs [CASES.json]   (reads standard input without a file)
// Input: a JSON array of cases, each one of
//   {"op":"compose", "a":DELTA, "b":DELTA}                   a.compose(b)
//   {"op":"transform", "a":DELTA, "b":DELTA, "priority":B}   a.transform(b, priority)
//   {"op":"transformPosition", "a":DELTA, "index":N, "priority":B}
//   {"op":"invert", "a":DELTA, "base":DELTA}                 a.invert(base)
//   {"op":"diff", "a":DELTA, "b":DELTA}                      a.diff(b)
// Output: a JSON array with one result per case: a delta, a number, or {"error": message}.
// Deltas are written with each op's keys in one order (insert/retain/delete, then attributes)
// and attribute names sorted, the order Tandem writes them in; quill-delta's own key order
// depends on how an op was built and carries no meaning.
import { readFileSync } from 'node:fs';
import Delta from 'quill-delta';

function sortedKeys(object) {
  const out = {};
  for (const key of Object.keys(object).sort()) {
    out[key] = object[key];
  }
  return out;
}

function canonicalOp(op) {
  const out = {};
  for (const kind of ['insert', 'retain', 'delete']) {
    if (op[kind] !== undefined) {
      out[kind] = op[kind];
    }
  }
  if (op.attributes !== undefined) {
    out.attributes = sortedKeys(op.attributes);
  }
  return out;
}

function canonical(delta) {
  return { ops: delta.ops.map(canonicalOp) };
}

function run(c) {
  const a = new Delta(c.a);
  switch (c.op) {
    case 'compose':
      return canonical(a.compose(new Delta(c.b)));
    case 'transform':
      return canonical(a.transform(new Delta(c.b), c.priority));
    case 'transformPosition':
      return a.transformPosition(c.index, c.priority);
    case 'invert':
      return canonical(a.invert(new Delta(c.base)));
    case 'diff':
      return canonical(a.diff(new Delta(c.b)));
    default:
      throw new Error(`unknown case op ${c.op}`);
  }
}

const input = readFileSync(process.argv[2] ?? 0, 'utf8');
const cases = JSON.parse(input);
const results = cases.map((c) => {
  try {
    return run(c);
  } catch (e) {
    return { error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(results));
