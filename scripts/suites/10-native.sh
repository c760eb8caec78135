suite_name=core-native
suite_runner=ctest
suite_run() {
  sb_build native || return 1
  ctest --preset native
}
