// What the status pill says about the connection and the document.

/**
 * @param {object} s { conn: Connection state, retryAt, now, online (navigator.onLine),
 *                     phase: DocSync phase, unsent, revision, transport,
 *                     paused: the document's savingPaused (acks overdue, or the server cannot save now),
 *                     refused: the server refused to open the document (a notice says why) }
 * @returns {{ tone: 'ok'|'busy'|'warn'|'bad', label: string, detail: string, canRetry: boolean, announce: string }}
 */
export function describeStatus(s) {
  const unsent = s.unsent > 0 ? `${s.unsent} unsent edit${s.unsent === 1 ? '' : 's'}` : '';
  const rev = s.revision === null || s.revision === undefined ? '' : `Revision ${s.revision}`;
  const join = (...parts) => parts.filter(Boolean).join(' · ');
  return { ...describe(s, unsent, rev, join), announce: announcement(s) };
}

/** What a screen reader is told: the state of the connection, without counters. */
function announcement(s) {
  if (s.conn === 'failed') return 'Disconnected';
  if (s.refused) return 'Not opened';
  if (s.conn === 'ready' && s.paused) return 'Saving paused; edits are kept';
  if (s.conn === 'ready' && s.phase === 'open') return 'Connected';
  if (s.conn === 'ready' || s.conn === 'connecting') return s.everConnected ? 'Reconnecting' : 'Connecting';
  return 'Offline; edits are kept on this device';
}

function describe(s, unsent, rev, join) {
  if (s.conn === 'failed') {
    return { tone: 'bad', label: 'Disconnected', detail: join('This version of the page is not supported by the server; reload it', unsent), canRetry: false };
  }
  if (s.refused) {
    // Not "Connecting…" for good: the server answered, and said no (the notice says why).
    return { tone: 'bad', label: 'Not opened', detail: join('The server refused this document', unsent), canRetry: false };
  }
  if (s.conn === 'ready' && s.paused) {
    // Connected, but the server cannot save (its database is away, say): the edits wait here.
    return { tone: 'warn', label: 'Saving paused', detail: join('The server cannot save right now; your edits are kept and sent when it can', unsent, rev), canRetry: false };
  }
  if (s.conn === 'ready' && s.phase === 'open') {
    return { tone: s.unsent > 0 ? 'busy' : 'ok', label: s.unsent > 0 ? 'Saving…' : 'Connected', detail: join(rev, unsent, s.transport === 'sockjs' ? 'via SockJS' : ''), canRetry: false };
  }
  if (s.conn === 'ready' || s.conn === 'connecting') {
    return { tone: 'busy', label: s.everConnected ? 'Reconnecting…' : 'Connecting…', detail: join(rev, unsent), canRetry: false };
  }
  if (s.online === false) {
    return { tone: 'warn', label: 'Offline', detail: join(unsent || 'Edits are kept on this device', rev), canRetry: true };
  }
  const secs = s.retryAt ? Math.max(0, Math.ceil((s.retryAt - s.now) / 1000)) : 0;
  return { tone: 'warn', label: secs > 0 ? `Offline, retrying in ${secs} s` : 'Offline, retrying…', detail: join(unsent || 'Edits are kept on this device', rev), canRetry: true };
}
