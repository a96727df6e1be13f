// Connects one document's DocSync to a Connection: opens the document whenever the
// connection is (re)established, routes the document's messages, and reconnects when the
// document asks for it. Presence messages ('presence', 'left', and the roster in 'opened')
// go to `onPresence`. Returns a function that undoes the wiring.

const SYNC_TYPES = new Set(['opened', 'op', 'ack', 'error', 'closed']);

/**
 * @param {import('../net/connection.js').Connection} connection
 * @param {import('./doc-sync.js').DocSync} sync
 * @param {{ onPresence?: (msg: any) => void }} [options]
 */
export function wireDocument(connection, sync, { onPresence = () => {} } = {}) {
  const offs = [
    connection.on('ready', () => sync.connected()),
    connection.on('closed', () => sync.disconnected()),
    connection.on('message', (msg) => {
      if (msg.doc !== undefined && msg.doc !== sync.doc) return;
      if (msg.type === 'error' && msg.doc === undefined && !msg.resync) return; // about the connection
      if (SYNC_TYPES.has(msg.type)) sync.receive(msg);
      if (msg.type === 'presence' || msg.type === 'left' || msg.type === 'opened') onPresence(msg);
    }),
    sync.on('reconnect', ({ delayMs }) => connection.reconnect(delayMs)),
  ];
  sync.send = (msg) => connection.send(msg);
  if (connection.state === 'ready') sync.connected();
  return () => offs.forEach((off) => off());
}
