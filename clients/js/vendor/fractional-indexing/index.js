// node_modules/fractional-indexing/src/index.js
var BASE_62_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
var BASE_52_DIGITS = BASE_62_DIGITS.slice(10);
var digitIndexCache = /* @__PURE__ */ new Map();
function getDigitIndex(digits) {
  let m = digitIndexCache.get(digits);
  if (m === void 0) {
    m = new Uint8Array(256);
    for (let i = 0; i < digits.length; i++) {
      m[digits.charCodeAt(i)] = i;
    }
    digitIndexCache.set(digits, m);
  }
  return m;
}
function midpoint(a, b, digits, lookup) {
  const zero = digits[0];
  if (b != null && a >= b) {
    throw new Error(a + " >= " + b);
  }
  if (a.slice(-1) === zero || b && b.slice(-1) === zero) {
    throw new Error("trailing zero");
  }
  if (b) {
    let n = 0;
    while ((a[n] || zero) === b[n]) {
      n++;
    }
    if (n > 0) {
      return b.slice(0, n) + midpoint(a.slice(n), b.slice(n), digits, lookup);
    }
  }
  const digitA = a ? (
    /** @type {number} */
    lookup[a.charCodeAt(0)]
  ) : 0;
  const digitB = b != null ? (
    /** @type {number} */
    lookup[b.charCodeAt(0)]
  ) : digits.length;
  if (digitB - digitA > 1) {
    const midDigit = Math.round(0.5 * (digitA + digitB));
    return digits[midDigit];
  } else {
    if (b && b.length > 1) {
      return b.slice(0, 1);
    } else {
      return digits[digitA] + midpoint(a.slice(1), null, digits, lookup);
    }
  }
}
function validateInteger(int, intDigits, intLookup) {
  if (int.length !== getIntegerLength(int[0], intDigits, intLookup)) {
    throw new Error("invalid integer part of order key: " + int);
  }
}
function getIntegerLength(head, intDigits, intLookup) {
  const i = intLookup[head.charCodeAt(0)];
  if (intDigits[i] === head) {
    const half = intDigits.length / 2;
    return i < half ? half - i + 1 : i - half + 2;
  }
  throw new Error("invalid order key head: " + head);
}
function getIntegerPart(key, intDigits, intLookup) {
  const integerPartLength = getIntegerLength(key[0], intDigits, intLookup);
  if (integerPartLength > key.length) {
    throw new Error("invalid order key: " + key);
  }
  return key.slice(0, integerPartLength);
}
function validateOrderKey(key, digits, intDigits, intLookup) {
  if (isSmallestInteger(key, digits, intDigits)) {
    throw new Error("invalid order key: " + key);
  }
  const i = getIntegerPart(key, intDigits, intLookup);
  const f = key.slice(i.length);
  if (f.slice(-1) === digits[0]) {
    throw new Error("invalid order key: " + key);
  }
}
function incrementInteger(x, digits, lookup, intDigits, intLookup) {
  validateInteger(x, intDigits, intLookup);
  const head = x[0];
  const zero = digits[0];
  let trailing = "";
  for (let i = x.length - 1; i >= 1; i--) {
    const d = (
      /** @type {number} */
      lookup[x.charCodeAt(i)] + 1
    );
    if (d === digits.length) {
      trailing = zero + trailing;
    } else {
      return head + x.slice(1, i) + digits[d] + trailing;
    }
  }
  const headIndex = intLookup[head.charCodeAt(0)];
  if (headIndex === intDigits.length - 1) {
    return null;
  }
  const h = intDigits[headIndex + 1];
  const lengthDelta = getIntegerLength(h, intDigits, intLookup) - getIntegerLength(head, intDigits, intLookup);
  return h + (lengthDelta > 0 ? trailing + zero : lengthDelta < 0 ? trailing.slice(1) : trailing);
}
function decrementInteger(x, digits, lookup, intDigits, intLookup) {
  validateInteger(x, intDigits, intLookup);
  const head = x[0];
  const last = digits[digits.length - 1];
  let trailing = "";
  for (let i = x.length - 1; i >= 1; i--) {
    const d = (
      /** @type {number} */
      lookup[x.charCodeAt(i)] - 1
    );
    if (d === -1) {
      trailing = last + trailing;
    } else {
      return head + x.slice(1, i) + digits[d] + trailing;
    }
  }
  const headIndex = intLookup[head.charCodeAt(0)];
  if (headIndex === 0) {
    return null;
  }
  const h = intDigits[headIndex - 1];
  const lengthDelta = getIntegerLength(h, intDigits, intLookup) - getIntegerLength(head, intDigits, intLookup);
  return h + (lengthDelta > 0 ? trailing + last : lengthDelta < 0 ? trailing.slice(1) : trailing);
}
var repeatedKeysCache = /* @__PURE__ */ new Map();
function isSmallestInteger(key, digits, intDigits) {
  let byDigit = repeatedKeysCache.get(intDigits);
  if (byDigit === void 0) {
    byDigit = /* @__PURE__ */ new Map();
    repeatedKeysCache.set(intDigits, byDigit);
  }
  const zeroCode = digits.charCodeAt(0);
  let cached = byDigit.get(zeroCode);
  if (cached === void 0) {
    cached = intDigits[0] + digits[0].repeat(intDigits.length / 2);
    byDigit.set(zeroCode, cached);
  }
  return key === cached;
}
function isStrictlyAscending(s) {
  for (let i = 1; i < s.length; i++) {
    if (s.charCodeAt(i - 1) >= s.charCodeAt(i)) {
      return false;
    }
  }
  return true;
}
function isSingleByte(s) {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 255) {
      return false;
    }
  }
  return true;
}
var validatedDigits = /* @__PURE__ */ new Set();
function validateDigits(digits) {
  if (validatedDigits.has(digits)) {
    return;
  }
  if (digits.length < 2 || !isStrictlyAscending(digits)) {
    throw new Error(
      "digits must be at least 2 characters in strictly ascending character code order: " + digits
    );
  }
  if (!isSingleByte(digits)) {
    throw new Error("digits must be single-byte (char code 0-255): " + digits);
  }
  validatedDigits.add(digits);
}
var validatedIntDigits = /* @__PURE__ */ new Set();
function validateIntDigits(intDigits) {
  if (validatedIntDigits.has(intDigits)) {
    return;
  }
  if (intDigits.length < 2 || intDigits.length % 2 !== 0 || !isStrictlyAscending(intDigits)) {
    throw new Error(
      "intDigits must be an even number of at least 2 characters in strictly ascending character code order: " + intDigits
    );
  }
  if (!isSingleByte(intDigits)) {
    throw new Error(
      "intDigits must be single-byte (char code 0-255): " + intDigits
    );
  }
  validatedIntDigits.add(intDigits);
}
function generateKeyBetween(a, b, digits = void 0, intDigits = void 0) {
  if (intDigits !== void 0) {
    validateIntDigits(intDigits);
  } else {
    intDigits = digits ?? BASE_52_DIGITS;
  }
  if (digits !== void 0) {
    validateDigits(digits);
  } else {
    digits = BASE_62_DIGITS;
  }
  const lookup = getDigitIndex(digits);
  const intLookup = getDigitIndex(intDigits);
  if (a != null) {
    validateOrderKey(a, digits, intDigits, intLookup);
  }
  if (b != null) {
    validateOrderKey(b, digits, intDigits, intLookup);
  }
  if (a != null && b != null) {
    if (a > b) {
      const temp = a;
      a = b;
      b = temp;
    }
  }
  if (a == null) {
    if (b == null) {
      const head = intDigits[intDigits.length / 2];
      return head + digits[0];
    }
    const ib2 = getIntegerPart(b, intDigits, intLookup);
    const fb2 = b.slice(ib2.length);
    if (isSmallestInteger(ib2, digits, intDigits)) {
      return ib2 + midpoint("", fb2, digits, lookup);
    }
    if (ib2 < b) {
      return ib2;
    }
    const res = decrementInteger(ib2, digits, lookup, intDigits, intLookup);
    if (res == null) {
      throw new Error("cannot decrement any more");
    }
    return res;
  }
  if (b == null) {
    const ia2 = getIntegerPart(a, intDigits, intLookup);
    const fa2 = a.slice(ia2.length);
    const i2 = incrementInteger(ia2, digits, lookup, intDigits, intLookup);
    return i2 == null ? ia2 + midpoint(fa2, null, digits, lookup) : i2;
  }
  const ia = getIntegerPart(a, intDigits, intLookup);
  const fa = a.slice(ia.length);
  const ib = getIntegerPart(b, intDigits, intLookup);
  const fb = b.slice(ib.length);
  if (ia === ib) {
    return ia + midpoint(fa, fb, digits, lookup);
  }
  const i = incrementInteger(ia, digits, lookup, intDigits, intLookup);
  if (i == null) {
    throw new Error("cannot increment any more");
  }
  if (i < b) {
    return i;
  }
  return ia + midpoint(fa, null, digits, lookup);
}
function generateNKeysBetween(a, b, n, digits = void 0, intDigits = void 0) {
  if (intDigits !== void 0) {
    validateIntDigits(intDigits);
  } else {
    intDigits = digits ?? BASE_52_DIGITS;
  }
  if (digits !== void 0) {
    validateDigits(digits);
  } else {
    digits = BASE_62_DIGITS;
  }
  if (n === 0) {
    return [];
  }
  if (n === 1) {
    return [generateKeyBetween(a, b, digits, intDigits)];
  }
  if (b == null) {
    let c2 = generateKeyBetween(a, b, digits, intDigits);
    const result = [c2];
    for (let i = 0; i < n - 1; i++) {
      c2 = generateKeyBetween(c2, b, digits, intDigits);
      result.push(c2);
    }
    return result;
  }
  if (a == null) {
    let c2 = generateKeyBetween(a, b, digits, intDigits);
    const result = [c2];
    for (let i = 0; i < n - 1; i++) {
      c2 = generateKeyBetween(a, c2, digits, intDigits);
      result.push(c2);
    }
    result.reverse();
    return result;
  }
  const mid = Math.floor(n / 2);
  const c = generateKeyBetween(a, b, digits, intDigits);
  return [
    ...generateNKeysBetween(a, c, mid, digits, intDigits),
    c,
    ...generateNKeysBetween(c, b, n - mid - 1, digits, intDigits)
  ];
}
export {
  BASE_52_DIGITS,
  BASE_62_DIGITS,
  generateKeyBetween,
  generateNKeysBetween
};
