# nlohmann_json, fmt and doctest come from Debian packages. Under emcc, find_package() does not see
# /usr and -I/usr/include would pull glibc headers into the build, so the WASM build gets a private
# include folder holding links to just these three libraries.
add_library(sb_deps INTERFACE)

if(EMSCRIPTEN)
  set(SB_SYSINC "${CMAKE_BINARY_DIR}/sysinc")
  file(MAKE_DIRECTORY "${SB_SYSINC}")
  foreach(lib nlohmann fmt doctest)
    if(NOT EXISTS "/usr/include/${lib}")
      message(FATAL_ERROR "/usr/include/${lib} is missing: run scripts/setup")
    endif()
    file(CREATE_LINK "/usr/include/${lib}" "${SB_SYSINC}/${lib}" SYMBOLIC)
  endforeach()
  target_include_directories(sb_deps SYSTEM INTERFACE "${SB_SYSINC}")
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  find_package(fmt 9 REQUIRED)
  target_link_libraries(sb_deps INTERFACE nlohmann_json::nlohmann_json fmt::fmt-header-only)
endif()
