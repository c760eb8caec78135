suite_name=shim-node
suite_runner=node
suite_run() {
  sb_build wasm >/dev/null || return 1
  node --no-experimental-fetch --test --test-reporter=spec "$SB_ROOT"/js-shim/test/*.test.js
}
