suite_name=console
suite_runner=node
# The Lightning console emulator, its Open CTI library and the shim's Open CTI handlers: Node tests
# and Chromium, all inside a loopback-only network namespace. Screenshots: build/screenshots/console/.
suite_run() {
  sb_loopback_only node --test --test-reporter=spec "$SB_ROOT"/tests/console/*.test.js
}
