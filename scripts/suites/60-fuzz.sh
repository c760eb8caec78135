suite_name=fuzz
suite_runner=tally
# Each libFuzzer target runs 60 s in CI and about 15 s otherwise; a target passes when it ran its
# time without a crash, a leak or a hang (scripts/fuzz prints the tally and keeps failing inputs).
suite_run() {
  local seconds=15
  [ "${CI:-}" = true ] && seconds=60
  "$SB_ROOT/scripts/fuzz" "$seconds"
}
