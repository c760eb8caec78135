suite_name=package
suite_runner=node
suite_run() {
  "$SB_ROOT/scripts/package" || return 1
  node --test --test-reporter=spec "$SB_ROOT"/package-manifest/test/metadata.test.mjs "$SB_ROOT"/package-manifest/test/package.test.mjs
}
