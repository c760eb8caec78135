suite_name=core-sanitizers
suite_runner=ctest
suite_run() {
  sb_build native-asan || return 1
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --preset native-asan
}
