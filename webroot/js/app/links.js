// Links in rich text: the server takes http, https and mailto URLs only (with a host after
// "//", no control characters, at most 2,048 units; see docs/RICH-TEXT.md). What a person types
// into the link box is made into such a URL, so that a link never gets a document refused.

const MAX = 2048;
const ALLOWED = /^(https?:\/\/[^/?#]|mailto:.)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/*/i;

/** `url` as a link the server accepts: kept if it is one, else read as a web address. */
export function safeLink(url) {
  // eslint-disable-next-line no-control-regex
  const clean = String(url).replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  if (ALLOWED.test(clean)) return clean.slice(0, MAX);
  if (/^[^\s@/:]+@[^\s@/:]+\.[^\s@/:]+$/.test(clean)) return `mailto:${clean}`.slice(0, MAX);
  const rest = clean.replace(SCHEME, '').replace(/^\/+/, '') || 'example.com';
  return `https://${rest}`.slice(0, MAX);
}
