# The softphone: bundle build (with its size budget), the UI rendered from fixture views, the real
# core in the page (wasm and wasm2js under CSP), the media handlers with WebRTC in Chromium, and the
# WebSocket and media-stub handlers in Node. Browsers and servers run in a loopback-only namespace.
suite_name=softphone-ui
suite_runner=node
suite_run() {
  sb_build wasm >/dev/null || return 1
  "$SB_ROOT/scripts/build-softphone" || return 1
  sb_loopback_only node --test --test-reporter=spec "$SB_ROOT"/tests/browser/softphone-*.test.js
}
