// The person's display name and colour, chosen on the first visit and kept in localStorage.

const KEY = 'tandem.identity';

/** Colours that carry white text (name flags) and stay distinct from each other. */
export const PALETTE = [
  { color: '#d81b60', name: 'Raspberry' },
  { color: '#8e24aa', name: 'Plum' },
  { color: '#5e35b1', name: 'Violet' },
  { color: '#3949ab', name: 'Indigo' },
  { color: '#1e88e5', name: 'Blue' },
  { color: '#00838f', name: 'Teal' },
  { color: '#2e7d32', name: 'Green' },
  { color: '#ef6c00', name: 'Orange' },
  { color: '#c62828', name: 'Red' },
  { color: '#6d4c41', name: 'Brown' },
];

const ADJECTIVES = ['Curious', 'Quiet', 'Bright', 'Gentle', 'Swift', 'Brave', 'Calm', 'Witty', 'Kind', 'Bold'];
const ANIMALS = ['Otter', 'Heron', 'Fox', 'Lynx', 'Wren', 'Badger', 'Panda', 'Falcon', 'Koala', 'Moose'];

export const MAX_NAME = 64;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export function randomIdentity(random = Math.random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  return { name: `${pick(ADJECTIVES)} ${pick(ANIMALS)}`, color: pick(PALETTE).color };
}

/** A valid identity from whatever was given, or null. */
export function cleanIdentity(value) {
  if (!value || typeof value.name !== 'string' || typeof value.color !== 'string') return null;
  const name = value.name.trim().slice(0, MAX_NAME);
  if (!name || !COLOR.test(value.color)) return null;
  return { name, color: value.color.toLowerCase() };
}

/** The saved identity, or null on the first visit. */
export function loadIdentity(storage = globalThis.localStorage) {
  try {
    return cleanIdentity(JSON.parse(storage.getItem(KEY)));
  } catch {
    return null;
  }
}

export function saveIdentity(identity, storage = globalThis.localStorage) {
  const clean = cleanIdentity(identity);
  if (!clean) throw new Error('a name and a #rrggbb colour are needed');
  storage.setItem(KEY, JSON.stringify(clean));
  return clean;
}
