suite_name=e2e-opencti
suite_runner=node
suite_run() {
  sb_build wasm >/dev/null || return 1
  "$SB_ROOT/scripts/build-softphone" >/dev/null || return 1
  # Chromium, the console emulator, Kamailio and customer pages: loopback only. Screenshots of every
  # softphone state land in build/screenshots/e2e/.
  sb_loopback_only node --test --test-reporter=spec --test-timeout=600000 "$SB_ROOT"/tests/e2e/*.test.js
}
