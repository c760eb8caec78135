// ws.connect / ws.send / ws.close with a WebSocket class (the browser's, or the `ws` package's in
// Node). Every socket reports ws.open, ws.message and exactly one ws.closed with the core's `conn`.

const decoder = new TextDecoder();

// SIP over WebSocket may use binary frames (RFC 7118); the core only reads text.
function frameText(data) {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return decoder.decode(new Uint8Array(data));
  if (ArrayBuffer.isView(data)) return decoder.decode(data);
  if (Array.isArray(data)) return data.map(frameText).join(''); // `ws` fragments
  return String(data);
}

export function websocketHandlers({ WebSocket: Socket = globalThis.WebSocket, logger = console } = {}) {
  const sockets = new Map(); // conn → WebSocket

  const handlers = {
    'ws.connect': ({ conn, url, protocols }, post) => {
      const previous = sockets.get(conn);
      if (previous) {
        // The number is reused: the old socket goes away without reporting under the new one's name.
        logger.warn(`[switchboard] ws.connect: connection ${conn} was still open; closing the old socket`);
        sockets.delete(conn);
        previous.close(1000);
      }
      let socket;
      try {
        if (typeof Socket !== 'function') throw new Error('this environment has no WebSocket');
        socket = new Socket(url, Array.isArray(protocols) && protocols.length ? protocols : undefined);
      } catch (err) {
        // A malformed URL throws synchronously; the core learns it as a socket that never opened.
        post({ type: 'ws.closed', conn, code: 1006, reason: String(err?.message || err).slice(0, 256) });
        return;
      }
      socket.binaryType = 'arraybuffer';
      sockets.set(conn, socket);
      const current = () => sockets.get(conn) === socket;
      socket.onopen = () => current() && post({ type: 'ws.open', conn, ...(socket.protocol ? { protocol: socket.protocol } : {}) });
      socket.onmessage = (event) => current() && post({ type: 'ws.message', conn, data: frameText(event.data) });
      socket.onerror = () => {}; // a close event always follows
      socket.onclose = (event) => {
        if (!current()) return;
        sockets.delete(conn);
        post({ type: 'ws.closed', conn, code: event?.code ?? 1006, ...(event?.reason ? { reason: String(event.reason).slice(0, 256) } : {}) });
      };
    },
    'ws.send': ({ conn, data }) => {
      const socket = sockets.get(conn);
      if (!socket || socket.readyState !== 1) {
        logger.warn(`[switchboard] ws.send: connection ${conn} is not open; frame dropped`);
        return;
      }
      socket.send(data);
    },
    'ws.close': ({ conn }) => {
      const socket = sockets.get(conn);
      if (!socket) return;
      try {
        socket.close(1000);
      } catch (err) {
        logger.warn(`[switchboard] ws.close: ${err?.message || err}`);
      }
    },
  };
  handlers.closeAll = () => {
    for (const socket of sockets.values()) socket.close(1000);
  };
  return handlers;
}
