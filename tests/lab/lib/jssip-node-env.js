// Injected by esbuild into the Node build of JsSIP (see jssip-node.js): the browser globals JsSIP
// reads, as module-local bindings. Nothing is added to Node's global object, so code that detects a
// browser by `typeof window` (Emscripten glue, the shim) is not fooled in the same process.
import { StaticSdpPeerConnection, StaticSessionDescription } from './static-sdp.js';

export const RTCPeerConnection = StaticSdpPeerConnection;
export const RTCSessionDescription = StaticSessionDescription;
export const window = { RTCPeerConnection: StaticSdpPeerConnection };

// JsSIP's SIP timers (transaction timers up to 32 s, reconnection back-off) must not keep a test
// process alive once its peers are stopped; an open WebSocket still does while a peer runs.
const unref = (timer) => {
  timer?.unref?.();
  return timer;
};
const nodeSetTimeout = globalThis.setTimeout;
const nodeSetInterval = globalThis.setInterval;
function unrefSetTimeout(...args) {
  return unref(nodeSetTimeout(...args));
}
function unrefSetInterval(...args) {
  return unref(nodeSetInterval(...args));
}
export { unrefSetTimeout as setTimeout, unrefSetInterval as setInterval };
