suite_name=sip-interop
suite_runner=node
suite_run() {
  sb_build wasm >/dev/null || return 1
  # The core as WebAssembly agents in Node, through Kamailio, against JsSIP and SIPp: loopback only.
  sb_loopback_only node --test --test-reporter=spec --test-concurrency=1 "$SB_ROOT"/tests/interop/*.test.js
}
