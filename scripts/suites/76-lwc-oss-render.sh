suite_name=lwc-oss-render
suite_runner=tally
suite_run() {
  # The components as an admin sees them: built with LWC OSS and the base components, rendered in
  # Chromium (loopback-only network), each scenario free of page errors and showing what it should.
  # English only here; scripts/package --screenshots renders every language into docs/images.
  sb_loopback_only node "$SB_ROOT/package-manifest/tools/screenshots/render.mjs" --out "$SB_ROOT/build/docs-render/check" --lang en
}
