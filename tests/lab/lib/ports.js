// Free loopback ports, so that several labs (one per test file) can run side by side.
import net from 'node:net';
import dgram from 'node:dgram';

const HOST = '127.0.0.1';
const handedOut = new Set();

function tcpPort(port = 0) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port, host: HOST, exclusive: true }, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

function udpFree(port) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.once('error', () => resolve(false));
    socket.bind({ port, address: HOST, exclusive: true }, () => socket.close(() => resolve(true)));
  });
}

/** A port that is free on 127.0.0.1 for TCP (and for UDP too when `udp` is set). */
export async function freePort({ udp = false } = {}) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tcpPort();
    if (handedOut.has(port)) continue;
    if (udp && !(await udpFree(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error('freePort: no free loopback port found after 50 attempts');
}

/** Checks that a specific port can be bound (TCP, and UDP when asked); used for ports given by hand. */
export async function assertPortFree(port, { udp = false, name = 'port' } = {}) {
  try {
    await tcpPort(port);
  } catch (error) {
    throw new Error(`${name} ${port} is already in use on ${HOST} (tcp: ${error.code ?? error.message})`);
  }
  if (udp && !(await udpFree(port))) throw new Error(`${name} ${port} is already in use on ${HOST} (udp)`);
}

/** Resolves once a TCP connection to port succeeds, or rejects after timeoutMs. */
export async function waitForTcp(port, { timeoutMs = 10000, isAlive = () => true } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise((resolve) => {
      const socket = net.connect({ port, host: HOST });
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (!isAlive()) throw new Error(`nothing listens on tcp ${HOST}:${port} and the server has exited`);
    if (Date.now() > deadline) throw new Error(`nothing listens on tcp ${HOST}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
