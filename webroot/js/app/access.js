// The access token for a node that requires one (docs/PROTOCOL.md, "Access"). The application
// that sends people here puts it in the link's fragment, /d/notes#token=..., which browsers never
// send to a server (no logs keep it); the page keeps it in sessionStorage for this tab and drops
// it from the address bar. A node in open mode needs none.

const KEY = 'tandem.token';

/** The token for this tab: from the link's fragment if it has one, else the one kept. */
export function currentToken() {
  const match = typeof location === 'undefined' ? null : /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    saveToken(decodeURIComponent(match[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // private mode without storage: the token lasts as long as the page
  }
}

/** Asks the person for a token (the page cannot mint one); true if one was given. */
export function askForToken(why) {
  const token = prompt(`${why}\n\nPaste an access token (scripts/tandem-token makes one for a local node):`);
  if (!token || !token.trim()) return false;
  saveToken(token.trim());
  return true;
}

/** Headers for REST calls: the bearer token, when there is one. */
export function authHeaders() {
  const token = currentToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}
