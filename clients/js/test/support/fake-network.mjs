// Sockets between browser-side code and a FakeServer, with random per-message delays (order
// kept per direction, as TCP does) and connections the test can cut. An `openSocket` for
// Connection that never reaches the server can be made with `down = true`.
export class FakeNetwork {
  constructor({ server, time, random, minDelay = 1, maxDelay = 40 }) {
    this.server = server;
    this.time = time;
    this.random = random;
    this.minDelay = minDelay;
    this.maxDelay = maxDelay;
    this.down = false;
    this.links = new Set();
  }

  delay() {
    return this.minDelay + Math.floor(this.random() * (this.maxDelay - this.minDelay + 1));
  }

  /** A WebSocket-like object for Connection's openSocket. */
  openSocket = () => {
    const net = this;
    const link = { alive: true, toServerAt: 0, toClientAt: 0 };
    const socket = {
      onopen: null, onmessage: null, onclose: null, onerror: null,
      send(text) {
        if (!link.alive) return;
        const at = Math.max(link.toServerAt, net.time.now() + net.delay());
        link.toServerAt = at;
        net.time.setTimeout(() => { if (link.serverAlive) link.server.receive(text); }, at - net.time.now());
      },
      close() { net.cut(link, { clientInitiated: true }); },
    };
    link.socket = socket;
    if (this.down) {
      this.time.setTimeout(() => socket.onclose && socket.onclose({ code: 1006 }), this.delay());
      return socket;
    }
    this.links.add(link);
    link.serverAlive = true;
    link.server = this.server.connect((frame) => {
      if (!link.alive) return;
      const at = Math.max(link.toClientAt, net.time.now() + net.delay());
      link.toClientAt = at;
      net.time.setTimeout(() => { if (link.alive && socket.onmessage) socket.onmessage({ data: frame }); }, at - net.time.now());
    });
    this.time.setTimeout(() => { if (link.alive && socket.onopen) socket.onopen(); }, this.delay());
    return socket;
  };

  /**
   * Cuts a connection. The client hears of it at once; the server only after what the client
   * had already sent has arrived (or been lost, when `loseInFlight`).
   */
  cut(link, { clientInitiated = false, loseInFlight = false } = {}) {
    if (!link.alive) return;
    link.alive = false;
    this.links.delete(link);
    if (loseInFlight) link.serverAlive = false;
    const serverCloseIn = Math.max(0, link.toServerAt - this.time.now()) + this.delay();
    if (link.server) this.time.setTimeout(() => { link.serverAlive = false; link.server.close(); }, serverCloseIn);
    if (!clientInitiated && link.socket.onclose) link.socket.onclose({ code: 1006 });
  }

  cutAll(options) {
    for (const link of [...this.links]) this.cut(link, options);
  }

  cutRandom(options) {
    const list = [...this.links];
    if (list.length) this.cut(list[Math.floor(this.random() * list.length)], options);
  }
}
