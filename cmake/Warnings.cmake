# Warnings as errors for our own code; generated protobuf sources are compiled without them.
function(phum_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror -Wno-missing-field-initializers)
endfunction()
