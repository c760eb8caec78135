suite_name=bench-smoke
suite_runner=tally
suite_run() {
  # Every benchmark piece in quick mode (few rounds, fewer calls), then every figure must be there and
  # be a plausible number. Performance targets are printed by scripts/bench, never asserted here.
  local rc=0
  "$SB_ROOT/scripts/bench" --quick || rc=$?
  node "$SB_ROOT/bench/check-results.mjs" "$SB_ROOT/build/bench/results.json" || rc=1
  return $rc
}
