suite_name=core-wasm
suite_runner=ctest
suite_run() {
  sb_build wasm || return 1
  ctest --preset wasm || return 1
  # The same doctest suites natively and under Node: the case counts must match.
  local native wasm
  native=$("$SB_ROOT/build/native/wasm/tests/switchboard_tests" --no-colors=true | grep -a '^\[doctest\] test cases:')
  wasm=$(node --no-experimental-fetch "$SB_ROOT/build/wasm/wasm/tests/switchboard_tests.js" --no-colors=true | grep -a '^\[doctest\] test cases:')
  echo "native: $native"
  echo "wasm:   $wasm"
  [ -n "$native" ] && [ "$native" = "$wasm" ] || { echo "native and WASM doctest counts differ"; return 1; }
}
