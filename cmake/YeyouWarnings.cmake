# Warnings (as errors) for Yeyou's own targets only; third-party code such as
# the Dear ImGui SDL backends is compiled without them.
function(yeyou_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wconversion -Wno-sign-conversion -Wdouble-promotion -Wformat=2)
  if(YEYOU_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # Release keeps assertions: scripts/test builds "Release with assertions".
  target_compile_options(${target} PRIVATE $<$<CONFIG:Release>:-UNDEBUG>)
endfunction()
