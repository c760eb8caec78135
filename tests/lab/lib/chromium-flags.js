// The command-line flags every headless Chromium in the tests starts with (the lab, the softphone
// tests, the console emulator, the package's page test and screenshot renderer): no sandbox (CI runs
// as root), no GPU, and no traffic of its own — the tests' network namespace has only loopback.
export const CHROMIUM_BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// WebRTC on loopback with a fake microphone (a beeping tone) and no permission prompt.
export const WEBRTC_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--autoplay-policy=no-user-gesture-required',
];
