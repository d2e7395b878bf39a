# PHUM_SANITIZE and PHUM_FUZZ apply to every target, our libraries included: the fuzzers need
# coverage of the code they drive, and a sanitizer must see the whole program.
if(PHUM_SANITIZE)
  add_compile_options(-fsanitize=${PHUM_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${PHUM_SANITIZE})
endif()
if(PHUM_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PHUM_FUZZ needs clang with libFuzzer (Debian clang-16, libfuzzer-16-dev, "
                        "libclang-rt-16-dev): configure with -DCMAKE_CXX_COMPILER=clang++-16 "
                        "-DCMAKE_C_COMPILER=clang-16")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
