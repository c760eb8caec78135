function(sb_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wswitch -Wnon-virtual-dtor
                                           -Wconversion -Wno-sign-conversion)
endfunction()
