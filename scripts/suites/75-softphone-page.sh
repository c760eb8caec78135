suite_name=softphone-page
suite_runner=node
suite_run() {
  [ -f "$SB_ROOT/build/package/components.json" ] || "$SB_ROOT/scripts/package" >/dev/null || return 1
  # Chromium and the page's server live in a loopback-only network namespace.
  sb_loopback_only node --test --test-reporter=spec "$SB_ROOT"/package-manifest/test/softphone-page.test.mjs
}
