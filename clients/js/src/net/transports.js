// The browser's sockets for Connection: a WebSocket at /ws, or SockJS at /sockjs (the vendored
// sockjs-client, loaded the first time it is needed, from the package's vendor/ folder next to
// src/: the layout is the same on disk and where a server or CDN serves the package).

const SOCKJS_SRC = new URL('../../vendor/sockjs-client/sockjs.min.js', import.meta.url).href;
let sockJsLoading = null;

/** The WebSocket and SockJS URLs of the node at `location` (http(s) or ws(s), any path). */
export function endpointsFor(location) {
  const secure = location.protocol === 'https:' || location.protocol === 'wss:';
  return {
    ws: `${secure ? 'wss' : 'ws'}://${location.host}/ws`,
    sockjs: `${secure ? 'https' : 'http'}://${location.host}/sockjs`,
  };
}

export function loadSockJS() {
  if (globalThis.SockJS) return Promise.resolve(globalThis.SockJS);
  if (!sockJsLoading) {
    sockJsLoading = new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = SOCKJS_SRC;
      script.async = true;
      script.onload = () => resolve(globalThis.SockJS);
      script.onerror = () => {
        sockJsLoading = null;
        reject(new Error('could not load SockJS'));
      };
      document.head.append(script);
    });
  }
  return sockJsLoading;
}

/** openSocket for Connection. */
export function openSocket(kind, url) {
  if (kind === 'sockjs') {
    return loadSockJS().then((SockJS) => new SockJS(url));
  }
  return new WebSocket(url);
}
