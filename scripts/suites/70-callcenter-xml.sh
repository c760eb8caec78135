suite_name=callcenter-xml
suite_runner=node
suite_run() {
  # Valid files pass, each broken rule gives its own error; the generated files are up to date.
  node --test --test-reporter=spec "$SB_ROOT"/callcenter-xml/test/*.test.mjs
}
