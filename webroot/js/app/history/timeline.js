// The pure part of the history panel: the points of the timeline (editing sessions and named
// versions, oldest first, each with the point it is compared with), how a point is described,
// and restoring a version as the person's own edit.

/**
 * Points of the slider, oldest first: the end of each session (compared with the revision before
 * the session) and each named version (compared with the point before it).
 */
export function timelinePoints(sessions, versions, head) {
  const points = sessions.map((s) => ({
    kind: 'session', rev: s.to, prev: s.from - 1, time: Date.parse(s.end), session: s,
    title: `${s.revisions} change${s.revisions === 1 ? '' : 's'}`, authors: s.authors,
  }));
  const oldest = sessions.length ? Math.min(...sessions.map((s) => s.from)) - 1 : 0;
  for (const v of versions) {
    if (v.rev < oldest || v.rev > head) continue; // outside the sessions loaded so far
    points.push({
      kind: 'named', rev: v.rev, prev: 0, time: Date.parse(v.createdAt), name: v.name,
      title: v.name, authors: v.by ? [{ name: v.by.name || v.by.client, color: v.by.color }] : [],
    });
  }
  // By revision; a named version sorts after the session that ends at its revision.
  points.sort((a, b) => a.rev - b.rev || (a.kind === 'named') - (b.kind === 'named'));
  for (let i = 0; i < points.length; i++) {
    if (points[i].kind === 'named') points[i].prev = i > 0 ? points[i - 1].rev : Math.max(0, oldest);
  }
  return points;
}

/** "14:02, 12 min ago · Ana, Bo" for a session; "named 5 min ago by Ana" for a version. */
export function describePoint(p, now) {
  const ago = (ms) => {
    const s = Math.round((now - ms) / 1000);
    if (s < 60) return 'just now';
    if (s < 3600) return `${Math.floor(s / 60)} min ago`;
    if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
    return new Date(ms).toLocaleDateString();
  };
  if (p.kind === 'named') return `revision ${p.rev}, named ${ago(p.time)}${p.authors.length ? ` by ${p.authors[0].name}` : ''}`;
  return `revisions ${p.session.from}–${p.rev}, ${ago(p.time)}`;
}

/**
 * Restores revision `rev` as the person's own edit: the server's diff from the revision the
 * person's copy is at to `rev` (the document type's diff), applied to the editor and sent like
 * typing, so everyone sees it and undo takes it back. The copy must have no edits in flight and
 * must not move while the diff is fetched; if it moves, it is fetched again (at most 10 times).
 */
export async function restoreVersion({ api, doc, view, rev, attempts = 10, settle = settled }) {
  for (let i = 0; i < attempts; i++) {
    await settle(doc);
    const base = doc.revision;
    const { op } = await api.diff(base, rev);
    if (doc.revision === base && doc.unsentEdits === 0) {
      if (!view.applyOwnEdit(op)) throw new Error('the document cannot be edited right now');
      return base;
    }
  }
  throw new Error('the document kept changing; try again');
}

/** Waits (at most 10 s) until the document is open and has no edits waiting for the server. */
export async function settled(doc) {
  for (let i = 0; i < 200 && (doc.unsentEdits > 0 || doc.phase !== 'open'); i++) await new Promise((r) => setTimeout(r, 50));
  if (doc.unsentEdits > 0 || doc.phase !== 'open') throw new Error('your last edits have not reached the server yet');
}
