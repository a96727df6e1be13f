// Answers fractional-index questions with the npm package itself, for the Java port's
// differential test (FractionalIndexDifferentialTest in src/ot). Reads one JSON array of cases on
// standard input and writes one JSON array of answers, in order, on standard output:
//   {"between": [a, b]}     -> {"key": "..."} or {"error": "..."}   (generateKeyBetween)
//   {"n": [a, b, count]}    -> {"keys": [...]} or {"error": "..."}  (generateNKeysBetween)
//   {"valid": key}          -> {"valid": true|false}  (whether the package accepts key as a bound)
// One process answers every case of a test run, so node starts once.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";

function answer(c) {
  try {
    if ("between" in c) {
      return { key: generateKeyBetween(c.between[0], c.between[1]) };
    }
    if ("n" in c) {
      return { keys: generateNKeysBetween(c.n[0], c.n[1], c.n[2]) };
    }
    if ("valid" in c) {
      generateKeyBetween(c.valid, null);
      return { valid: true };
    }
    return { error: "unknown case " + JSON.stringify(c) };
  } catch (e) {
    return "valid" in c ? { valid: false } : { error: String(e && e.message) };
  }
}

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify(cases.map(answer)));
