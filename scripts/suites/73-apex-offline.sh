suite_name=apex-offline
suite_runner=node
suite_run() {
  # Apex needs an org to compile and run its tests; offline: parse + format check, test coverage of
  # every class and error path, the documented contract, and the expected HMAC values.
  node --test --test-reporter=spec "$SB_ROOT"/package-manifest/test/apex.test.mjs
}
