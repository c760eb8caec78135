# One ctest test per doctest test suite, for the native and the WASM test binary alike. (doctest's own
# discovery launches the binary once per test case at build time and again per case at test time,
# which under Node multiplies start-up cost by hundreds.)
function(sb_add_doctest_suites target prefix)
  set(ctest_file "${CMAKE_CURRENT_BINARY_DIR}/${target}_suites.cmake")
  get_property(emulator TARGET ${target} PROPERTY CROSSCOMPILING_EMULATOR)
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND "${CMAKE_COMMAND}" -D "EXE=$<TARGET_FILE:${target}>" -D "EMULATOR=${emulator}"
            -D "OUT=${ctest_file}" -D "PREFIX=${prefix}"
            -P "${PROJECT_SOURCE_DIR}/cmake/DoctestSuitesScan.cmake"
    VERBATIM)
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${ctest_file}")
endfunction()
