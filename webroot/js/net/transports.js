// The browser's sockets for Connection: a WebSocket at /ws, or SockJS at /sockjs (the vendored
// sockjs-client, loaded the first time it is needed).

const SOCKJS_SRC = '/vendor/sockjs-client/sockjs.min.js';
let sockJsLoading = null;

export function endpointsFor(location) {
  const secure = location.protocol === 'https:';
  return {
    ws: `${secure ? 'wss' : 'ws'}://${location.host}/ws`,
    sockjs: `${location.protocol}//${location.host}/sockjs`,
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
