// The Switchboard telephony lab: import everything from here (see docs/lab.md).
export { startKamailio, ephemeralCredentials, sipOptionsPing, LAB_DOMAIN } from './lib/kamailio.js';
export { jssipPeer, connectPeer, Call } from './lib/jssip-peer.js';
export { runSipp, runSippLoad, describeSipp, SIPP_SCENARIOS } from './lib/sipp.js';
export { startStaticServer, launchBrowser, openCustomer, buildCustomerBundle, CHROMIUM_ARGS } from './lib/browser.js';
export { stopAll, stillRunning } from './lib/cleanup.js';
export { EventQueue, EventTimeoutError, withTimeout } from './lib/events.js';
export { StaticSdpPeerConnection, parseSdp } from './lib/static-sdp.js';
